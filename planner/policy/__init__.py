"""School policy on online safety: the policy check and its proposals (check, proposals),
what the domain reads from the catalogue (references), contacts, agreements and the parents'
handout, incident follow-up without pupil data and its retention (incidents), and the evidence
for a school year (evidence). Its content tables are data files (data/*.yaml, read by content).
Refusals are PolicyError codes (errors), worded in planner/web/messages.py.

May import: plans, catalogue, accounts, schools and what lies below them; not evenings, its
neighbour in the same layer, nor exports or the web layer.
Its pages and commands (views, api, forms, cli) are the web layer: they may use any domain's
operations, never another blueprint's views.
"""

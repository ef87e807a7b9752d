"""Parent evenings: the programme of modules, the checklist, invitations and responses
from parents (without pupil data).

May import: plans, catalogue, accounts, schools and what lies below them; not policy, its
neighbour in the same layer, nor exports or the web layer.
Its pages and commands (views, api, forms, cli) are the web layer: they may use any domain's
operations, never another blueprint's views.
"""

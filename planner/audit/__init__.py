"""The audit log: who changed what in plans, classes and parent evenings.

May import: evenings, policy, plans, catalogue, accounts, schools and what lies below them;
not exports (its neighbour in the same layer) or the web layer.
Its pages and commands (views, api, forms, cli) are the web layer: they may use any domain's
operations, never another blueprint's views.
"""

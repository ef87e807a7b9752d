"""Year plans: a class's plan and the whole-school plan, the generator that spreads the
catalogue over the school weeks (the spiral of themes per grade), entries, progress and undo.

May import: catalogue, accounts, schools and what lies below them. Imported by evenings,
policy, exports, audit and the web layer.
Its pages and commands (views, api, forms, cli) are the web layer: they may use any domain's
operations, never another blueprint's views.
"""

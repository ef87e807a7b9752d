"""What leaves the app as a file: decks (.pptx, in a school's own template), workbooks
(.xlsx), documents and calendar feeds (.ics), each described first and then rendered.

May import: evenings, policy, plans, catalogue, accounts, schools and what lies below them; not
audit (its neighbour in the same layer) or the web layer.
Its pages and commands (views, api, forms, cli) are the web layer: they may use any domain's
operations, never another blueprint's views.
"""

"""The catalogue of lessons, team items, parent-evening modules and help lines: content files
read and checked (front matter within limits, markdown, slides), loaded into the database,
searched and filtered; a school's own uploaded items.

May import: accounts, schools and what lies below them (core, mail, locking, the kernel).
Imported by plans and every layer above.
Its pages and commands (views, api, forms, cli) are the web layer: they may use any domain's
operations, never another blueprint's views.
"""

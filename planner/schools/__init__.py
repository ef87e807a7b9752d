"""Schools and their classes, school years and calendars (calendar/: holidays, days off,
theme weeks for NL and Flanders), and the Dutch schools register.

May import: core, mail, locking and the kernel (config, clock, i18n, grades, errors,
extensions). Imported by accounts and every layer above.
Its pages and commands (views, api, forms, cli) are the web layer: they may use any domain's
operations, never another blueprint's views.
"""

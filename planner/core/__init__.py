"""Shared groundwork under the domains: the base form and stored-text rules, request-size
limits, URL converters, safe redirects, and SQLite backup; and (views, cli) the pages and
commands that belong to no single domain: the start page, the language switch, error pages.

May import: the kernel only (config, clock, i18n, grades, errors, extensions). Imported by every
domain above it (schools and up).
Its pages and commands (views, api, forms, cli) are the web layer: they may use any domain's
operations, never another blueprint's views.
"""

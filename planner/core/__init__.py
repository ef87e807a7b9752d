"""The bottom of the house for pages: base forms, text cleaning, routing, safe redirects and
request-size limits.

Imports only the kernel (config, clock, i18n, errors, grades, extensions); every package above
may import it. Pages themselves (the start page, error pages) live in planner/web/.
"""

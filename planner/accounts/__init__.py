"""Staff accounts: users and their roles, invitations, sign-in, password resets, sessions
and who may edit which class (permissions). No pupil data, ever.

May import: schools and what lies below it (core, mail, locking, the kernel: config, clock,
i18n, grades, errors, extensions). Imported by catalogue and every layer above.
Its pages and commands (views, api, forms, cli) are the web layer: they may use any domain's
operations, never another blueprint's views.
"""

"""Staff accounts: roles, invitations, passwords, sessions and permissions. No pupil data, ever.

Owns the User model and its operations. May import schools (a user belongs to a school), core and
the kernel; catalogue, plans and everything above may import it.
"""

"""Schools, classes and closures, and the school-year calendars (calendar/: the school-year
model, Dutch data, Flemish rules, public holidays, theme weeks). operations.day_off,
is_school_day and school_days are the one answer to "is the school open on this day".

May import core, mail, locking and the kernel; every other domain may import it.
"""

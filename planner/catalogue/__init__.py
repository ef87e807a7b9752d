"""The catalogue: the content schema, reading and checking content files, sync, school items,
filters and search, pictures and printables.

May import accounts, schools, core and the kernel; plans and everything above may import it.
"""

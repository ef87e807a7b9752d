"""Backups: `flask backup` and `flask restore`, consistent copies of the SQLite database.

Owns the copying and checking of database files (sqlite.py) and their commands (cli.py).
Sits at the top of the house with the web layer: it may import the kernel (extensions) and
knows the migrations; no domain imports it.
"""

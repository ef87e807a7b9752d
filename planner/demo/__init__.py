"""`flask demo`: two complete schools to explore, made fresh for whatever day it is.

At the top of the house with the pages and commands: it may use every domain's operations.
"""

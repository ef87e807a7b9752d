"""Exports: deck descriptions shared by the slide preview and the files (descriptions first,
then the .pptx, .xlsx and .ics renderers), the school's slide template and calendar feeds.

May import every domain below it (evenings, policy, plans, catalogue, accounts, schools); only the
web layer, the demo and retention import it.
"""

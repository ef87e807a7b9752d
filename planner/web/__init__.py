"""The web layer's shared pieces: sentences for domain errors and days off, and page helpers.

Sits at the top of the house: it may import every domain; no domain imports it.
"""

"""Year plans: the generator, plan edits with undo, roll-over, progress, and coverage.py, the one
read model of grades x themes that the overview page and the school workbook share.

May import catalogue, accounts, schools, core and the kernel; evenings, policy and everything
above may import it.
"""

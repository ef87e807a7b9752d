"""Parent evenings: programme, invitation, parents' responses, checklist and handout.

May import plans, catalogue, accounts, schools, core and the kernel; exports, audit and the web
layer may import it.
"""

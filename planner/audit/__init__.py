"""The audit log: who changed what in plans, classes and parent evenings."""

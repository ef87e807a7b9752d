"""The policy domain's refusals: a code and its parameters (planner/web/messages.py)."""

from __future__ import annotations

from planner.errors import DomainError


class PolicyError(DomainError):
    """Something that cannot be done; its code names why."""

"""Passwords people are known to choose: refused, whatever their length.

The list is zxcvbn's 30,000 most common passwords from real breaches (the package that
Dropbox's password meter grew from), compared without regard to case.
"""

from __future__ import annotations

from functools import cache

from zxcvbn.frequency_lists import FREQUENCY_LISTS


@cache
def _common() -> frozenset[str]:
    return frozenset(FREQUENCY_LISTS["passwords"])


def is_common(password: str) -> bool:
    """Whether the password (in any case) is one of the most common ones."""
    return password.strip().lower() in _common()

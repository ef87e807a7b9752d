"""Domain errors: what went wrong as a code and its parameters, never as a sentence.

Operations raise these; the web layer and the command line turn them into a sentence in
their own language (planner/web/messages.py), so domain code never needs a request or a
locale to say no.
"""

from __future__ import annotations

from typing import ClassVar


class DomainError(Exception):
    """Something a user asked that cannot be done. `code` names it; `params` fill the sentence."""

    status: ClassVar[int] = 400
    # Prefix of the code in the table of sentences, for errors whose codes are short.
    namespace: ClassVar[str] = ""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def message_key(self) -> str:
        """The key of the error's sentence in planner/web/messages.py."""
        return self.namespace + self.code

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.params!r})"


class ConflictError(DomainError):
    """Someone else changed the same thing meanwhile; reload and try again."""

    status = 409

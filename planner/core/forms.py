"""What every form of the planner does with what it receives, before any validator runs."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from flask import request
from flask_babel import format_date
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from flask_wtf.form import SUBMIT_METHODS
from werkzeug.datastructures import MultiDict
from wtforms import DateField, PasswordField, StringField, TextAreaField
from wtforms.validators import Length

from planner import clock
from planner.core.text import storable

# Dates further away than this are typing errors (0206, 9999), not plans.
PLAUSIBLE_YEARS = 10
# Text fields without a Length validator of their own take at most this many characters.
TEXT_MAX_CHARACTERS = 20_000


def plain_line(value: object) -> object:
    """One line of text: line breaks and tabs become spaces, other unstorable characters go."""
    if not isinstance(value, str):
        return value
    return "".join(
        " " if ch.isspace() and unicodedata.category(ch) == "Cc" else ch
        for ch in value
        if storable(ch) or ch.isspace()
    )


def plain_text(value: object) -> object:
    """Text of several lines: line breaks as \\n, tabs kept, other unstorable characters gone."""
    if not isinstance(value, str):
        return value
    return "".join(filter(storable, value.replace("\r\n", "\n").replace("\r", "\n")))


def plausible_dates() -> tuple[date, date]:
    """The first and last day a form accepts: this many years either side of today."""
    today = clock.today()
    return date(today.year - PLAUSIBLE_YEARS, 1, 1), date(today.year + PLAUSIBLE_YEARS, 12, 31)


def plausible_date(value: object) -> object:
    """A date near enough to today to be meant; the field shows an error otherwise."""
    if isinstance(value, date):
        first, last = plausible_dates()
        if not first <= value <= last:
            raise ValueError(
                _(
                    "Enter a date between %(first)s and %(last)s.",
                    first=format_date(first),
                    last=format_date(last),
                )
            )
    return value


def _max_length(unbound_field: object) -> int:
    """The longest text a field accepts: its Length validator's maximum, or the default."""
    args: tuple[Any, ...] = getattr(unbound_field, "args", ())
    kwargs: dict[str, Any] = getattr(unbound_field, "kwargs", {})
    validators: Iterable[object] = (
        kwargs.get("validators") or (args[1] if len(args) > 1 else ()) or ()
    )
    maxima = [v.max for v in validators if isinstance(v, Length) and v.max >= 0]
    return min(maxima, default=TEXT_MAX_CHARACTERS)


def length_first(cleaning: Callable[[object], object], limit: int) -> Callable[[object], object]:
    """A cleaning filter that first refuses text longer than the field takes, so that an
    oversize value costs one length check instead of a pass over every character."""

    def bounded(value: object) -> object:
        if isinstance(value, str) and len(value) > limit:
            raise ValueError(_("Use at most %(n)s characters.", n=limit))
        return cleaning(value)

    return bounded


class PlannerForm(FlaskForm):
    """A form whose text arrives without control characters and whose dates are plausible,
    so that nothing typed, pasted or sent can be stored that the database or a page cannot
    hold; read from the posted form only."""

    class Meta:
        def wrap_formdata(self, form, formdata):
            # A form arrives as a form. Flask-WTF would also read a JSON body as one, of any
            # shape and with values of any type; the fields stay empty instead and say so.
            if request.is_json and formdata is not None and not isinstance(formdata, MultiDict):
                formdata = request.form if request.method in SUBMIT_METHODS else None
            # Meta's base (wtforms' DefaultMeta) is given by FlaskForm's metaclass at run time.
            return super().wrap_formdata(form, formdata)  # type: ignore[misc]

        def bind_field(self, form, unbound_field, options):
            field_class = unbound_field.field_class
            cleaning = None
            if issubclass(field_class, TextAreaField):
                cleaning = length_first(plain_text, _max_length(unbound_field))
            elif issubclass(field_class, StringField) and not issubclass(
                field_class, PasswordField
            ):
                cleaning = length_first(plain_line, _max_length(unbound_field))
            elif issubclass(field_class, DateField):
                cleaning = plausible_date
            if cleaning is not None:
                filters = (cleaning, *unbound_field.kwargs.get("filters", ()))
                options = {**options, "filters": filters}
            return super().bind_field(form, unbound_field, options)  # type: ignore[misc]

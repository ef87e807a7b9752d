"""Forms for the school's slide template and calendar subscriptions."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import SelectField

from planner.core.forms import PlannerForm
from planner.exports.pptx import MAX_TEMPLATE_BYTES


class TemplateForm(PlannerForm):
    template = FileField(
        _l("PowerPoint template (.pptx or .potx)"),
        [
            FileRequired(_l("Choose a PowerPoint file.")),
            FileAllowed(["pptx", "potx"], _l("Choose a .pptx or .potx file.")),
        ],
        description=_l(
            "At most %(mb)s MB. Decks use its layouts named “Title Slide” and “Title and "
            "Content” (or “Titeldia” and “Titel en object”); other layouts are found by "
            "their placeholders.",
            mb=MAX_TEMPLATE_BYTES // (1024 * 1024),
        ),
    )


class FeedForm(PlannerForm):
    calendar = SelectField(_l("Calendar"), choices=[], validate_choice=True)

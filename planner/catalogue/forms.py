"""Forms for the school's own catalogue items."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired

from planner.core.forms import PlannerForm


class ImportForm(PlannerForm):
    file = FileField(
        _l("Content file"),
        [FileRequired(_l("Choose a .md file or a .zip file of .md files."))],
        description=_l(
            "One .md file in the catalogue format, or a .zip file with .md files in the "
            "folders of their kind (lesson/, parent_module/, ...)."
        ),
        render_kw={"accept": ".md,.zip"},
    )

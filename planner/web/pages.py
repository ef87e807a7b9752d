"""How a page ends after a form: saved (commit, say so, go on) or shown again (with its status).

Every blueprint's views use these two instead of writing the steps out:

    if form.validate_on_submit():
        operations.save_class(...)
        return saved(_("Class %(name)s added.", name=name), url_for("schools.classes"))
    return form_page("schools/class_form.html", form, school_class=None)
"""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from planner.extensions import db


def saved(message: str, url: str, category: str = "success") -> Response:
    """Commit the request's changes, show `message` on the next page, and go to `url`
    (303 See Other: a reload does not post again)."""
    db.session.commit()
    flash(message, category)
    return redirect(url, code=303)


def form_status(form: FlaskForm) -> int:
    """400 for a submitted form that is shown again (it was refused), 200 when first shown."""
    return 400 if form.is_submitted() else 200


def form_page(template: str, form: FlaskForm, **context: Any) -> tuple[str, int]:
    """A page with a form, shown for the first time or again after a refusal."""
    return render_template(template, form=form, **context), form_status(form)

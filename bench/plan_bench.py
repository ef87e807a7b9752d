"""Plan generation speed: one class, a school of 24 classes, a board of 1,000 classes.

Builds the schools in a temporary SQLite database with the real catalogue, generates every
plan (whole-school plans included) and prints the time and the time per class, so that the
growth can be read off. Prints figures; asserts nothing.

    .venv/bin/python bench/plan_bench.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GRADE_SETS = ([1, 2], [3], [4], [5], [6], [7, 8], [7], [8], [3, 4], [5, 6])
REGIONS = ("noord", "midden", "zuid")


def build(app, schools: int, classes_per_school: int, offset: int) -> list:
    from planner.extensions import db
    from planner.schools.models import SchoolClass
    from planner.schools.operations import create_school, save_class

    made = []
    with app.app_context():
        for number in range(schools):
            region = REGIONS[number % 3]
            school = create_school(f"School {offset + number}", "NL", region, "nl")
            for index in range(classes_per_school):
                grades = GRADE_SETS[index % len(GRADE_SETS)]
                save_class(
                    school,
                    SchoolClass(),
                    name=f"Klas {index}",
                    grades=grades,
                    head_count=25,
                    teachers=[],
                )
            made.append(school.id)
        db.session.commit()
    return made


def generate(app, school_ids: list[int]) -> float:
    from planner.extensions import db
    from planner.plans.operations import generate_school
    from planner.schools.calendar import SchoolYear
    from planner.schools.models import School

    year = SchoolYear.parse("2026-2027")
    made_on = date(2026, 7, 31)  # whole-year plans, made before the year begins
    with app.app_context():
        started = time.perf_counter()
        for school_id in school_ids:
            generate_school(db.session.get(School, school_id), year, made_on)
        db.session.commit()
        return time.perf_counter() - started


def main() -> None:
    from flask_migrate import upgrade

    from planner import create_app
    from planner.catalogue.operations import sync_catalogue
    from planner.extensions import db

    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(tmp) / 'bench.sqlite3'}",
                "SECRET_KEY": "bench",
            }
        )
        with app.app_context():
            upgrade()
            sync_catalogue(ROOT / "lessons")
            db.session.commit()
        cases = [
            ("one class", 1, 1),
            ("a school of 24 classes", 1, 24),
            ("a board of 1,000 classes (40 schools x 25)", 40, 25),
        ]
        print(f"{'':46}{'classes':>8}{'seconds':>10}{'ms/class':>10}")
        offset = 0
        per_class = []
        for label, schools, per_school in cases:
            ids = build(app, schools, per_school, offset)
            offset += schools
            seconds = generate(app, ids)
            classes = schools * per_school
            per_class.append(1000 * seconds / classes)
            print(f"{label:46}{classes:>8}{seconds:>10.3f}{per_class[-1]:>10.2f}")
        print(
            f"\ngrowth: time per class at 1,000 classes is {per_class[2] / per_class[1]:.2f}x "
            "that at 24 (1.0 = linear)"
        )


if __name__ == "__main__":
    main()

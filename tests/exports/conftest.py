"""Fixtures for the exports: a school with generated plans, and LibreOffice to print to PDF."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from planner.plans import operations
from planner.plans.models import Plan
from planner.schools.calendar import SchoolYear
from planner.schools.models import School, SchoolClass
from planner.schools.operations import save_class
from tests.conftest import BEFORE_THE_YEAR

YEAR = SchoolYear.parse("2026-2027")
CLASSES = (("Groep 3", [3]), ("Groep 7/8", [7, 8]))


def plan_school(db, school: School) -> School:
    for name, grades in CLASSES:
        save_class(school, SchoolClass(), name=name, grades=grades, head_count=25, teachers=[])
    db.session.commit()
    operations.generate_school(school, YEAR, BEFORE_THE_YEAR)
    db.session.commit()
    return school


@pytest.fixture
def school(make_school, real_catalogue, db) -> School:
    """A Dutch school with two classes and generated plans for 2026-2027."""
    return plan_school(db, make_school("De Regenboog"))


@pytest.fixture
def flemish_school(make_school, real_catalogue, db) -> School:
    return plan_school(db, make_school("De Klimop", country="BE", region="vlaanderen"))


def klas(db, school: School, name: str) -> SchoolClass:
    return db.session.scalar(
        select(SchoolClass).where(SchoolClass.school_id == school.id, SchoolClass.name == name)
    )


def plan_of(db, school: School, name: str) -> Plan:
    plan = operations.get_plan(klas(db, school, name), YEAR)
    assert plan is not None
    assert plan.entries
    return plan


def _pages(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE).group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


@pytest.fixture
def to_pdf(tmp_path: Path) -> Callable[[bytes, str], int]:
    """Print a file to PDF with LibreOffice and count the pages.

    LibreOffice is a system package: on CI its absence is a failure, elsewhere a skip.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        hint = "install the Debian packages libreoffice-impress libreoffice-calc poppler-utils"
        if os.environ.get("CI"):
            pytest.fail(f"LibreOffice (soffice) is missing on CI: {hint}")
        pytest.skip(f"LibreOffice (soffice) is not installed: {hint}")

    def convert(data: bytes, suffix: str) -> int:
        source = tmp_path / f"export{suffix}"
        source.write_bytes(data)
        profile = (tmp_path / "lo-profile").as_uri()  # its own profile: runs in parallel safely
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(source),
            ],
            capture_output=True,
            check=True,
            timeout=240,
        )
        pdf = source.with_suffix(".pdf")
        assert pdf.exists(), "LibreOffice did not write a PDF"
        return _pages(pdf)

    return convert

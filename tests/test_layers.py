"""The one-way doors between packages hold: `lint-imports` (run by `make lint` and `make test`)
fails on a copy of the package with one wrong-way import planted, and passes on the real one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _copy(tmp_path: Path) -> Path:
    """The package and its import-linter contract, on their own in a folder."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(
        ROOT / "planner",
        tmp_path / "planner",
        symlinks=True,
        ignore=shutil.ignore_patterns("__pycache__", "static", "migrations"),
    )
    return tmp_path


def _lint_imports(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(folder / "pyproject.toml")],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    clean = _copy(tmp_path_factory.mktemp("clean"))
    planted = _copy(tmp_path_factory.mktemp("planted"))
    operations = planted / "planner" / "schools" / "operations.py"
    # A school's operations reaching up into the exports: a lower layer importing a higher one.
    operations.write_text(
        operations.read_text() + "\nfrom planner.exports import rows as _rows  # noqa: E402\n"
    )
    return clean, planted


def test_a_wrong_way_import_breaks_the_contract(copies: tuple[Path, Path]) -> None:
    _clean, planted = copies
    result = _lint_imports(planted)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "planner.schools.operations -> planner.exports.rows" in result.stdout


def test_the_package_keeps_its_layers(copies: tuple[Path, Path]) -> None:
    clean, _planted = copies
    result = _lint_imports(clean)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Domain layers KEPT" in result.stdout

"""Loading content files into the database: idempotent, archiving, refusing bad files."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from planner.catalogue.models import CatalogueItem, CatalogueTag
from planner.catalogue.operations import CatalogueInvalidError, sync_catalogue


def snapshot(db) -> list[tuple]:
    items = db.session.execute(
        select(
            CatalogueItem.slug,
            CatalogueItem.content_hash,
            CatalogueItem.updated_at,
            CatalogueItem.archived_at,
        ).order_by(CatalogueItem.slug)
    ).all()
    tags = db.session.scalar(select(func.count()).select_from(CatalogueTag))
    return [*items, tags]


def test_sync_loads_every_file_once(db, catalogue_dir: Path) -> None:
    report = sync_catalogue(catalogue_dir)
    db.session.commit()
    assert len(report.created) == 12
    assert db.session.scalar(select(func.count()).select_from(CatalogueItem)) == 12


def test_second_sync_changes_nothing(db, catalogue_dir: Path) -> None:
    sync_catalogue(catalogue_dir)
    db.session.commit()
    before = snapshot(db)
    report = sync_catalogue(catalogue_dir)
    db.session.commit()
    assert not report.changed
    assert report.unchanged == 12
    assert snapshot(db) == before


def test_edited_file_is_updated(db, catalogue_dir: Path) -> None:
    sync_catalogue(catalogue_dir)
    db.session.commit()
    path = catalogue_dir / "material" / "slim-online.md"
    path.write_text(path.read_text().replace("themes: [online-gedrag, privacy]", "themes: [gamen]"))
    report = sync_catalogue(catalogue_dir)
    db.session.commit()
    assert report.updated == ["slim-online"]
    item = db.session.scalar(select(CatalogueItem).where(CatalogueItem.slug == "slim-online"))
    assert item.values("theme") == ["gamen"]


def test_removed_file_is_archived_not_deleted_and_comes_back(db, catalogue_dir: Path) -> None:
    sync_catalogue(catalogue_dir)
    db.session.commit()
    path = catalogue_dir / "team" / "evaluatie-protocol.md"
    saved = path.read_text()
    path.unlink()
    report = sync_catalogue(catalogue_dir)
    db.session.commit()
    assert report.archived == ["evaluatie-protocol"]
    item = db.session.scalar(
        select(CatalogueItem).where(CatalogueItem.slug == "evaluatie-protocol")
    )
    assert item is not None
    assert item.is_archived
    assert not sync_catalogue(catalogue_dir).changed  # archiving is not repeated
    path.write_text(saved)
    report = sync_catalogue(catalogue_dir)
    db.session.commit()
    assert report.updated == ["evaluatie-protocol"]
    assert not item.is_archived


def test_sync_refuses_a_catalogue_with_errors(db, catalogue_dir: Path) -> None:
    sync_catalogue(catalogue_dir)
    db.session.commit()
    (catalogue_dir / "material" / "slim-online.md").write_text("---\nkind: lesson\n---\n")
    (catalogue_dir / "team" / "evaluatie-protocol.md").unlink()
    with pytest.raises(CatalogueInvalidError) as raised:
        sync_catalogue(catalogue_dir)
    db.session.rollback()
    assert any(error.path.endswith("slim-online.md") for error in raised.value.errors)
    archived = db.session.scalar(
        select(func.count())
        .select_from(CatalogueItem)
        .where(CatalogueItem.archived_at.is_not(None))
    )
    assert archived == 0


def test_cli_sync_twice_and_check_output(app, catalogue_dir: Path) -> None:
    runner = app.test_cli_runner()
    first = runner.invoke(args=["catalogue", "sync", str(catalogue_dir)])
    assert first.exit_code == 0, first.output
    assert "created 12" in first.output
    second = runner.invoke(args=["catalogue", "sync", str(catalogue_dir)])
    assert "created 0, updated 0, archived 0, unchanged 12" in second.output


def test_cli_check_prints_every_error_and_fails(app, catalogue_dir: Path) -> None:
    (catalogue_dir / "lesson" / "kapot.md").write_text("geen front matter\n")
    bad = catalogue_dir / "material" / "slim-online.md"
    bad.write_text(bad.read_text().replace("country: [NL]", "country: [DE]"))
    result = app.test_cli_runner().invoke(args=["catalogue", "check", str(catalogue_dir)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith("lessons/lesson/kapot.md:1: front matter:") for line in lines)
    assert any(
        line.startswith("lessons/material/slim-online.md:") and "country.0" in line
        for line in lines
    )
    assert "2 error(s)" in result.output


def test_cli_check_passes_on_good_files(app, catalogue_dir: Path) -> None:
    result = app.test_cli_runner().invoke(args=["catalogue", "check", str(catalogue_dir)])
    assert result.exit_code == 0
    assert "12 file(s) OK" in result.output

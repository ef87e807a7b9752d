"""The policy content kept in data files: what they hold, and that a broken file is named."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from planner.datafiles import DataFileError, load
from planner.i18n_data import extract_yaml
from planner.policy import content
from planner.policy.models import AgreementAudience, IncidentKind

DATA = Path(content.__file__).parent / "data"


def test_the_data_files_load_with_every_question_kind_and_audience() -> None:
    questions = load(DATA / "questions.yaml", content.QuestionsFile).questions
    assert [q.key for q in questions][:2] == ["responsible", "knowledge"]
    assert len(questions) == 10
    law = next(q for q in questions if q.key == "law")
    assert law.title_be == "Which rules apply to your school?"
    # A proposal only one country has stays with that country.
    assert law.proposals[0].slugs_by_country() == {"NL": "handreiking-schoolbeleid-smartphones"}

    follow_up = load(DATA / "follow_up.yaml", content.FollowUpFile).kinds
    assert set(follow_up) == set(IncidentKind)
    assert follow_up[IncidentKind.HACKED].lessons == ["account-gehackt-wat-nu-groep-5-6"]

    agreements = load(DATA / "agreements.yaml", content.AgreementsFile)
    assert set(agreements.NL) == set(agreements.BE) == set(AgreementAudience)
    assert any("gsm" in line for line in agreements.BE[AgreementAudience.PHONE])
    assert not any("gsm" in line for line in agreements.NL[AgreementAudience.PHONE])


def test_the_interface_texts_of_the_data_files_are_extracted_for_translation() -> None:
    with (DATA / "questions.yaml").open("rb") as data:
        msgids = {message for _line, _func, message, _c in extract_yaml(data, (), (), {})}
    assert "Who is responsible for online social safety?" in msgids
    assert "Which rules apply to your school?" in msgids  # the Flemish wording
    assert "Write down the phone rules" in msgids  # a proposal's label
    assert not any(msgid.startswith(("policy.", "kennisbasis")) for msgid in msgids)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("questions:\n- key: law\n  help: Which rules?\n", "questions.0.title"),
        (
            "questions:\n- key: law\n  title: T\n  help: H\n  proposals:\n  - action: page\n",
            "questions.0.proposals.0",
        ),
        ("questions:\n- key: law\n  title: T\n  help: H\n  titel: typo\n", "questions.0.titel"),
    ],
)
def test_a_broken_data_file_is_reported_with_its_file_and_field(
    tmp_path: Path, text: str, field: str
) -> None:
    broken = tmp_path / "questions.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as refused:
        load(broken, content.QuestionsFile)
    message = str(refused.value)
    assert str(broken) in message
    assert field in message


def test_follow_up_for_every_kind_of_incident_is_required(tmp_path: Path) -> None:
    broken = tmp_path / "follow_up.yaml"
    broken.write_text("kinds:\n  other:\n    interventions: [a]\n    themes: [b]\n")
    with pytest.raises(DataFileError, match=r"follow_up\.yaml: kinds: .*cyberbullying"):
        load(broken, content.FollowUpFile)


def test_a_data_file_that_is_not_yaml_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "agreements.yaml"
    broken.write_text("NL: [unclosed\n")
    with pytest.raises(DataFileError, match=r"agreements\.yaml: cannot be read"):
        load(broken, content.AgreementsFile)


def test_extraction_reads_bytes_like_babel_gives_them() -> None:
    data = io.BytesIO("a:\n  title: Één\n  other: x\n".encode())
    assert list(extract_yaml(data, (), (), {})) == [(2, "_", "Één", [])]


def test_the_evening_checklist_comes_from_its_data_file_in_order() -> None:
    from planner.evenings import checklist

    entries = load(checklist.DATA / "checklist.yaml", checklist.ChecklistFile).items
    assert [entry.key for entry in entries][:2] == ["room", "projector"]
    assert tuple(entry.key for entry in entries) == checklist.STANDARD_CHECKLIST

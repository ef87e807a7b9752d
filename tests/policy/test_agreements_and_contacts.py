"""Agreements from defaults to the poster and the handout; the school's contacts."""

from __future__ import annotations

from sqlalchemy import func, select

from planner.policy.agreements import agreements_of, handout_context
from planner.policy.contacts import contacts_of, save_contact
from planner.policy.models import AgreementAudience, Contact, ContactRole
from tests.conftest import english
from tests.policy.conftest import klas

AGREEMENTS = {
    "pupils": "We zijn aardig in de groepsapp.\n\n  Eerst vragen, dan pas een foto.  ",
    "parents": "Wij bespreken zorgen met de leerkracht, niet in de groepsapp.",
    "staff": "We gaan online niet in discussie met ouders.",
    "phone": "Telefoons gaan in de telefoonbak.",
}


def test_agreements_start_from_the_defaults_of_the_country(db, school, flemish, login) -> None:
    dutch = agreements_of(school)
    assert all(a.is_default for a in dutch.values())
    assert "2024-2025" in dutch[AgreementAudience.PHONE].text
    assert "directeur" in dutch[AgreementAudience.STAFF].text
    assert len(dutch[AgreementAudience.PUPILS].lines) >= 5
    flemish_rules = agreements_of(flemish)
    assert "schoolreglement" in flemish_rules[AgreementAudience.PHONE].text
    assert "2024-2025" not in flemish_rules[AgreementAudience.PHONE].text
    assert "vertrouwensleerkracht" in flemish_rules[AgreementAudience.PUPILS].text
    page = english(login(flemish, "teacher")).get("/school/afspraken").get_data(as_text=True)
    assert "gsm" in page.lower()
    assert "Default text" in page


def test_coordinator_edits_and_the_agreements_flow_into_the_handout(db, school, login) -> None:
    client = login(school, "coordinator")
    form = client.get("/school/afspraken/bewerken").get_data(as_text=True)
    assert "Sinds het schooljaar 2024-2025" in form  # the form starts from the defaults
    assert client.post("/school/afspraken/bewerken", data=AGREEMENTS).status_code == 303
    stored = agreements_of(school)
    assert stored[AgreementAudience.PUPILS].lines == [
        "We zijn aardig in de groepsapp.",
        "Eerst vragen, dan pas een foto.",
    ]
    assert not stored[AgreementAudience.PARENTS].is_default
    save_contact(
        school,
        Contact(),
        role=ContactRole.CONFIDENTIAL,
        label=None,
        name="Meester Ruben",
        phone="030 123 45 67",
        email=None,
        note=None,
        on_handout=True,
    )
    save_contact(
        school,
        Contact(),
        role=ContactRole.POLICE,
        label=None,
        name="Jeugdagent wijkteam",
        phone=None,
        email=None,
        note=None,
        on_handout=False,
    )
    db.session.commit()
    handout = english(client).get("/school/beleid/handout").get_data(as_text=True)
    assert AGREEMENTS["parents"] in handout
    assert AGREEMENTS["phone"] in handout
    assert AGREEMENTS["staff"] not in handout  # the handout is for parents
    assert "Meester Ruben" in handout
    assert "030 123 45 67" in handout
    assert "Jeugdagent wijkteam" not in handout  # not meant for the handout
    assert "0800-0432" in handout  # De Kindertelefoon, from the catalogue
    assert 'class="topbar"' not in handout


def test_handout_context_for_the_parent_evening_pages(db, flemish) -> None:
    context = handout_context(flemish)
    assert context["handout_school"] is flemish
    audiences = [a.audience for a in context["handout_agreements"]]
    assert audiences == [AgreementAudience.PARENTS, AgreementAudience.PHONE]
    children = [item.slug for item in context["handout_helplines_pupils"]]
    assert "awel" in children
    assert "kindertelefoon" not in children
    assert context["handout_contacts"] == []


def test_teachers_read_and_print_but_do_not_edit(db, school, login) -> None:
    client = login(school, "teacher")
    assert client.get("/school/afspraken/bewerken").status_code == 403
    assert client.post("/school/afspraken/bewerken", data=AGREEMENTS).status_code == 403
    assert all(a.is_default for a in agreements_of(school).values())
    own = klas(db, school, "Groep 7/8")
    poster = english(client).get(f"/school/afspraken/poster?klas={own.id}")
    html = poster.get_data(as_text=True)
    assert "Our agreements online" in html
    assert "Groep 7/8" in html
    assert "We zijn online net zo aardig tegen elkaar als in de klas." in html
    assert "0800-0432" in html
    assert 'class="topbar"' not in html


def test_too_long_agreements_are_refused_and_kept(db, school, login) -> None:
    client = login(school, "coordinator")
    data = AGREEMENTS | {"staff": "x" * 4001}
    response = english(client).post("/school/afspraken/bewerken", data=data)
    assert response.status_code == 400
    assert AGREEMENTS["parents"] in response.get_data(as_text=True)
    assert agreements_of(school)[AgreementAudience.PARENTS].is_default


def count_contacts(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Contact))


def test_coordinator_keeps_the_contacts(db, school, login) -> None:
    client = login(school, "coordinator")
    response = client.post(
        "/school/contacten/nieuw",
        data={
            "role": "police",
            "name": "Jeugdagent wijkteam Noord",
            "phone": "",
            "email": "jeugdagent@politie.example",
            "note": "Vaste contactpersoon",
            "on_handout": "y",
        },
    )
    assert response.status_code == 303
    [contact] = contacts_of(school)
    assert (contact.role, contact.email, contact.phone) == (
        "police",
        "jeugdagent@politie.example",
        None,
    )
    page = english(client).get("/school/contacten").get_data(as_text=True)
    assert "Youth police officer or digital community officer" in page
    edit = client.post(
        f"/school/contacten/{contact.id}",
        data={"role": "other", "label": "Wijkagent", "name": "Wijkteam", "on_handout": ""},
    )
    assert edit.status_code == 303
    db.session.refresh(contact)
    assert (contact.label, contact.on_handout) == ("Wijkagent", False)
    assert client.post(f"/school/contacten/{contact.id}/verwijderen").status_code == 303
    assert count_contacts(db) == 0


def test_contacts_need_a_way_to_reach_them_and_a_role(db, school, login) -> None:
    client = login(school, "coordinator")
    nothing = english(client).post("/school/contacten/nieuw", data={"role": "confidential"})
    assert nothing.status_code == 400
    assert "Give a name, a phone number or an e-mail address." in nothing.get_data(as_text=True)
    unnamed_role = english(client).post(
        "/school/contacten/nieuw", data={"role": "other", "name": "Iemand"}
    )
    assert "Describe the role of this contact." in unnamed_role.get_data(as_text=True)
    bad = english(client).post(
        "/school/contacten/nieuw",
        data={"role": "coordinator", "phone": "bel me", "email": "geen-adres"},
    )
    assert "Enter a phone number." in bad.get_data(as_text=True)
    assert "Enter a valid e-mail address." in bad.get_data(as_text=True)
    clb = client.post("/school/contacten/nieuw", data={"role": "clb", "name": "CLB"})
    assert clb.status_code == 400  # the CLB is a Flemish role
    assert count_contacts(db) == 0
    assert (
        login(school, "teacher")
        .post("/school/contacten/nieuw", data={"role": "coordinator", "name": "X"})
        .status_code
        == 403
    )


def test_flemish_roles_and_contacts_on_protocol_pages(db, flemish, client, login) -> None:
    save_contact(
        flemish,
        Contact(),
        role=ContactRole.CONFIDENTIAL,
        label=None,
        name="Juf Els",
        phone=None,
        email="els@devlinder.example",
        note=None,
        on_handout=True,
    )
    db.session.commit()
    anonymous = client.get("/catalogus/schoolprotocol-cyberpesten").get_data(as_text=True)
    assert "Juf Els" not in anonymous
    teacher = login(flemish, "teacher")
    page = english(teacher).get("/catalogus/schoolprotocol-cyberpesten").get_data(as_text=True)
    assert "Your school's contacts" in page
    assert "Confidential teacher or care coordinator" in page
    assert "els@devlinder.example" in page
    lesson = english(teacher).get("/catalogus/online-afspraken-klas-groep-7-8")
    assert "Your school's contacts" not in lesson.get_data(as_text=True)

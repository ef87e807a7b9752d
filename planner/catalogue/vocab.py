"""Controlled vocabularies of the catalogue, with their labels in the interface language."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Kind(StrEnum):
    LESSON = "lesson"
    GUEST_SESSION = "guest_session"
    PARENT_MODULE = "parent_module"
    PARENT_EVENING = "parent_evening"
    TEAM = "team"
    MATERIAL = "material"
    HELPLINE = "helpline"
    INTERVENTION = "intervention"
    PROTOCOL = "protocol"


class Theme(StrEnum):
    ONLINE_GEDRAG = "online-gedrag"
    CYBERPESTEN = "cyberpesten"
    PRIVACY = "privacy"
    GROEPSDRUK = "groepsdruk"
    INFORMATIE = "informatie"
    MEDIABALANS = "mediabalans"
    GAMEN = "gamen"
    SEXTING = "sexting"
    SMARTPHONE = "smartphone"
    VEILIGHEID = "veiligheid"
    AI = "ai"
    RECLAME = "reclame"
    SCHADELIJKE_CONTENT = "schadelijke-content"


class Competence(StrEnum):
    # Mediawijsheid Competentiemodel 2021, inner ring.
    BEDIENEN = "bedienen"
    EXPLOREREN = "exploreren"
    VINDEN = "vinden"
    CREEREN = "creeren"
    VERBINDEN = "verbinden"
    DISCUSSIEREN = "discussieren"
    DOORGRONDEN = "doorgronden"
    REFLECTEREN = "reflecteren"
    # SLO conceptkerndoelen digitale geletterdheid (2025): the three domains.
    SLO_PRAKTISCH = "slo-praktisch"
    SLO_ONTWERPEN = "slo-ontwerpen"
    SLO_GEDIGITALISEERDE_WERELD = "slo-gedigitaliseerde-wereld"


# The SLO (the Dutch curriculum body) domains: a Dutch framework, never shown to a Flemish
# school. The reference has no confirmed Flemish goal list (minimumdoelen) to map lessons to,
# so Flemish schools see the theme and the Mediawijsheid competences only.
SLO_COMPETENCES = frozenset(
    {Competence.SLO_PRAKTISCH, Competence.SLO_ONTWERPEN, Competence.SLO_GEDIGITALISEERDE_WERELD}
)


def competences_for(country: str, competences: Iterable[str]) -> list[str]:
    """The competences shown to a school of that country, in the order given."""
    return [c for c in competences if country == "NL" or c not in SLO_COMPETENCES]


class Audience(StrEnum):
    PUPILS = "pupils"
    PARENTS = "parents"
    TEAM = "team"


class Country(StrEnum):
    NL = "NL"
    BE = "BE"


class Language(StrEnum):
    NL = "nl"
    NL_BE = "nl_BE"
    EN = "en"


class Moment(StrEnum):
    START_SCHOOLJAAR = "start-schooljaar"
    WEEK_TEGEN_PESTEN = "week-tegen-pesten"
    WEEK_VAN_DE_MEDIAWIJSHEID = "week-van-de-mediawijsheid"
    SAFER_INTERNET_DAY = "safer-internet-day"
    KIES_KLEUR_TEGEN_PESTEN = "kies-kleur-tegen-pesten"


# The moments of one country's year; the others (start of the year, Safer Internet Day) are
# both countries'.
MOMENT_COUNTRY = {
    Moment.WEEK_TEGEN_PESTEN: "NL",
    Moment.WEEK_VAN_DE_MEDIAWIJSHEID: "NL",
    Moment.KIES_KLEUR_TEGEN_PESTEN: "BE",
}


def moments_for(country: str, moments: Iterable[str]) -> list[str]:
    """The moments of the year a school of that country has, in the order given."""
    return [m for m in moments if MOMENT_COUNTRY.get(m, country) == country]


class Level(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"


class Cost(StrEnum):
    FREE = "free"
    PAID = "paid"
    ON_REQUEST = "on_request"


KIND_LABELS = {
    Kind.LESSON: _l("Lesson"),
    Kind.GUEST_SESSION: _l("Guest session"),
    Kind.PARENT_MODULE: _l("Parent-evening module"),
    Kind.PARENT_EVENING: _l("Parent evening"),
    Kind.TEAM: _l("Team"),
    Kind.MATERIAL: _l("Material"),
    Kind.HELPLINE: _l("Help line"),
    Kind.INTERVENTION: _l("Class intervention"),
    Kind.PROTOCOL: _l("Protocol"),
}

THEME_LABELS = {
    Theme.ONLINE_GEDRAG: _l("Online behaviour"),
    Theme.CYBERPESTEN: _l("Cyberbullying"),
    Theme.PRIVACY: _l("Privacy"),
    Theme.GROEPSDRUK: _l("Peer pressure"),
    Theme.INFORMATIE: _l("Finding and checking information"),
    Theme.MEDIABALANS: _l("Media balance"),
    Theme.GAMEN: _l("Gaming"),
    Theme.SEXTING: _l("Sexting, grooming and boundaries"),
    Theme.SMARTPHONE: _l("Smartphone"),
    Theme.VEILIGHEID: _l("Online safety"),
    Theme.AI: _l("AI, chatbots and deepfakes"),
    Theme.RECLAME: _l("Advertising and how apps earn"),
    Theme.SCHADELIJKE_CONTENT: _l("Harmful content"),
}

COMPETENCE_LABELS = {
    Competence.BEDIENEN: _l("Operating devices and software"),
    Competence.EXPLOREREN: _l("Exploring applications"),
    Competence.VINDEN: _l("Finding information"),
    Competence.CREEREN: _l("Creating with media"),
    Competence.VERBINDEN: _l("Connecting through media"),
    Competence.DISCUSSIEREN: _l("Discussing media"),
    Competence.DOORGRONDEN: _l("Seeing through media"),
    Competence.REFLECTEREN: _l("Reflecting on media use"),
    Competence.SLO_PRAKTISCH: _l("SLO: practical knowledge and skills"),
    Competence.SLO_ONTWERPEN: _l("SLO: designing and making"),
    Competence.SLO_GEDIGITALISEERDE_WERELD: _l("SLO: the digitised world"),
}

AUDIENCE_LABELS = {
    Audience.PUPILS: _l("Pupils"),
    Audience.PARENTS: _l("Parents"),
    Audience.TEAM: _l("Team"),
}

COUNTRY_LABELS = {
    Country.NL: _l("Netherlands"),
    Country.BE: _l("Flanders"),
}

LANGUAGE_LABELS = {
    Language.NL: _l("Dutch"),
    Language.NL_BE: _l("Flemish Dutch"),
    Language.EN: _l("English"),
}

MOMENT_LABELS = {
    Moment.START_SCHOOLJAAR: _l("Start of the school year"),
    Moment.WEEK_TEGEN_PESTEN: _l("Anti-Bullying Week"),
    Moment.WEEK_VAN_DE_MEDIAWIJSHEID: _l("Media Literacy Week"),
    Moment.SAFER_INTERNET_DAY: _l("Safer Internet Day"),
    Moment.KIES_KLEUR_TEGEN_PESTEN: _l("Kies Kleur tegen Pesten campaign"),
}

LEVEL_LABELS = {
    Level.PRIMARY: _l("Primary school"),
    Level.SECONDARY: _l("Secondary school"),
}

COST_LABELS = {
    Cost.FREE: _l("Free"),
    Cost.PAID: _l("Paid"),
    Cost.ON_REQUEST: _l("Price on request"),
}

# Kinds whose body is a sequence of slides.
SLIDE_KINDS = frozenset({Kind.LESSON, Kind.PARENT_MODULE})
# Kinds that need a duration.
TIMED_KINDS = frozenset(
    {Kind.LESSON, Kind.GUEST_SESSION, Kind.PARENT_MODULE, Kind.TEAM, Kind.INTERVENTION}
)

"""Default agreements a school starts from, in Dutch, with Flemish wording for BE schools.

Each set is a list of agreements; the database keeps them one per line. The school edits them
into its own; these are only a sensible start, written the way a teacher would put them to the
class, the parents and the team.
Facts: the Dutch phone rule from the school year 2024-2025 (seeds/002) and the staff guidelines
on social media (seeds/004). For Flanders no rule of law is assumed: the school's own
schoolreglement decides.
"""

from __future__ import annotations

from planner.policy.models import AgreementAudience

PUPILS_NL = (
    "We zijn online net zo aardig tegen elkaar als in de klas.",
    "Eerst vragen, dan pas een foto of filmpje van iemand maken of doorsturen.",
    "In de groepsapp hoort iedereen erbij: we sluiten niemand buiten.",
    "Een gemeen bericht stuur je niet door, ook niet als grapje.",
    "Je wachtwoord is van jou. Je deelt het alleen met je ouders.",
    "Zie je dat iemand online gepest wordt? Vertel het aan je juf, meester of ouders.",
    (
        "Gebeurt er iets naars? Niet terugschelden: maak een schermafbeelding en vertel het aan "
        "een volwassene die je vertrouwt."
    ),
)

PUPILS_BE = (
    "We zijn online even vriendelijk tegen elkaar als in de klas.",
    "Eerst vragen, dan pas een foto of filmpje van iemand maken of doorsturen.",
    "In de groepschat hoort iedereen erbij: we sluiten niemand uit.",
    "Een gemeen bericht stuur je niet door, ook niet als grapje.",
    "Je wachtwoord is van jou. Je deelt het alleen met je ouders.",
    (
        "Zie je dat iemand online gepest wordt? Vertel het aan je juf, meester, de "
        "vertrouwensleerkracht of je ouders."
    ),
    (
        "Gebeurt er iets vervelends? Niet terugschelden: maak een screenshot en vertel het aan "
        "een volwassene die je vertrouwt."
    ),
)

PARENTS_NL = (
    (
        "We praten thuis geregeld met ons kind over wat het online doet en meemaakt, niet alleen "
        "als er iets mis is."
    ),
    (
        "We zetten geen foto's of filmpjes van andere kinderen online zonder toestemming van hun "
        "ouders."
    ),
    (
        "In de groepsapp van de ouders bespreken we geen kinderen of leerkrachten; een zorg "
        "bespreken we rechtstreeks met de leerkracht."
    ),
    (
        "Wordt ons kind online gepest, of pest het zelf? Dan laten we het de leerkracht weten. We "
        "reageren niet zelf in de groepsapp van de kinderen."
    ),
    (
        "We bewaren bewijs met schermafbeeldingen. Naaktbeelden van kinderen slaan we nooit op en "
        "sturen we nooit door."
    ),
    "We letten op de minimumleeftijd van apps en games en stellen die samen met ons kind in.",
    (
        "We steunen de telefoonafspraken van de school en bereiken ons kind onder schooltijd via "
        "de school."
    ),
)

PARENTS_BE = (
    (
        "We praten thuis geregeld met ons kind over wat het online doet en meemaakt, niet alleen "
        "als er iets misloopt."
    ),
    (
        "We zetten geen foto's of filmpjes van andere kinderen online zonder toestemming van hun "
        "ouders."
    ),
    (
        "In de groepschat van de ouders bespreken we geen kinderen of leerkrachten; een zorg "
        "bespreken we rechtstreeks met de klasleraar."
    ),
    (
        "Wordt ons kind online gepest, of pest het zelf? Dan laten we het de klasleraar weten. We "
        "reageren niet zelf in de groepschat van de kinderen."
    ),
    (
        "We bewaren bewijs met screenshots. Naaktbeelden van kinderen slaan we nooit op en sturen "
        "we nooit door."
    ),
    "We letten op de minimumleeftijd van apps en games en stellen die samen met ons kind in.",
    (
        "We steunen de gsm-afspraken uit het schoolreglement en bereiken ons kind tijdens de "
        "schooluren via het secretariaat."
    ),
)

STAFF_NL = (
    "Online zijn we dezelfde collega als in de school: we geven het goede voorbeeld.",
    "We maken duidelijk of we iets op persoonlijke titel zeggen of namens de school.",
    "We delen online geen vertrouwelijke informatie over leerlingen, ouders of collega's.",
    (
        "We gaan op sociale media niet in discussie met leerlingen of ouders; zo'n gesprek voeren "
        "we op school."
    ),
    "We zijn zelf verantwoordelijk voor wat we plaatsen, en we weten dat het vindbaar blijft.",
    (
        "Beeld van leerlingen plaatsen we alleen als de ouders daar volgens de afspraken van de "
        "school toestemming voor gaven."
    ),
    "Twijfel je over een bericht, of raakt het de school? Overleg eerst met de directeur.",
)

STAFF_BE = (
    "Online zijn we dezelfde collega als in de school: we geven het goede voorbeeld.",
    "We maken duidelijk of we iets op persoonlijke titel zeggen of namens de school.",
    "We delen online geen vertrouwelijke informatie over leerlingen, ouders of collega's.",
    (
        "We gaan op sociale media niet in discussie met leerlingen of ouders; zo'n gesprek voeren "
        "we op school."
    ),
    "We zijn zelf verantwoordelijk voor wat we posten, en we weten dat het vindbaar blijft.",
    (
        "Beeld van leerlingen posten we alleen als de ouders daar volgens de afspraken van de "
        "school toestemming voor gaven."
    ),
    "Twijfel je over een bericht, of raakt het de school? Overleg eerst met de directie.",
)

PHONE_NL = (
    (
        "Sinds het schooljaar 2024-2025 gebruiken leerlingen op de basisschool geen mobiele "
        "telefoon meer; zo doen wij dat."
    ),
    (
        "Telefoons en smartwatches gaan bij binnenkomst uit en blijven in de tas of in de "
        "telefoonbak van de groep, tot het eind van de schooldag."
    ),
    "Op het plein, tijdens de lessen en op uitstapjes blijft de telefoon weg.",
    (
        "Een uitzondering, bijvoorbeeld om medische redenen, spreken ouders vooraf af met de "
        "leerkracht."
    ),
    "Moet een kind naar huis bellen, dan kan dat met de telefoon van school.",
    "Ouders die hun kind onder schooltijd dringend moeten bereiken, bellen de school.",
)

PHONE_BE = (
    "Op onze school gelden de gsm-afspraken uit het schoolreglement.",
    "Gsm's en smartwatches staan tijdens de schooluren uit en blijven in de boekentas.",
    "Op de speelplaats, in de klas en op uitstap blijft de gsm weg.",
    (
        "Een uitzondering, bijvoorbeeld om medische redenen, spreken ouders vooraf af met de "
        "klasleraar."
    ),
    "Moet een kind naar huis bellen, dan kan dat met de telefoon van de school.",
    "Ouders die hun kind tijdens de schooluren dringend moeten bereiken, bellen het secretariaat.",
)

DEFAULTS: dict[str, dict[AgreementAudience, tuple[str, ...]]] = {
    "NL": {
        AgreementAudience.PUPILS: PUPILS_NL,
        AgreementAudience.PARENTS: PARENTS_NL,
        AgreementAudience.STAFF: STAFF_NL,
        AgreementAudience.PHONE: PHONE_NL,
    },
    "BE": {
        AgreementAudience.PUPILS: PUPILS_BE,
        AgreementAudience.PARENTS: PARENTS_BE,
        AgreementAudience.STAFF: STAFF_BE,
        AgreementAudience.PHONE: PHONE_BE,
    },
}


def default_agreement(country: str, audience: AgreementAudience) -> str:
    """The default text of one set of agreements for a Dutch or a Flemish school."""
    return "\n".join(DEFAULTS["BE" if country == "BE" else "NL"][audience])

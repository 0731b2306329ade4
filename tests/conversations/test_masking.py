"""Masking of personal identifiers: realistic French formats, and messages left intact."""

from __future__ import annotations

from datetime import date

import pytest

from bot.conversations.masking import mask_text, mask_value

MASKED = [
    # NIR: 15 digits, 13 without the key, spaces, dots, dashes, none, Corsica
    ("mon numéro de sécu c'est 1 84 12 76 351 123 45", "mon numéro de sécu c'est [NIR]"),
    ("secu 184127635112345", "secu [NIR]"),
    ("2.91.05.76.351.042.17 est mon numero", "[NIR] est mon numero"),
    ("nir 2-91-05-76-351-042-17", "nir [NIR]"),
    ("n° ss 1841276351123 sans la clé", "n° ss [NIR] sans la clé"),
    ("né en corse : 1 75 03 2A 012 345 67", "né en corse : [NIR]"),
    # phones
    ("appelez moi au 06 12 34 56 78 svp", "appelez moi au [TÉLÉPHONE] svp"),
    ("mon tel 06.12.34.56.78", "mon tel [TÉLÉPHONE]"),
    ("0612345678", "[TÉLÉPHONE]"),
    ("fixe : 02-35-12-34-56", "fixe : [TÉLÉPHONE]"),
    ("+33 6 12 34 56 78", "[TÉLÉPHONE]"),
    ("+33612345678 merci", "[TÉLÉPHONE] merci"),
    ("0033 6 12 34 56 78", "[TÉLÉPHONE]"),
    ("+33 (0)6 12 34 56 78", "[TÉLÉPHONE]"),
    ("07 81 23 45 67 ou 06 11 22 33 44", "[TÉLÉPHONE] ou [TÉLÉPHONE]"),
    # e-mails
    ("écrivez à marie.dupont76@gmail.com", "écrivez à [EMAIL]"),
    ("mon mail jean-pierre_l+caf@orange.fr.", "mon mail [EMAIL]."),
    ("CONTACT@EXEMPLE.COM", "[EMAIL]"),
    # IBAN
    ("mon iban FR76 3000 6000 0112 3456 7890 189", "mon iban [IBAN]"),
    ("FR7630006000011234567890189", "[IBAN]"),
    ("iban fr76 3000 6000 0112 3456 7890 189 pour le virement", "iban [IBAN] pour le virement"),
    ("BE68 5390 0754 7034", "[IBAN]"),
    # numéro allocataire
    ("n° allocataire 1234567", "n° allocataire [N° ALLOCATAIRE]"),
    ("mon numéro d'allocataire est le 7654321 merci", "mon numéro d'allocataire est le [N° ALLOCATAIRE] merci"),
    ("num alloc : 123 45 67", "num alloc : [N° ALLOCATAIRE]"),
    ("numero caf 0123456", "numero caf [N° ALLOCATAIRE]"),
    ("dossier n°12345678", "dossier n°[N° ALLOCATAIRE]"),
    ("c'est 1234567", "c'est [N° ALLOCATAIRE]"),
    # other long numbers
    ("numéro fiscal 30 12 345 678 901", "numéro fiscal [NUMÉRO]"),
    ("ma carte 4970 1012 3456 7890", "ma carte [NUMÉRO]"),
    # postal addresses: the number goes, the street name and postcode stay
    ("j'habite 12 rue Jean Macé", "j'habite [N°] rue Jean Macé"),
    ("12 bis rue de Paris 76600 Le Havre", "[N°] rue de Paris 76600 Le Havre"),
    ("au 3, avenue Foch", "au [N°], avenue Foch"),
    ("45 bd de Strasbourg", "[N°] bd de Strasbourg"),
    ("7 allée des Lilas, bâtiment C, appartement 12", "[N°] allée des Lilas, bâtiment [N°], appartement [N°]"),
    ("habite 150 rue victor hugo", "habite [N°] rue victor hugo"),
    ("2 place de l'Hôtel de Ville", "[N°] place de l'Hôtel de Ville"),
    ("appt 24 au 5e étage", "appt [N°] au [N°] étage"),
    ("14B impasse des Roses", "[N°] impasse des Roses"),
    # spelled-out e-mails, phones with slashes
    ("mon mail c marie point dupont arobase gmail point com", "mon mail c [EMAIL]"),
    ("jean.martin at orange dot fr merci", "[EMAIL] merci"),
    ("ecrire a k.benali (at) free (point) fr", "ecrire a [EMAIL]"),
    ("mon numero 06/12/34/56/78", "mon numero [TÉLÉPHONE]"),
    # dates of birth, and full dates of past years
    ("né le 12/03/2019", "né le [DATE]"),
    ("ma fille est née le 3 mars 2021", "ma fille est née le [DATE]"),
    ("date de naissance : 12.03.85", "date de naissance : [DATE]"),
    ("DDN 1er janvier 1990", "DDN [DATE]"),
    ("mariée depuis le 14/07/2015", "mariée depuis le [DATE]"),
    # positions: rounded to about 1 km
    ('/find_service{"location": "49.491700,0.116875"}', '/find_service{"location": "49.49,0.12"}'),
    ("je suis à 49.4917, 0.1168", "je suis à 49.49,0.12"),
    # several identifiers in one message
    (
        "je suis allocataire 1234567, tel 0612345678, mail a@b.fr",
        "je suis allocataire [N° ALLOCATAIRE], tel [TÉLÉPHONE], mail [EMAIL]",
    ),
]

UNCHANGED = [
    "j'ai 3 enfants",
    "76620",
    "j'habite au Havre 76600",
    "on gagne 25 000 € par an",
    "25000 euros par an",
    "2 500 par mois",
    "1 850,50 € de salaire",
    "appelez le 3230",
    "le numéro de la caf c'est le 3230 ?",
    "le 02 35 19 45 45 ne répond pas",  # a public number: masked is fine too, see next test
    "mes enfants ont 4, 9 et 16 ans",
    "en 2026",
    "en mars 2025",
    "je suis at home",
    "le point sur mes droits at la caf",
    f"rendez-vous le 05.03.{date.today().year} à 14h30",  # a date of this year is no birth date
    "depuis 2019 à la caf",
    "la caf depuis 2019 2020",
    "il reste 1 place en crèche ?",
    "2 places en crèche",
    "3 cours de français par semaine",
    "mon fils a 14 ans et ma fille 8",
    "1 seul enfant",
    "allocations familiales pour 3 enfants",
    "quotient familial 650",
    "je touche 1200 euros",
    "j'ai eu 2 bébés en 2024",
    "AF montant 2 enfants",
    "une crèche vers Sanvic",
    "rue de Paris",
    "bonjour",
    "",
    "😀🙏👶",
    "'; DROP TABLE events; --",
]


@pytest.mark.parametrize("text, expected", MASKED)
def test_identifiers_are_masked(text, expected):
    assert mask_text(text) == expected


@pytest.mark.parametrize("text", [t for t in UNCHANGED if "02 35" not in t])
def test_messages_the_assistant_must_understand_are_left_intact(text):
    assert mask_text(text) == text


def test_a_phone_number_is_masked_even_when_public():
    assert mask_text("le 02 35 19 45 45 ne répond pas") == "le [TÉLÉPHONE] ne répond pas"


def test_masking_is_idempotent():
    for _text, expected in MASKED:
        assert mask_text(expected) == expected


def test_metadata_geolocation_is_rounded_and_identifiers_masked():
    metadata = {
        "audience": "agent",
        "geo": {"lat": 49.4917001, "lon": 0.1168752},
        "contact": ["0612345678", {"email": "x.y@free.fr"}],
        "n": 3,
        "ok": True,
    }
    assert mask_value(metadata) == {
        "audience": "agent",
        "geo": {"lat": 49.49, "lon": 0.12},
        "contact": ["[TÉLÉPHONE]", {"email": "[EMAIL]"}],
        "n": 3,
        "ok": True,
    }

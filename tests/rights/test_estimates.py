"""Estimates against published figures and hand-worked cases at the band edges."""
from datetime import date

import pytest

from bot.rights.estimates import estimate_af, estimate_ars, estimate_cf, render_estimate
from bot.rights.parsing import Children, DontKnow, parse_children, parse_income

IN_2025 = date(2025, 6, 1)      # amounts of 1 April 2025, ceilings of 1 January 2025 (income 2023)
IN_2026 = date(2026, 11, 28)    # amounts of 1 April 2026, ceilings of 1 January 2026 (income 2024)


@pytest.mark.parametrize("ages,published", [([5, 8], 151.05), ([5, 8, 11], 344.56), ([1, 5, 8, 11], 538.08),
                                            ([1, 3, 5, 8, 11], 538.08 + 193.52)])
def test_af_2025_full_rate_reproduces_published_amounts(ages, published):
    assert estimate_af(ages, 30_000, IN_2025).monthly == pytest.approx(published)


def test_af_tranche_edges_2026_two_children():
    assert estimate_af([5, 8], 79_980, IN_2026).monthly == pytest.approx(152.25)   # at the T1 ceiling
    assert estimate_af([5, 8], 79_981, IN_2026).monthly == pytest.approx(76.13)    # just above: T2
    assert estimate_af([5, 8], 106_604, IN_2026).monthly == pytest.approx(76.13)
    assert estimate_af([5, 8], 106_605, IN_2026).monthly == pytest.approx(38.06)   # T3


def test_af_age_supplement_follows_the_2026_reform():
    # 15 on 2026-11-28: born before 1 March 2012, supplement from 14.
    assert estimate_af([5, 8, 15], 30_000, IN_2026).monthly == pytest.approx(347.32 + 76.13)
    # 16 and 17 in a family of 3, old rule -> two supplements.
    assert estimate_af([8, 16, 17], 30_000, IN_2026).monthly == pytest.approx(347.32 + 2 * 76.13)
    # Eldest of a two-child family: no supplement.
    assert estimate_af([8, 16], 30_000, IN_2026).monthly == pytest.approx(152.25)
    # 13: born after 1 March 2012, supplement only from 18.
    assert estimate_af([5, 8, 13], 30_000, IN_2026).monthly == pytest.approx(347.32)


def test_af_ambiguous_age_14_is_explained_not_counted():
    estimate = estimate_af([5, 8, 14], 30_000, IN_2026)
    assert estimate.monthly == pytest.approx(347.32)
    assert any("né avant le 1er mars 2012" in note for note in estimate.notes)


def test_af_one_child_gives_nothing():
    assert estimate_af([3], 10_000, IN_2026).monthly == 0


def test_ars_2025_published_amounts_and_ceiling_edge():
    assert estimate_ars([7, 12, 16], 41_572, IN_2025).yearly == pytest.approx(423.48 + 446.85 + 462.33)
    assert estimate_ars([7, 12, 16], 41_573, IN_2025).yearly == 0
    assert estimate_ars([2, 4], 10_000, IN_2025).yearly == 0


def test_cf_majore_base_and_refusals_2026():
    assert estimate_cf([4, 7, 15], 22_368, False, IN_2026).monthly == pytest.approx(297.26)  # majoré ceiling
    assert estimate_cf([4, 7, 15], 22_369, False, IN_2026).monthly == pytest.approx(198.16)
    assert estimate_cf([4, 7, 15], 54_724, True, IN_2026).monthly == pytest.approx(198.16)
    assert estimate_cf([4, 7, 15], 54_725, True, IN_2026).monthly == 0
    assert estimate_cf([2, 7, 15], 10_000, False, IN_2026).monthly == 0  # a child under 3


def test_rendered_estimate_shows_amounts_rule_dates_and_who_decides():
    text = render_estimate(estimate_af([5, 8, 15], 30_000, IN_2026))
    assert "par mois" in text and "par an" in text and "tranche 1" in text
    assert "1er avril 2026" in text and "1er janvier 2026" in text and "revenu net catégoriel de 2024" in text
    assert "Seule la CAF décide" in text


@pytest.mark.parametrize("text,expected", [
    ("3 enfants de 2, 7 et 15 ans", Children((2, 7, 15), 3)),
    ("trois enfants de deux, sept et quinze ans", Children((2, 7, 15), 3)),
    ("un bébé de 6 mois et une fille de 4 ans", Children((0, 4), 2)),
    ("4, 9, 13", Children((4, 9, 13), 3)),
    ("deux enfants", Children(None, 2)),
    ("aucun", Children((), 0)),
    ("bla bla", None),
])
def test_parse_children(text, expected):
    assert parse_children(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("25 000", 25_000), ("25000€", 25_000), ("25k", 25_000), ("2 500 par mois", 30_000),
    ("environ 31.500 euros", 31_500), ("aucun", 0), ("rien", 0), ("aucun revenu", 0), ("0 €", 0),
    ("pas de revenus", 0), ("bonjour", None)])
def test_parse_income(text, expected):
    assert parse_income(text) == expected


@pytest.mark.parametrize("text", ["je ne sais pas", "jsp", "aucune idée"])
def test_dont_know_is_recognised(text):
    with pytest.raises(DontKnow):
        parse_income(text)
    with pytest.raises(DontKnow):
        parse_children(text)

"""Knowledge entries: every figure dated and sourced, the published figures reproduced."""

import warnings
from datetime import date

import pytest

from bot.checks.examples import added_intents, contract_intents
from bot.knowledge.entries import STATUSES, add_months, load_entries, parse_entry, stale_report
from bot.knowledge.topics import topics

TODAY = date(2026, 11, 28)
OFFICIAL_SITES = (
    "https://www.service-public.fr/",
    "https://www.caf.fr",
    "https://monenfant.fr",
    "https://www.mesdroitssociaux.gouv.fr",
    "https://www.pajemploi.urssaf.fr",
    "https://www.pension-alimentaire.caf.fr",
    "https://www.ameli.fr",
)
ENTRIES = load_entries()
FIGURES = [(intent, f) for intent, e in ENTRIES.items() for f in e.figures]


def value_on(intent: str, figure_id: str, day: date) -> float:
    figure = next(f for f in ENTRIES[intent].figures if f.id == figure_id)
    return figure.row_in_force(day).value


def test_every_topic_of_the_rights_childcare_and_axes_tables_has_an_entry():
    expected = set(contract_intents()) & set(topics()) - {"find_service", "ask_horaires"}
    assert expected <= set(ENTRIES) <= expected | set(added_intents())


@pytest.mark.parametrize("intent", sorted(ENTRIES))
def test_entry_is_complete_and_has_an_official_link(intent):
    entry = ENTRIES[intent]
    assert entry.title and entry.body and entry.summary and entry.steps
    assert entry.summary.count(". ") <= 3
    assert entry.official_link and entry.official_link.url.startswith(OFFICIAL_SITES)
    for link in entry.links:
        assert link.url.startswith(OFFICIAL_SITES), link.url
    assert entry.agent["say"] and entry.agent["ask"] and entry.agent["send_to"]


@pytest.mark.parametrize("intent,figure", FIGURES, ids=[f.id for _, f in FIGURES])
def test_every_figure_row_has_value_date_source_and_status(intent, figure):
    assert figure.kind in ("amount", "ceiling") and figure.unit.startswith("€") and figure.label
    for row in figure.rows:
        assert row.value > 0 and isinstance(row.effective, date) and row.source.strip()
        assert row.status in STATUSES
        if row.status != "confirmed":
            assert row.why.strip(), f"{figure.id} {row.effective}: dites pourquoi ({row.status})"
        if figure.kind == "ceiling":
            assert row.income_year == row.effective.year - 2, f"{figure.id}: revenus N-2"


def test_figure_ids_are_unique():
    ids = [f.id for _, f in FIGURES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    "figure_id,published",
    [
        ("af_2_enfants_t1", 151.05),
        ("af_3_enfants_t1", 344.56),
        ("af_4_enfants_t1", 538.08),
        ("af_par_enfant_en_plus_t1", 193.52),
    ],
)
def test_allocations_familiales_2025_reproduce_the_published_amounts(figure_id, published):
    assert value_on("ask_allocations_familiales", figure_id, date(2025, 6, 1)) == published


@pytest.mark.parametrize("figure_id,published", [("ars_6_10", 423.48), ("ars_11_14", 446.85), ("ars_15_18", 462.33)])
def test_ars_2025_reproduce_the_published_amounts(figure_id, published):
    assert value_on("ask_ars", figure_id, date(2025, 8, 20)) == published


def test_prime_naissance_2025_reproduces_the_published_amount():
    assert value_on("ask_prime_naissance", "prime_naissance", date(2025, 12, 1)) == 1084.43


def test_the_row_in_force_changes_on_its_effective_date():
    assert value_on("ask_allocations_familiales", "af_2_enfants_t1", date(2026, 3, 31)) == 151.05
    assert value_on("ask_allocations_familiales", "af_2_enfants_t1", date(2026, 4, 1)) == 152.25
    figure = next(f for f in ENTRIES["ask_allocations_familiales"].figures if f.id == "af_2_enfants_t1")
    assert figure.row_in_force(date(2020, 1, 1)) is None


ENTRY_WITH_OLD_FIGURE = {
    "intent": "ask_x",
    "title": "X",
    "body": "CAF",
    "checked": date(2026, 1, 1),
    "summary": "X.",
    "apply": {"steps": ["a"]},
    "links": [{"title": "t", "url": "https://www.caf.fr"}],
    "figures": [
        {
            "id": "x",
            "kind": "amount",
            "label": "l",
            "unit": "€ par mois",
            "rows": [{"value": 10, "effective": date(2025, 10, 1), "status": "confirmed", "source": "s"}],
        }
    ],
}


def test_a_figure_is_stale_after_13_months():
    figure = parse_entry(ENTRY_WITH_OLD_FIGURE).figures[0]
    assert not figure.is_stale(date(2026, 11, 1))
    assert figure.is_stale(date(2026, 11, 2))
    assert stale_report(date(2026, 11, 28), {"ask_x": parse_entry(ENTRY_WITH_OLD_FIGURE)}) == [
        "ask_x / x: dernière valeur du 2025-10-01"
    ]


def test_add_months_keeps_the_end_of_month():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 10, 1), 13) == date(2026, 11, 1)


def test_stale_entries_are_reported_as_a_warning_in_ci():
    """Never fails: names the entries whose newest figure is more than 13 months old."""
    for line in stale_report(date.today()):
        warnings.warn(f"Chiffre périmé (plus de 13 mois) : {line}", UserWarning, stacklevel=2)

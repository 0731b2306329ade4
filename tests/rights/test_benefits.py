"""The table of rights (data/knowledge/benefits.yml): its rows, what a broken row says, and that adding a right
is one row and its knowledge entry (a throw-away right in a copy of the project, computed by a fake engine)."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from bot.knowledge.entries import load_entries
from bot.paths import VENV_BIN
from bot.rights.benefits import BENEFITS_FILE, FACTS, BenefitTableError, benefits, estimable, read_table
from bot.rights.household import Household
from tests.fake_engine import FakeEngine
from tests.project_copy import copy_project, run_in_copy


def test_every_row_names_an_entry_and_known_facts():
    entries = load_entries()
    for benefit in benefits().values():
        assert benefit.intent in entries, benefit.engine
        assert set(benefit.facts) <= set(FACTS)
    assert [b.intent for b in map(estimable, ["ask_allocations_familiales", "ask_ars", "ask_rsa"]) if b] == [
        "ask_allocations_familiales",
        "ask_ars",
    ]


def test_a_right_paid_once_or_yearly_says_so():
    table = benefits()
    assert table["paje_naissance"].period_text(2026) == "une fois, avant la naissance"
    assert table["ars"].period_text(2027) == "pour la rentrée 2027 (versée une fois, en août 2027)"
    assert table["af"].period_text(2026) == "par mois"


def test_a_fact_applies_only_where_it_makes_sense():
    asf = benefits()["asf"]
    assert asf.missing(Household(children_ages=(4,), couple=True)) == []  # a couple: no child support asked
    assert asf.missing(Household(children_ages=(4,), couple=False)) == ["child_support"]
    housing = benefits()["aide_logement"]
    assert "rent" not in housing.missing(Household(housing="owner")) and "rent" in housing.missing(
        Household(housing="tenant")
    )


@pytest.mark.parametrize(
    "change, message",
    [
        ({"period": "weekly"}, "période « weekly »"),
        ({"facts": ["children", "shoe_size"]}, "fait inconnu « shoe_size »"),
        ({"asked_when": "sometimes"}, "condition « sometimes »"),
        ({"label": None, "intent": None}, "droit n° 1 (af)"),
    ],
)
def test_a_broken_row_is_refused_with_what_is_wrong(tmp_path, change, message):
    row = {**yaml.safe_load(BENEFITS_FILE.read_text(encoding="utf-8"))["benefits"][0]}
    row.update(change)
    row = {key: value for key, value in row.items() if value is not None}
    path = tmp_path / "benefits.yml"
    path.write_text(yaml.safe_dump({"benefits": [row]}, allow_unicode=True), encoding="utf-8")
    with pytest.raises(BenefitTableError, match=re.escape(message)):
        read_table(path)


THROW_AWAY_ROW = {
    "engine": "allocation_essai",
    "intent": "ask_essai",
    "label": "Allocation d'essai",
    "period": "month",
    "paid": "no_crds",
    "income": "current",
    "facts": ["children", "housing"],
    "asked_when": "children",
    "estimate": True,
    "why": "{children} à charge",
}
THROW_AWAY_AMOUNT = 57.5


@pytest.fixture
def fake_engine():
    with FakeEngine.serving({THROW_AWAY_ROW["engine"]: THROW_AWAY_AMOUNT}) as engine:
        yield engine


# Run in the copy of the project (BOT_PROJECT_ROOT): the screening over every right, the « Simuler » follow-up
# of the new right's topic, and both results.
IN_THE_COPY = """
import json, sys
from datetime import date
from bot.openfisca_api import Engine
from bot.rights.conversation import screening_result, topic_turn
from bot.rights.household import Household
from bot.rights.screening import Screening

day, engine = date(2026, 11, 30), Engine(sys.argv[1])
household = Household(couple=True, children_ages=(4, 9), monthly_income=1500.0, housing="owner")
turn = topic_turn("ask_essai", "je veux simuler", None, "family", household, day)
print(json.dumps({
    "asked_first": Screening(Household(children_ages=(4,))).missing(),
    "results": screening_result(Screening(household), "family", day, engine).text,
    "estimate_rights": list(turn.screening.rights),
    "estimate": screening_result(turn.screening, "family", day, engine).text,
}))
"""


def test_a_new_right_is_one_row_and_its_entry(tmp_path, fake_engine):
    project = copy_project(tmp_path / "project")
    knowledge = project / "data" / "knowledge"
    table = yaml.safe_load((knowledge / "benefits.yml").read_text(encoding="utf-8"))
    table["benefits"].append(THROW_AWAY_ROW)
    (knowledge / "benefits.yml").write_text(yaml.safe_dump(table, allow_unicode=True), encoding="utf-8")
    entry = yaml.safe_load((knowledge / "entries" / "ask_aeeh.yml").read_text(encoding="utf-8"))
    entry.update(intent="ask_essai", title="Allocation d'essai")
    (knowledge / "entries" / "ask_essai.yml").write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")

    done = run_in_copy(project, [str(VENV_BIN / "python"), "-c", IN_THE_COPY, fake_engine.url], timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout)
    assert "housing" in seen["asked_first"]  # its facts are asked
    assert "• Allocation d'essai : environ 58 € par mois — 2 enfants à charge." in seen["results"]
    assert seen["estimate_rights"] == ["allocation_essai"]  # « Simuler » estimates it alone
    assert "Estimation indicative — Allocation d'essai" in seen["estimate"] and "57,50" in seen["estimate"]
    assert "allocation_essai" in fake_engine.asked

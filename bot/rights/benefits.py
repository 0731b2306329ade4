"""The one table of the rights the rules engine computes (data/knowledge/benefits.yml), and what it implies.

Each row says the engine's variable, the knowledge entry, how the right is paid, the household
facts it needs and when the screening computes it. The screening's questions, the engine's
request, the results and the « Simuler » estimate all read this table: adding a right is one row
and its knowledge entry (tests/rights/test_benefits.py adds a throw-away one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from bot.paths import KNOWLEDGE
from bot.rights.household import Household

BENEFITS_FILE = KNOWLEDGE / "benefits.yml"
PERIODS = ("month", "year", "once")
PAID = ("net_of_crds", "no_crds", "already_net")
INCOMES = ("n_2", "current")


def _children_known(h: Household) -> bool:
    return h.children_ages is not None and -1 not in h.children_ages


def _income_known(h: Household, benefit: Benefit) -> bool:
    return h.monthly_income is not None or (benefit.income == "n_2" and h.declared_income is not None)


# A fact a right may need: is it known, and does it apply to this household at all (a rent is asked of
# tenants only, the child support of single parents only).
FACTS: dict[str, Callable[[Household, Benefit], bool]] = {
    "children": lambda h, b: _children_known(h),
    "couple": lambda h, b: h.couple is not None,
    "income": _income_known,
    "housing": lambda h, b: h.housing is not None,
    "rent": lambda h, b: h.housing != "tenant" or h.rent is not None,
    "child_support": lambda h, b: h.couple is not False or h.children == 0 or h.pension_received is not None,
}


# How the answers name a fact that is missing (« non calculé, il manque les revenus »).
FACT_NAMES = {
    "children": "les enfants",
    "couple": "la vie en couple",
    "income": "les revenus",
    "housing": "le logement",
    "rent": "le loyer",
    "child_support": "la pension alimentaire",
}


def _has_young_child(h: Household) -> bool | None:
    ages = [a for a in h.children_ages or () if a >= 0]
    return None if h.children_ages is None else any(a < 6 for a in ages)


# When the screening computes a right: True, False, or None while the facts do not tell yet.
ASKED_WHEN: dict[str, Callable[[Household], bool | None]] = {
    "always": lambda h: True,
    "children": lambda h: True if h.pregnancy or h.children else (None if h.children_ages is None else False),
    "tenant": lambda h: h.housing in (None, "tenant"),
    "young_child": _has_young_child,
}


class BenefitTableError(ValueError):
    """A row of data/knowledge/benefits.yml cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Benefit:
    engine: str  # the engine's variable
    intent: str  # its knowledge entry
    label: str  # short name, on buttons
    period: str  # month, year or once
    paid: str  # one of PAID
    income: str  # one of INCOMES
    facts: tuple[str, ...]
    asked_when: str
    why: str
    estimate: bool = False
    when: str = ""
    details: tuple[str, ...] = field(default_factory=tuple)
    not_computed: str = ""
    with_expected_child: bool = False

    def missing(self, household: Household) -> list[str]:
        """The facts this right needs that the household does not state yet (in the table's order)."""
        return [name for name in self.facts if not FACTS[name](household, self)]

    def applies(self, household: Household) -> bool | None:
        """Whether the screening computes it for this household (None: the facts do not tell yet)."""
        return ASKED_WHEN[self.asked_when](household)

    def period_text(self, year: int) -> str:
        """When it is paid, after an amount: « par mois », « pour la rentrée 2026 (…) », « une fois »."""
        if self.when:
            return self.when.format(year=year)
        return {"month": "par mois", "year": f"pour l'année {year}", "once": "une fois"}[self.period]


def _problems(benefit: Benefit) -> list[str]:
    """What a row gets wrong: a value outside its known ones (in French, for `bot check`)."""
    checks = [
        (benefit.period in PERIODS, f"période « {benefit.period} » (attendu : {', '.join(PERIODS)})"),
        (benefit.paid in PAID, f"versement « {benefit.paid} » (attendu : {', '.join(PAID)})"),
        (benefit.income in INCOMES, f"revenu « {benefit.income} » (attendu : {', '.join(INCOMES)})"),
        (benefit.asked_when in ASKED_WHEN, f"condition « {benefit.asked_when} » (connues : {', '.join(ASKED_WHEN)})"),
    ]
    problems = [message for ok, message in checks if not ok]
    return problems + [
        f"fait inconnu « {name} » (connus : {', '.join(FACTS)})" for name in benefit.facts if name not in FACTS
    ]


def _benefit(row: dict, number: int) -> Benefit:
    where = f"{BENEFITS_FILE.name}, droit n° {number} ({row.get('engine', '?')})"
    try:
        benefit = Benefit(
            engine=str(row["engine"]),
            intent=str(row["intent"]),
            label=str(row["label"]),
            period=str(row["period"]),
            paid=str(row["paid"]),
            income=str(row["income"]),
            facts=tuple(row["facts"]),
            asked_when=str(row["asked_when"]),
            why=str(row["why"]),
            estimate=bool(row.get("estimate", False)),
            when=str(row.get("when") or ""),
            details=tuple(row.get("details") or ()),
            not_computed=str(row.get("not_computed") or ""),
            with_expected_child=bool(row.get("with_expected_child", False)),
        )
    except (KeyError, TypeError) as error:
        raise BenefitTableError(f"{where}: champ manquant ou invalide {error}") from None
    problems = _problems(benefit)
    if problems:
        raise BenefitTableError(f"{where}: " + " ; ".join(problems))
    return benefit


def read_table(path: Path) -> dict[str, Benefit]:
    """The rows of a benefits table, by engine variable; BenefitTableError on a row that cannot be used."""
    rows = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("benefits") or []
    table: dict[str, Benefit] = {}
    for number, row in enumerate(rows, 1):
        benefit = _benefit(row if isinstance(row, dict) else {}, number)
        if benefit.engine in table:
            raise BenefitTableError(f"{path.name}: le droit {benefit.engine} figure deux fois")
        table[benefit.engine] = benefit
    return table


@lru_cache(maxsize=4)
def _cached(path: Path) -> dict[str, Benefit]:
    return read_table(path)


def benefits(path: Path = BENEFITS_FILE) -> dict[str, Benefit]:
    """The table in use (read once per file)."""
    return _cached(path)


def benefit_of_intent(intent: str | None, table: dict[str, Benefit] | None = None) -> Benefit | None:
    return next((b for b in (table or benefits()).values() if b.intent == intent), None)


def estimable(intent: str | None) -> Benefit | None:
    """The right the « Simuler » follow-up of this topic estimates alone, if any."""
    benefit = benefit_of_intent(intent)
    return benefit if benefit and benefit.estimate else None


def in_scope(household: Household, names: Iterable[str], table: dict[str, Benefit] | None = None) -> list[Benefit]:
    """The rights of `names` the screening may still compute for this household (a right whose condition the
    facts do not settle yet counts: its facts are asked)."""
    table = table or benefits()
    return [table[name] for name in names if table[name].applies(household) is not False]

"""A household as the rights screening and the estimates see it: numbers and choices, never the person's words.

Filled from what the person says (bot/rights/facts.py) and from the answers to
the screening questions; read by the rules engine client (bot/rights/engine.py).
None means « not said yet »; a value means the person said so (or confirmed it).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

HOUSING = ("tenant", "owner", "hosted", "homeless")
MAX_CHILDREN = 15
MAX_CHILD_AGE = 25
MAX_MONTHLY_INCOME = 100_000.0


@dataclass(frozen=True)
class Household:
    couple: bool | None = None  # two adults living together (married, PACS or not)
    children_ages: tuple[int, ...] | None = None  # completed years, 0 for a baby, -1 not said; () no child
    pregnancy: bool | None = None  # a baby is expected
    expected_birth: date | None = None  # first day of the month the birth is expected, if known
    monthly_income: float | None = None  # net monthly income of the household, euros (0: none)
    working: bool | None = None  # someone in the household works (income from work)
    housing: str | None = None  # one of HOUSING
    rent: float | None = None  # monthly rent, euros (tenants)
    pension_received: bool | None = None  # a single parent receives child support from the other parent
    adult_age: int | None = None  # age of the person asking (young adults: 18-25)
    earners: int | None = None  # adults with an income from work: 1 or 2 (« deux salaires »); 1 if not said
    declared_income: float | None = None  # revenu net catégoriel of year N-2 (tax notice), euros a year

    def merged(self, newer: Household) -> Household:
        """This household with every fact `newer` states (a correction replaces the old value)."""
        return replace(
            self, **{f.name: getattr(newer, f.name) for f in fields(self) if getattr(newer, f.name) is not None}
        )

    def known(self) -> dict[str, object]:
        """The facts stated so far."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}

    @property
    def children(self) -> int:
        return len(self.children_ages or ())

    def is_empty(self) -> bool:
        return not self.known()

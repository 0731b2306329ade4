"""Which of the asked rights the rules engine should compute for a household, and why not the others.

A right is not computed when a fact it needs is not known (its facts: data/knowledge/benefits.yml),
when its table row says it never is (the CMG needs the childcare costs), or when the household
obviously cannot get it (the three expensive ones, RSA, prime d'activité and housing aid, cost the
engine about half a second each, docs/rules-engine.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.rights.benefits import Benefit, benefits
from bot.rights.household import Household

# Above base × (RSA_CEILING_BASE + RSA_CEILING_PER_CHILD × children), no household gets RSA: its highest
# montant forfaitaire (a couple: 1.5 + 0.3 + 0.3 + 0.4 per child beyond 2; a single parent: 1.28412 +
# 0.42804 per child) stays below, and every euro of income comes off it (no activity share since 2016).
RSA_CEILING_BASE, RSA_CEILING_PER_CHILD = 2.1, 0.45


@dataclass(frozen=True)
class NotComputed:
    """Why a right was not computed: the facts missing, or a reason (English, for logs and tests) with the
    line the person reads (French; empty when there is nothing useful to say, e.g. no rent for housing aid)."""

    missing: tuple[str, ...] = ()
    reason: str = ""
    shown: str = ""


def obviously_nothing(household: Household, benefit: Benefit, rsa_base: float | None = None) -> NotComputed | None:
    """Why the household cannot get `benefit`, when it is plain without the engine."""
    if benefit.not_computed:
        return NotComputed(reason="never computed (benefits table)", shown=benefit.not_computed)
    name = benefit.engine
    if name == "asf" and household.couple is False and household.pension_received:
        return NotComputed(
            reason="child support is received but its amount is not known (the ASF tops up a lower one)",
            shown="vous recevez une pension ; si elle est faible, l'ASF peut la compléter : demandez à la CAF.",
        )
    if name == "aide_logement" and household.housing in ("owner", "hosted", "homeless"):
        return NotComputed(reason=f"no rent paid ({household.housing})")
    if name == "ppa" and (household.working is False or household.monthly_income == 0):
        return NotComputed(reason="no income from work")
    if name == "rsa" and rsa_base is not None and household.monthly_income is not None:
        ceiling = rsa_base * (RSA_CEILING_BASE + RSA_CEILING_PER_CHILD * household.children)
        if household.monthly_income >= ceiling:
            return NotComputed(reason=f"monthly income above every RSA montant forfaitaire ({ceiling:.0f} €)")
    return None


def scope(
    household: Household, names: tuple[str, ...] | list[str], rsa_base: float | None = None
) -> tuple[list[str], dict[str, NotComputed]]:
    """The rights to compute, and the others with why they are not computed."""
    table = benefits()
    unknown = [name for name in names if name not in table]
    if unknown:
        raise ValueError(f"unknown benefits: {unknown}; known: {list(table)}")
    compute, not_computed = [], {}
    for name in names:
        benefit = table[name]
        missing = benefit.missing(household)
        reason = NotComputed(missing=tuple(missing)) if missing else obviously_nothing(household, benefit, rsa_base)
        if reason:
            not_computed[name] = reason
        else:
            compute.append(name)
    return compute, not_computed

"""Which of the asked benefits the rules engine should compute for a household, and why not the others.

A benefit is not computed when a fact it needs is not known, or when the household obviously cannot
get it (the three expensive ones, RSA, prime d'activité and housing aid, cost the engine about half a
second each, docs/rules-engine.md). Reasons are for the caller, in English.
"""

from __future__ import annotations

from bot.rights.engine_payload import DeclaredIncome
from bot.rights.household import Household

FAMILY = ("af", "cf", "ars", "asf", "paje_base", "paje_naissance")
BENEFITS = (*FAMILY, "rsa", "ppa", "aide_logement", "paje_cmg")
# Above base × (RSA_CEILING_BASE + RSA_CEILING_PER_CHILD × children), no household gets RSA: its highest
# montant forfaitaire (a couple: 1.5 + 0.3 + 0.3 + 0.4 per child beyond 2; a single parent: 1.28412 +
# 0.42804 per child) stays below, and every euro of income comes off it (no activity share since 2016).
RSA_CEILING_BASE, RSA_CEILING_PER_CHILD = 2.1, 0.45


def missing_facts(household: Household, benefit: str, declared: DeclaredIncome | None) -> list[str]:
    needed = ["couple", "children_ages"]
    if (benefit in FAMILY and declared is None) or benefit in ("rsa", "ppa", "aide_logement"):
        needed.append("monthly_income")
    if benefit == "aide_logement":
        needed += ["housing"] + (["rent"] if household.housing == "tenant" else [])
    if benefit == "asf" and household.couple is False:
        needed.append("pension_received")
    return [name for name in needed if getattr(household, name) is None]


def obviously_nothing(household: Household, benefit: str, rsa_base: float | None = None) -> str | None:
    """Why the household cannot get `benefit`, when it is plain without the engine."""
    if benefit == "paje_cmg":
        return (
            "needs the childcare cost, which is not known; the engine also has only the CMG rules "
            "from before September 2025"
        )
    if benefit == "asf" and household.couple is False and household.pension_received:
        return "child support is received but its amount is not known (the ASF tops up a lower one)"
    if benefit == "aide_logement" and household.housing in ("owner", "hosted", "homeless"):
        return f"no rent paid ({household.housing})"
    if benefit == "ppa" and (household.working is False or household.monthly_income == 0):
        return "no income from work"
    if benefit == "rsa" and rsa_base is not None and household.monthly_income is not None:
        ceiling = rsa_base * (RSA_CEILING_BASE + RSA_CEILING_PER_CHILD * household.children)
        if household.monthly_income >= ceiling:
            return f"monthly income above every RSA montant forfaitaire for this household ({ceiling:.0f} €)"
    return None


def scope(
    household: Household, benefits: tuple[str, ...], declared: DeclaredIncome | None, rsa_base: float | None = None
) -> tuple[list[str], dict[str, str]]:
    """The benefits to compute, and the others with why they are not computed."""
    unknown = [b for b in benefits if b not in BENEFITS]
    if unknown:
        raise ValueError(f"unknown benefits: {unknown}; known: {BENEFITS}")
    compute, not_computed = [], {}
    for benefit in benefits:
        missing = missing_facts(household, benefit, declared)
        reason = f"not known: {', '.join(missing)}" if missing else obviously_nothing(household, benefit, rsa_base)
        if reason:
            not_computed[benefit] = reason
        else:
            compute.append(benefit)
    return compute, not_computed

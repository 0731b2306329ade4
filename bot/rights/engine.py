"""A household's benefits computed by the rules engine (OpenFisca-France), as the CAF pays them.

`simulate` asks the engine only what the caller needs (and what the household can get, see
engine_scope), in one request, plus one for the birth grant during a pregnancy: the expected child
is left out of every other calculation, where the engine would count it as a child under 3 and as a
member of the RSA household. Amounts are net of CRDS where the CAF takes it (rate read from the
engine), rounded as the CAF does; RSA bears none and housing aid comes net. Any failure or timeout
raises EngineUnavailable, so that callers can give the published figures instead. Safe to call from
several threads (nothing shared but a cache of parameters).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date

from bot.knowledge.caf_rounding import cents, net_of_crds
from bot.openfisca_api import Answer, Engine, EngineUnavailable, call, parameter_on
from bot.rights.engine_payload import YEARLY, DeclaredIncome, household_payload, period
from bot.rights.engine_scope import BENEFITS, scope
from bot.rights.household import Household

__all__ = ["Amount", "BENEFITS", "DeclaredIncome", "Engine", "EngineUnavailable", "Simulation", "simulate"]

CRDS = "prelevements_sociaux.contributions_sociales.crds"
RSA_BASE = "prestations_sociales.solidarite_insertion.minima_sociaux.rsa.rsa_m.montant_de_base_du_rsa"
NO_CRDS = ("rsa",)  # RSA bears no CRDS (only rounded to the cent)
ALREADY_NET = ("aide_logement",)  # housing aid is computed net of CRDS, rounded down to the euro
# Read with a benefit to explain it: the AF tranche (1, 0.5 or 0.25) and the complément dégressif just above a ceiling.
DETAILS = {"af": ("af_taux_modulation", "af_complement_degressif")}


@dataclass(frozen=True)
class Amount:
    benefit: str  # the engine's variable: af, ars, cf...
    value: float  # euros, as the CAF pays them: net of CRDS where it applies
    gross: float  # the engine's amount before CRDS
    period: str  # the month "2026-11", or the calendar year "2026" for the ARS (the rentrée of that year)

    @property
    def yearly(self) -> bool:
        return self.benefit in YEARLY


@dataclass(frozen=True)
class Simulation:
    month: date  # first day of the month computed
    engine: str  # "openfisca-france"
    version: str  # the engine's version, e.g. "176.1.8"
    amounts: dict[str, Amount] = field(default_factory=dict)
    not_computed: dict[str, str] = field(default_factory=dict)  # benefit -> why (English)
    details: dict[str, float] = field(default_factory=dict)

    @property
    def rentree(self) -> int:
        """The school year start whose ARS is computed: the one of this calendar year."""
        return self.month.year

    @property
    def rentree_passed(self) -> bool:
        """From September, the ARS of this year's rentrée has been paid (in August)."""
        return self.month.month >= 9


def _paid(benefit: str, gross: float, crds_rate: float) -> float:
    """What the CAF pays of the engine's amount (its rounding rule, bot.knowledge.engine_checks)."""
    if benefit in ALREADY_NET:
        return gross
    return cents(gross) if benefit in NO_CRDS else net_of_crds(gross, crds_rate)


def _values(answer: Answer, variables: list[str], month: date) -> dict[str, float]:
    famille = answer.body.get("familles", {}).get("famille_1", {})
    try:
        return {name: float(famille[name][period(name, month)]) for name in variables}
    except (KeyError, TypeError, ValueError) as error:
        raise EngineUnavailable(f"unexpected answer from the engine: {error!r}") from error


def simulate(
    household: Household,
    month: date,
    benefits: tuple[str, ...] | list[str],
    declared: DeclaredIncome | None = None,
    engine: Engine | None = None,
) -> Simulation:
    """The `benefits` of `household` for `month` (its first day is used), computed by the engine.

    `declared` gives the N-2 income of the tax notice, which family benefits read (otherwise the
    monthly income is taken as constant since January N-2). Raises EngineUnavailable."""
    engine = engine or Engine.from_environment()
    month = month.replace(day=1)
    benefits = tuple(dict.fromkeys(benefits))
    rsa_base = parameter_on(engine, RSA_BASE, month) if "rsa" in benefits else None
    compute, not_computed = scope(household, benefits, declared, rsa_base)
    birth_grant = "paje_naissance" in compute and bool(household.pregnancy)
    main = [b for b in compute if not (birth_grant and b == "paje_naissance")]
    main += [detail for b in main for detail in DETAILS.get(b, ())]
    requests = [household_payload(household, month, main, declared)] if main else []
    if birth_grant:
        requests.append(household_payload(household, month, ["paje_naissance"], declared, unborn=True))
    if not requests:
        return Simulation(month, "", "", not_computed=not_computed)
    with ThreadPoolExecutor(len(requests)) as pool:
        answers = list(pool.map(lambda body: call(engine, "/calculate", body), requests))
    values = _values(answers[0], main, month) if main else {}
    if birth_grant:
        values.update(_values(answers[-1], ["paje_naissance"], month))
    crds = parameter_on(engine, CRDS, month)
    amounts = {b: Amount(b, _paid(b, values[b], crds), values[b], period(b, month)) for b in compute}
    details = {name: values[name] for name in main if name not in compute}
    return Simulation(month, answers[0].package, answers[0].version, amounts, not_computed, details)

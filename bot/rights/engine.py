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
from bot.rights.benefits import benefits
from bot.rights.engine_payload import household_payload, period
from bot.rights.engine_scope import NotComputed, scope
from bot.rights.household import Household

__all__ = ["Amount", "Engine", "EngineUnavailable", "NotComputed", "Simulation", "simulate"]

CRDS = "prelevements_sociaux.contributions_sociales.crds"
RSA_BASE = "prestations_sociales.solidarite_insertion.minima_sociaux.rsa.rsa_m.montant_de_base_du_rsa"


@dataclass(frozen=True)
class Amount:
    benefit: str  # the engine's variable: af, ars, cf...
    value: float  # euros, as the CAF pays them: net of CRDS where it applies
    gross: float  # the engine's amount before CRDS
    period: str  # the month "2026-11", or the calendar year "2026" for a right paid yearly (the ARS)


@dataclass(frozen=True)
class Simulation:
    month: date  # first day of the month computed
    engine: str  # "openfisca-france"
    version: str  # the engine's version, e.g. "176.1.8"
    amounts: dict[str, Amount] = field(default_factory=dict)
    not_computed: dict[str, NotComputed] = field(default_factory=dict)
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
    """What the CAF pays of the engine's amount (its rounding rules, bot.knowledge.caf_rounding)."""
    paid = benefits()[benefit].paid
    if paid == "already_net":
        return gross
    return cents(gross) if paid == "no_crds" else net_of_crds(gross, crds_rate)


def _values(answer: Answer, variables: list[str], month: date) -> dict[str, float]:
    famille = answer.body.get("familles", {}).get("famille_1", {})
    try:
        return {name: float(famille[name][period(name, month)]) for name in variables}
    except (KeyError, TypeError, ValueError) as error:
        raise EngineUnavailable(f"unexpected answer from the engine: {error!r}") from error


def simulate(
    household: Household, month: date, names: tuple[str, ...] | list[str], engine: Engine | None = None
) -> Simulation:
    """The rights `names` (engine variables of data/knowledge/benefits.yml) of `household` for `month` (its
    first day is used), computed by the engine. Raises EngineUnavailable.

    A right computed with the expected child (the birth grant) is asked in a request of its own during a
    pregnancy; everything else in one request, without the expected child."""
    engine = engine or Engine.from_environment()
    month = month.replace(day=1)
    names = tuple(dict.fromkeys(names))
    table = benefits()
    rsa_base = parameter_on(engine, RSA_BASE, month) if "rsa" in names else None
    compute, not_computed = scope(household, names, rsa_base)
    unborn = [name for name in compute if household.pregnancy and table[name].with_expected_child]
    main = [name for name in compute if name not in unborn]
    main += [detail for name in main for detail in table[name].details]
    requests = [household_payload(household, month, main)] if main else []
    if unborn:
        requests.append(household_payload(household, month, unborn, unborn=True))
    if not requests:
        return Simulation(month, "", "", not_computed=not_computed)
    with ThreadPoolExecutor(len(requests)) as pool:
        answers = list(pool.map(lambda body: call(engine, "/calculate", body), requests))
    values = _values(answers[0], main, month) if main else {}
    if unborn:
        values.update(_values(answers[-1], unborn, month))
    crds = parameter_on(engine, CRDS, month)
    amounts = {b: Amount(b, _paid(b, values[b], crds), values[b], period(b, month)) for b in compute}
    details = {name: values[name] for name in main if name not in compute}
    return Simulation(month, answers[0].package, answers[0].version, amounts, not_computed, details)

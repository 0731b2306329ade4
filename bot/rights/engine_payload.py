"""The OpenFisca /calculate request for a household: numbers and choices only, never the person's words.

One famille, one foyer fiscal and one ménage hold everybody (left out, the engine silently gives each
person a group of their own). Facts the engine reads over time are given over every month from
January of year N-2, because the benefits look back: family benefits at the income of year N-2,
housing aid at the rolling year M-13..M-2, RSA and prime d'activité at the last three months.
See docs/rules-engine.md.
"""

from __future__ import annotations

from datetime import date

from bot.knowledge.entries import add_months
from bot.rights.benefits import benefits
from bot.rights.household import Household
from bot.territory import LE_HAVRE_INSEE

HOUSING_STATUS = {
    "tenant": "locataire_vide",
    "owner": "proprietaire",
    "hosted": "loge_gratuitement",
    "homeless": "sans_domicile",
}
DEFAULT_ADULT_AGE = 35
# salaire_imposable / salaire_net of a private-sector employee, the engine's own ratio (docs/rules-engine.md).
TAXABLE_PER_NET = 1.036
# The household's income is all given as salaries: these other incomes are set to zero for everyone from
# January N-5 (the engine's furthest look-back), which gives the same amounts and spares the engine
# computing unemployment and pension rights for every past month (a third of its time, docs/rules-engine.md).
NOT_RECEIVED = ("chomage_brut", "chomage_imposable", "retraite_brute", "retraite_imposable", "pensions_invalidite")
NOT_RECEIVED_SINCE_YEARS = 5
MONTHS_BEFORE_BIRTH_GRANT = 2  # the birth grant is paid in the 7th month of pregnancy: two months before birth


def birth_date(age: int, month: date) -> date:
    """A birth date giving `age` completed years all through `month`: the middle of the possible ones.

    The person is `age` years and 6 months old on the first day of `month` (the engine reads ages on
    the first day of a month), so the age holds for the whole month and the error is at most six
    months either way for the ages the engine reads at other dates (1 December for the ARS)."""
    return add_months(month.replace(day=1), -12 * age - 6)


def month_key(month: date) -> str:
    return f"{month.year}-{month.month:02d}"


def period(variable: str, month: date) -> str:
    """The period a variable is asked for: its calendar year for a right paid yearly (the ARS), else its month."""
    benefit = benefits().get(variable)
    return str(month.year) if benefit and benefit.period == "year" else month_key(month)


def months_since_january(years_back: int, month: date) -> int:
    """How many months from January of year N-`years_back` to `month` included."""
    return 12 * years_back + month.month


def since_january(years_back: int, month: date) -> str:
    """That multi-month period, as the engine writes it: 'month:2024-01:35'."""
    return f"month:{month.year - years_back}-01:{months_since_january(years_back, month)}"


def _adults(household: Household, month: date) -> dict[str, dict]:
    names = ["parent_1", "parent_2"] if household.couple else ["parent_1"]
    born = {"ETERNITY": birth_date(household.adult_age or DEFAULT_ADULT_AGE, month).isoformat()}
    adults: dict[str, dict] = {name: {"date_naissance": born} for name in names}
    earners = names[: max(1, min(household.earners or 1, len(names)))]
    if household.monthly_income is not None:
        # One multi-month key carries the total; the engine spreads it evenly over the months.
        span = since_january(2, month)
        total = household.monthly_income * months_since_january(2, month) / len(earners)
        for name in earners:
            adults[name]["salaire_net"] = {span: round(total, 2)}
            adults[name]["salaire_imposable"] = {span: round(total * TAXABLE_PER_NET, 2)}
    if household.declared_income is not None:
        # The tax notice's income replaces the N-2 income the monthly income implies. Set for every adult:
        # an input given to some only drops the formula for the others.
        for name in names:
            share = household.declared_income / len(earners) if name in earners else 0
            adults[name]["revenu_assimile_salaire_apres_abattements"] = {str(month.year - 2): round(share, 2)}
    if household.pregnancy:
        adults["parent_1"]["enceinte"] = {month_key(month): True}
    if not household.couple and household.pension_received is False:
        adults["parent_1"]["pensions_alimentaires_percues"] = {month_key(month): 0.0}
    return adults


def _menage(household: Household, month: date, adults: list[str], children: list[str]) -> dict:
    menage = {
        "personne_de_reference": adults[:1],
        "conjoint": adults[1:],
        "enfants": children,
        "depcom": {month_key(month): LE_HAVRE_INSEE},  # zone 2 of housing aid,
    }
    if household.housing in HOUSING_STATUS:
        menage["statut_occupation_logement"] = {month_key(month): HOUSING_STATUS[household.housing]}
    if household.housing == "tenant" and household.rent is not None:
        menage["loyer"] = {month_key(month): household.rent}
    return menage


def household_payload(
    household: Household,
    month: date,
    variables: list[str],
    unborn: bool = False,
) -> dict:
    """The /calculate body asking `variables` of the famille for `month` (the ARS for its calendar year).

    With `unborn`, an expected child is added, born two months after `month` (so that the birth grant
    falls in `month`); only the birth grant should be read from such a request."""
    individuals = _adults(household, month)
    adults = list(individuals)
    children = []
    for number, age in enumerate(household.children_ages or (), 1):
        children.append(f"enfant_{number}")
        individuals[f"enfant_{number}"] = {"date_naissance": {"ETERNITY": birth_date(age, month).isoformat()}}
    if unborn:
        children.append("enfant_a_naitre")
        expected = add_months(month.replace(day=1), MONTHS_BEFORE_BIRTH_GRANT)
        individuals["enfant_a_naitre"] = {"date_naissance": {"ETERNITY": expected.isoformat()}}
    not_received = {variable: {since_january(NOT_RECEIVED_SINCE_YEARS, month): 0} for variable in NOT_RECEIVED}
    for person in individuals.values():
        person.update(not_received)
    famille: dict[str, object] = {"parents": adults, "enfants": children}
    famille.update({variable: {period(variable, month): None} for variable in variables})
    return {
        "individus": individuals,
        "familles": {"famille_1": famille},
        "foyers_fiscaux": {"foyer_fiscal_1": {"declarants": adults, "personnes_a_charge": children}},
        "menages": {"menage_1": _menage(household, month, adults, children)},
    }

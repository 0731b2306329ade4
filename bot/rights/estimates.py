"""Estimates of the allocations familiales, the ARS and the complément familial.

The rules are those written in the knowledge entries (docs/knowledge.md); every
figure used comes from data/knowledge/entries/ with its date and status, so an
estimate follows the data when amounts or ceilings change. Only the CAF decides.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.formatting import euros, long_date
from bot.knowledge.entries import Entry, Figure, Row, load_entries

AF_AGE_LIMIT = 20          # AF count children under 20
AF_AGE_REFORM_BIRTH = date(2012, 3, 1)  # born from this date: age supplement from 18, else from 14
CF_MIN_AGE, CF_AGE_LIMIT = 3, 21
ARS_MIN_AGE, ARS_MAX_AGE = 6, 18


@dataclass
class Estimate:
    benefit: str
    monthly: float = 0.0
    yearly: float = 0.0
    rules: list[str] = field(default_factory=list)
    used: list[tuple[Figure, Row]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def use(self, entry: Entry, figure_id: str, day: date) -> float:
        figure = next(f for f in entry.figures if f.id == figure_id)
        row = figure.row_in_force(day)
        if row is None:
            raise LookupError(f"{figure_id}: aucune valeur en vigueur le {day}")
        self.used.append((figure, row))
        return row.value


def _per_count(estimate: Estimate, entry: Entry, prefix: str, suffix: str, count: int, day: date,
               extra_id: str) -> float:
    """A figure given for 2/3/4 children (or 1..4), plus a per-extra-child increment beyond 4."""
    if count <= 4:
        return estimate.use(entry, f"{prefix}{count}_enfant{'s' if count > 1 else ''}{suffix}", day)
    base = estimate.use(entry, f"{prefix}4_enfants{suffix}", day)
    return base + (count - 4) * estimate.use(entry, extra_id, day)


def _age_supplement_threshold(age: int, day: date) -> int | None:
    """14 or 18 by the reform of 1 March 2026; None when the age alone cannot tell."""
    latest_birth = date(day.year - age, day.month, min(day.day, 28))
    earliest_birth = date(day.year - age - 1, day.month, min(day.day, 28))
    if latest_birth < AF_AGE_REFORM_BIRTH:
        return 14
    if earliest_birth >= AF_AGE_REFORM_BIRTH:
        return 18
    return None


def estimate_af(ages: list[int], income: float, day: date) -> Estimate:
    """Allocations familiales: income tranche, base amount, age supplements, forfait 20 ans."""
    entry = load_entries()["ask_allocations_familiales"]
    result = Estimate("ask_allocations_familiales")
    counted = sorted((a for a in ages if a < AF_AGE_LIMIT), reverse=True)
    n = len(counted)
    if n < 2:
        result.rules.append("Il faut au moins 2 enfants de moins de 20 ans : pas d'allocations familiales.")
        return result
    t1 = _per_count(result, entry, "af_plafond_t1_", "", n, day, "af_plafond_t1_par_enfant_en_plus")
    t2 = _per_count(result, entry, "af_plafond_t2_", "", n, day, "af_plafond_t2_par_enfant_en_plus")
    tranche = 1 if income <= t1 else 2 if income <= t2 else 3
    names = {1: "tranche 1 (montant plein)", 2: "tranche 2 (moitié)", 3: "tranche 3 (quart)"}
    result.rules.append(f"{n} enfants de moins de 20 ans, revenus de {euros(income)} : {names[tranche]} "
                        f"(plafonds {euros(t1)} et {euros(t2)}).")
    monthly = _per_count(result, entry, "af_", f"_t{tranche}", n, day, f"af_par_enfant_en_plus_t{tranche}")
    supplement = 0
    for position, age in enumerate(counted):
        if n == 2 and position == 0:
            continue  # no supplement for the eldest of a two-child family
        threshold = _age_supplement_threshold(age, day)
        if threshold is None and age >= 14:
            result.notes.append(f"Pour l'enfant de {age} ans : supplément pour âge seulement s'il est né avant "
                                "le 1er mars 2012 (non compté ici).")
        elif threshold is not None and age >= threshold:
            supplement += 1
    if supplement:
        monthly += supplement * result.use(entry, f"af_majoration_age_t{tranche}", day)
        result.rules.append(f"Supplément pour âge pour {supplement} enfant(s).")
    twenty = [a for a in ages if a == AF_AGE_LIMIT]
    if twenty and n + len(twenty) >= 3:
        monthly += len(twenty) * result.use(entry, f"af_forfait_20_ans_t{tranche}", day)
        result.rules.append("Forfait 20 ans (famille de 3 enfants ou plus), pendant 1 an.")
    if min(abs(income - t1), abs(income - t2)) <= 0.05 * t1:
        result.notes.append("Vos revenus sont proches d'un plafond : un complément dégressif peut changer le montant.")
    result.monthly, result.yearly = monthly, monthly * 12
    return result


def estimate_ars(ages: list[int], income: float, day: date) -> Estimate:
    """Allocation de rentrée scolaire: ceiling by number of children, amount by age band."""
    entry = load_entries()["ask_ars"]
    result = Estimate("ask_ars")
    schooled = [a for a in ages if ARS_MIN_AGE <= a <= ARS_MAX_AGE]
    if not schooled:
        result.rules.append("Aucun enfant de 6 à 18 ans : pas d'allocation de rentrée scolaire.")
        return result
    n = len(ages)
    ceiling = _per_count(result, entry, "ars_plafond_", "", n, day, "ars_plafond_par_enfant_en_plus")
    if income > ceiling:
        result.rules.append(f"Revenus de {euros(income)} au-dessus du plafond de {euros(ceiling)} pour {n} "
                            "enfant(s) : pas d'ARS, sauf une ARS réduite (différentielle) si vous le dépassez de peu.")
        return result
    total = 0.0
    for age in schooled:
        band = "ars_6_10" if age <= 10 else "ars_11_14" if age <= 14 else "ars_15_18"
        total += result.use(entry, band, day)
    result.rules.append(f"Revenus sous le plafond de {euros(ceiling)} pour {n} enfant(s) ; "
                        f"{len(schooled)} enfant(s) de 6 à 18 ans.")
    result.notes.append("Versée une fois par an, mi ou fin août ; de 16 à 18 ans, confirmez la scolarité sur caf.fr.")
    result.yearly = total
    return result


def estimate_cf(ages: list[int], income: float, two_incomes_or_single: bool, day: date) -> Estimate:
    """Complément familial: 3+ children all aged 3 to 20, under the ceiling; majoré for the lowest incomes."""
    entry = load_entries()["ask_complement_familial"]
    result = Estimate("ask_complement_familial")
    children = [a for a in ages if a < CF_AGE_LIMIT]
    if len(children) < 3 or min(children) < CF_MIN_AGE:
        result.rules.append("Il faut au moins 3 enfants, tous âgés de 3 ans ou plus (et de moins de 21 ans) : "
                            "pas de complément familial.")
        return result
    n = len(children)
    household = "2_revenus_ou_isole" if two_incomes_or_single else "1_revenu"
    ceiling = _per_count(result, entry, "cf_plafond_", f"_{household}", n, day, "cf_plafond_par_enfant_en_plus")
    if income > ceiling:
        result.rules.append(f"Revenus de {euros(income)} au-dessus du plafond de {euros(ceiling)} : "
                            "pas de complément familial (une allocation réduite existe juste au-dessus).")
        return result
    majore = None
    if n <= 4:
        majore = result.use(entry, f"cf_majore_plafond_{n}_enfants_{household}", day)
    if majore is not None and income <= majore:
        monthly = result.use(entry, "cf_majore", day)
        result.rules.append(f"Revenus sous le plafond du montant majoré ({euros(majore)}) : complément familial majoré.")
    else:
        monthly = result.use(entry, "cf_montant", day)
        result.rules.append(f"Revenus sous le plafond de {euros(ceiling)} : complément familial.")
        if majore is None:
            result.notes.append("Au-delà de 4 enfants, nos données n'ont pas le plafond du montant majoré.")
    result.monthly, result.yearly = monthly, monthly * 12
    return result


def render_estimate(estimate: Estimate) -> str:
    """The estimate in plain French: amounts, the rule applied, the dates of the figures, who decides."""
    lines = ["Estimation (indicative) :"]
    if estimate.monthly:
        lines.append(f"• environ {euros(estimate.monthly)} par mois, soit {euros(estimate.yearly)} par an")
    elif estimate.yearly:
        lines.append(f"• environ {euros(estimate.yearly)} pour l'année")
    else:
        lines.append("• pas de droit d'après vos réponses")
    lines += [f"• {rule}" for rule in estimate.rules] + [f"• {note}" for note in estimate.notes]
    income_years = sorted({row.income_year for _, row in estimate.used if row.income_year})
    if income_years:
        lines.append(f"Revenus pris en compte : le revenu net catégoriel de {income_years[0]} du foyer "
                     f"(avis d'impôt reçu en {income_years[0] + 1}).")
    dates = sorted({row.effective for _, row in estimate.used})
    if dates:
        lines.append("Chiffres utilisés : en vigueur depuis le " + ", ".join(long_date(d) for d in dates) + ".")
    if any(row.status != "confirmed" for _, row in estimate.used):
        lines.append("Certains montants sont calculés d'après le barème officiel : à vérifier auprès de la CAF.")
    lines.append("Seule la CAF décide de vos droits. Simulation officielle : https://www.mesdroitssociaux.gouv.fr "
                 "ou https://www.caf.fr (rubrique « Faire une simulation »).")
    return "\n".join(lines)

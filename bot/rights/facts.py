"""The household facts a person states in their own words: « 3 enfants de 4, 9 et 15 ans, on gagne 2500 par mois ».

`read_facts(text)` returns a Household holding only what the text says (None for the
rest). It reads French as families write it (no accents, SMS spellings) and simple
English. Everything is one pass of bounded regular expressions over the folded text,
so a long or hostile message costs little (tests/test_linear_text.py). The NLU
component components/household_facts.py gives these facts as entities, so that a
message with facts and a question keeps the question's intent and the facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import islice

from bot.rights.household import MAX_CHILD_AGE, MAX_CHILDREN, MAX_MONTHLY_INCOME, Household
from bot.text import fold

NUMBER_WORDS = {
    "zero": 0,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "onze": 11,
    "douze": 12,
    "treize": 13,
    "quatorze": 14,
    "quinze": 15,
    "seize": 16,
    "dix sept": 17,
    "dix huit": 18,
    "dix neuf": 19,
    "vingt": 20,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six ": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_NUMBER_WORD = re.compile(
    r"\b(" + "|".join(sorted((re.escape(w.strip()) for w in NUMBER_WORDS), key=len, reverse=True)) + r")\b"
)
CHILD_WORDS = (
    r"enfants?|enfant|gosses?|gamins?|gamines?|momes?|petits?|filles?|fils|garcons?|bebes?|"
    r"kids?|children|child|babies|baby|sons?|daughters?|ados?|adolescents?"
)
CHILDREN_COUNT = re.compile(rf"\b(\d{{1,2}})\s?(?:{CHILD_WORDS})\b")
TWINS = re.compile(r"\bjumea(?:ux|u)\b|\bjumelles?\b|\btwins\b")
NO_CHILD = re.compile(
    r"\b(?:pas d ?enfants?|sans enfants?|aucun enfant|0 enfant|no (?:kids|children)|"
    r"pas encore d ?enfant)\b"
)
AGE_TOKENS = re.compile(r"\d+|[a-z]+|[,/&+-]")
LIST_WORDS = ("et", "and", "&", ",", "/", "-", "+", "de", "of", "aged", "ages", "age", "agee", "agees", "ages")
MONTHS_OLD = re.compile(r"\b(\d{1,2})\s?(?:mois|months?)\b")
OWN_AGE = re.compile(r"\b(?:j ?ai|jai|i am|i m|im|moi)\s(\d{2})\s?(?:ans|years?)\b(?!\s*(?:d|de)\s)")
ONE_CHILD = re.compile(
    r"\b(?:mon|ma|notre|my|our) (?:fils|fille|enfant|bebe|petit|petite|gamin|gamine|son|daughter|"
    r"child|baby|kid)\b"
)
BABY = re.compile(r"\b(?:un|une|1|mon|ma|notre|a|my)\s(?:bebe|nourrisson|baby|newborn)\b")

EX_PARTNER = re.compile(
    r"\b(?:mon|ma|my) (?:ex|ancien|ancienne)(?:[ -](?:mari|femme|epou\w*|conjoint\w*|compagn\w*|"
    r"copain|copine|husband|wife|partner))?\b"
)
NEXT_CHILD = re.compile(
    r"\b(?:enceinte|pregnant)\b[^.?!]{0,12}\b(?:de |du |with )?(?:mon |ma |notre |my |our )?"
    r"(?:(2)(?:e|eme|nd)?|deuxieme|second|(3)(?:e|eme|rd)?|troisieme|third|(4)(?:e|eme|th)?|"
    r"quatrieme|fourth)\b"
)
COUPLE = re.compile(
    r"\b(?:en couple|couple|mari|husband|wife|mariee?s?|pacsee?s?|concubin\w*|mon mari|ma femme|mon epoux|mon epouse|"
    r"mon conjoint|ma conjointe|mon compagnon|ma compagne|mon copain|ma copine|avec mon ami|"
    r"nous sommes deux|on est deux|a deux|tous les deux|married|my husband|my wife|my partner|"
    r"we are a couple|as a couple)\b"
)
SINGLE = re.compile(
    r"\b(?:seule?|seul\(e\)|celibataire|parent isole|mere isolee|pere isole|isolee?|maman solo|"
    r"papa solo|mere celibataire|pere celibataire|separee?s?|divorcee?s?|veuve?|monoparental\w*|"
    r"single|alone|divorced|separated|widow\w*)\b"
)
NOT_ALONE = re.compile(r"\b(?:pas seule?|plus seule?|not alone)\b")

AMOUNT = r"(\d{1,3}(?:[ .\u202f]\d{3})+|\d{1,6})(?:[.,](\d{1,2}))?\s?(k)?\s?(?:euros?|eur|€|e\b)?"
_AMOUNT = re.compile(AMOUNT)
MONTHLY = re.compile(
    r"^\s?(?:€|euros?|eur)?\s?(?:net|nets|nette)?\s?(?:par mois|/ ?mois|mensuel\w*|le mois|"
    r"chaque mois|a month|per month|monthly|/ ?month|pm\b)"
)
YEARLY = re.compile(
    r"^\s?(?:€|euros?|eur)?\s?(?:net|nets|nette)?\s?(?:par an|/ ?an|annuel\w*|l an|a year|per year|"
    r"yearly|annually)"
)
INCOME_CUE = re.compile(
    r"\b(?:gagn\w*|salaires?|revenus?|touch\w*|paye|paie|smic|net|gains?|ressources|earn\w*|"
    r"income|salary|wages?|makes?|de|d environ|environ|about|around)\s"
)
RENT_CUE = re.compile(r"\b(?:loyer|rent|louons|loue|loyers?)\b")
NO_INCOME = re.compile(
    r"\b(?:aucun revenu|pas de revenus?|sans revenus?|zero revenu|pas de salaire|sans salaire|"
    r"je touche rien|on touche rien|rien du tout comme revenu|no income|not earning|"
    r"aucune ressource|sans ressources?|0 revenu)\b"
)

WORKING = re.compile(
    r"\b(?:travail|travaille|bosse|je travaille|il travaille|elle travaille|on travaille|je bosse|il bosse|elle bosse|"
    r"salariee?|cdi|cdd|interim\w*|temps partiel|mi temps|temps plein|i work|working|employed|"
    r"smic|apprenti\w*|alternance)\b"
)
NOT_WORKING = re.compile(
    r"\b(?:chomage|chomeu\w*|sans emploi|sans travail|pas de travail|pas de boulot|"
    r"je travaille pas|je ne travaille pas|je travaille plus|je ne travaille plus|"
    r"perdu mon (?:travail|emploi|boulot)|licencie\w*|unemployed|not working|lost my job|"
    r"au foyer|sans activite)\b"
)

PREGNANT = re.compile(
    r"\b(?:enceinte|grossesse|(?:j ?attends|on attend|nous attendons|attend) (?:un|une|1|notre|mon) "
    r"(?:bebe|enfant|heureux evenement)|future maman|bebe (?:prevu|arrive)|pregnant|expecting"
    r"(?: a baby)?)\b"
)
PREGNANCY_MONTHS = re.compile(r"\benceinte de (\d)\s?mois\b|\b(\d) months? pregnant\b")

TENANT = re.compile(
    r"\b(?:locataire|en location|hlm|logement social|bailleur|loyer|loue|louons|rent|renting|"
    r"tenant)\b"
)
OWNER = re.compile(
    r"\b(?:proprietaires?|proprio|on a achete|j ai achete|credit immobilier|homeowner|own our|"
    r"own my)\b"
)
HOSTED = re.compile(
    r"\b(?:heberge\w*|chez mes parents|chez ma mere|chez mon pere|chez des amis|chez un ami|"
    r"chez une amie|chez ma soeur|chez mon frere|living with my parents|with friends)\b"
)
HOMELESS = re.compile(r"\b(?:a la rue|sans logement|sans domicile|sdf|dehors avec|homeless|sans abri)\b")

NO_PENSION = re.compile(
    r"\b(?:pere|mere|papa|maman|ex|il|elle|l autre parent)\b[^.?!]{0,30}\b(?:paie|paye|verse|"
    r"donne|aide)\w*\s(?:pas|rien|plus|jamais)\b|\bpas de pension\b|\bsans pension\b|"
    r"\baucune pension\b|\bpension (?:non|pas) (?:payee|versee)\b|\bdoesn t pay\b|"
    r"\bno child support\b"
)
PENSION = re.compile(
    r"\b(?:verse|paie|paye|donne)\w*\s(?:une |la )?pension\b|\bpension alimentaire de\b|"
    r"\breceive child support\b|\bpays child support\b"
)

DECLARED_CUE = re.compile(
    r"\b(?:revenus? nets? categoriels?|avis d ?(?:impot|imposition)s?)\b[^0-9]{0,25}(?:(?:19|20)\d\d\b[^0-9]{0,12})?$"
)
TWO_INCOMES = re.compile(
    r"\b2 (?:revenus|salaires|payes)\b|\b(?:on travaille|nous travaillons|on bosse) (?:tous )?les 2\b"
    r"|\btous les 2 (?:travaillons|bossons|on travaille|on bosse|travaillent|bossent)\b|\btwo (?:incomes|salaries)\b"
)
ONE_INCOME = re.compile(
    r"\b(?:1|seul|1 seul) (?:revenu|salaire)\b|\bseule? (?:mon|ma) (?:mari|femme|conjointe?|compagnon|compagne) "
    r"(?:travaille|bosse)\b|\bseulement (?:moi|lui|elle|mon \w+|ma \w+) (?:qui )?(?:travaille|bosse)\b|\bone income\b"
)

MAX_TEXT = 2000


def _normalised(text: str) -> str:
    folded = fold(text or "")[:MAX_TEXT]
    return _NUMBER_WORD.sub(lambda m: str(NUMBER_WORDS.get(m.group(1), NUMBER_WORDS.get(m.group(1) + " ", 0))), folded)


def _ages(folded: str) -> tuple[list[int], set[int]]:
    """Children's ages, and where their numbers stand (so they are not read as money).

    The numbers of each list that ends with « an(s) » / « year(s) » ('4, 9 et 15 ans' -> 4, 9, 15), or that
    follows « aged » ('aged 1 and 4'); babies in months count as 0; « un de 3 ans » is one child of 3."""
    positions: set[int] = set()
    ages = []
    for match in MONTHS_OLD.finditer(folded):
        if not PREGNANCY_MONTHS.search(folded[max(0, match.start() - 12) : match.end()]):
            ages.append(0)
            positions.add(match.start(1))
    run: list[tuple[int, int]] = []
    after_aged = False
    own = {match.start(1) for match in OWN_AGE.finditer(folded)}
    tokens = list(AGE_TOKENS.finditer(folded))
    for index, match in enumerate(tokens):
        token = match.group()
        following = tokens[index + 1].group() if index + 1 < len(tokens) else ""
        if token.isdigit() and len(token) <= 2 and match.start() not in own and following not in ("de", "of"):
            run.append((int(token), match.start()))
        elif token in ("an", "ans", "year", "years", "yo", "yrs"):
            ages += [age for age, _ in run]
            positions |= {start for _, start in run}
            run, after_aged = [], False
        elif token in ("aged", "ages", "agee", "agees"):
            run, after_aged = [], True
        elif token not in LIST_WORDS and token not in ("old",):
            if after_aged:
                ages += [age for age, _ in run]
                positions |= {start for _, start in run}
            run, after_aged = [], False
    if after_aged:
        ages += [age for age, _ in run]
        positions |= {start for _, start in run}
    return [age for age in ages if 0 <= age <= MAX_CHILD_AGE], positions


def _children(folded: str, ages: list[int]) -> tuple[int, ...] | None:
    if NO_CHILD.search(folded):
        return ()
    counts = [int(match.group(1)) for match in CHILDREN_COUNT.finditer(folded)]
    count = max(counts) if counts else (2 if TWINS.search(folded) else None)
    if count is None and BABY.search(folded) and not ages:
        return (0,)
    if count is None and not ages and ONE_CHILD.search(folded) and not re.search(r"\bmes (?:enfants|gosses)\b", folded):
        count = 1
    if not ages:
        return None if count is None or not 0 < count <= MAX_CHILDREN else tuple([-1] * count)
    if count is not None and count > len(ages) and count <= MAX_CHILDREN:
        return tuple(sorted(ages)) + tuple([-1] * (count - len(ages)))  # -1: an age not said
    return tuple(sorted(ages))[:MAX_CHILDREN]


def _amount(match: re.Match) -> float:
    value = float(re.sub(r"[ .\u202f]", "", match.group(1)) + ("." + match.group(2) if match.group(2) else ""))
    return value * 1000 if match.group(3) else value


YEARLY_THRESHOLD = 10_000  # an income above this, without a period, is read as yearly (« 25 000 » a year)
MAX_AMOUNTS = 40  # a household is told with a few numbers; the rest of a very long message is not read


@dataclass(frozen=True)
class Money:
    income: float | None = None  # net a month
    rent: float | None = None  # a month
    declared: float | None = None  # revenu net catégoriel of the tax notice, a year


def _money(folded: str, age_positions: set[int]) -> Money:
    """The net monthly income, the monthly rent and the tax notice's income from the amounts of the text and
    the words around them.

    A number counts as money when a currency or a period follows it, or an income word comes just
    before it; numbers of ages, of children and postcodes do not. An amount right after « revenu net
    catégoriel » or « avis d'impôt » is the declared income of a year."""
    income: float | None = 0.0 if NO_INCOME.search(folded) else None
    rent = declared = None
    not_money = age_positions | {m.start(1) for m in CHILDREN_COUNT.finditer(folded)}
    for match in islice(_AMOUNT.finditer(folded), MAX_AMOUNTS):
        if match.start(1) in not_money:
            continue
        after, before = folded[match.end() : match.end() + 25], folded[max(0, match.start() - 30) : match.start()]
        currency = bool(re.search(r"(?:€|euros?|eur)\s?$", match.group()) or re.match(r"^\s?(?:€|euros?|eur)\b", after))
        period = MONTHLY.match(after) or YEARLY.match(after)
        if re.match(r"^\s?(?:ans?|years?|mois|months?|enfants?|kids?|children|h\b|heures?|%)", after):
            continue
        value = _amount(match)
        if DECLARED_CUE.search(before):
            names_a_year = 1990 <= value <= 2039 and not currency  # « revenu net catégoriel 2024 : »
            if not names_a_year and declared is None and 0 < value <= 12 * MAX_MONTHLY_INCOME:
                declared = value
            continue
        if re.fullmatch(r"\d{5}", match.group(1)) and not (currency or period):
            continue  # a postcode (76600), not an amount
        if RENT_CUE.search(before[-18:]) or re.match(r"^\s?(?:€|euros?)?\s?(?:de )?(?:loyer|of rent|rent)", after):
            rent = value if 0 < value <= 10_000 else rent
            continue
        if not (currency or period or INCOME_CUE.search(before[-25:] + " ")) or (value < 100 and not currency):
            continue
        if YEARLY.match(after) or (not period and value > YEARLY_THRESHOLD):
            value /= 12  # « 25 000 € » without a period is a year's income
        if 0 <= value <= MAX_MONTHLY_INCOME and income is None:
            income = round(value, 2)
    return Money(income, rent, declared)


def _earners(folded: str) -> int | None:
    """How many adults earn: « deux salaires », « on travaille tous les deux » -> 2; « un seul revenu » -> 1."""
    if TWO_INCOMES.search(folded):
        return 2
    return 1 if ONE_INCOME.search(folded) else None


def _housing(folded: str) -> str | None:
    for status, pattern in (("homeless", HOMELESS), ("hosted", HOSTED), ("owner", OWNER), ("tenant", TENANT)):
        if pattern.search(folded):
            return status
    return None


def _expected_birth(folded: str, today: date) -> date | None:
    months = PREGNANCY_MONTHS.search(folded)
    if not months:
        return None
    remaining = max(1, 9 - int(months.group(1) or months.group(2)))
    month = today.month - 1 + remaining
    return date(today.year + month // 12, month % 12 + 1, 1)


def read_facts(text: str | None, today: date | None = None) -> Household:
    """What the text says of the household; None for everything it does not say."""
    folded = _normalised(text or "")
    if not folded:
        return Household()
    today = today or date.today()
    ages, age_positions = _ages(folded)
    money = _money(folded, age_positions)
    earners = _earners(folded)
    pregnant = bool(PREGNANT.search(folded)) or None
    couple = None
    partnerless = EX_PARTNER.sub(
        " ", re.sub(r"\b(?:une? seule?|a single|seule? (?:salaire|revenu|paie))\b", " ", folded)
    )
    alone = (SINGLE.search(partnerless) or EX_PARTNER.search(folded)) and not NOT_ALONE.search(partnerless)
    together = COUPLE.search(partnerless)
    if alone and together and SINGLE.search(partnerless):
        couple = None  # « seule et mariée »: contradictory, the screening asks
    elif alone:
        couple = False
    elif together or earners == 2:
        couple = True
    working = False if NOT_WORKING.search(folded) else (True if WORKING.search(folded) else None)
    pension = False if NO_PENSION.search(folded) else (True if PENSION.search(folded) else None)
    own_age = OWN_AGE.search(folded)
    adult_age = int(own_age.group(1)) if own_age and 16 <= int(own_age.group(1)) <= 99 else None
    children = _children(PREGNANT.sub(" ", folded), ages)  # « j'attends un bébé » is no child yet
    next_child = NEXT_CHILD.search(folded) if pregnant else None
    if children is None and next_child:  # « enceinte de mon deuxième »: one child already
        rank = {"deuxieme": 2, "second": 2, "troisieme": 3, "third": 3, "quatrieme": 4, "fourth": 4}
        digits = next((g for g in next_child.groups() if g), None)
        number = int(digits) if digits else next(rank[w] for w in rank if w in next_child.group())
        children = tuple([-1] * (number - 1))
    return Household(
        couple=couple,
        children_ages=children,
        pregnancy=pregnant,
        expected_birth=_expected_birth(folded, today) if pregnant else None,
        monthly_income=money.income,
        working=working,
        housing=_housing(folded),
        rent=money.rent,
        pension_received=pension,
        adult_age=adult_age,
        earners=earners,
        declared_income=money.declared,
    )


# Entity names of the facts (components/household_facts.py), and the Household field each one fills.
FACT_ENTITIES = {
    "couple": "couple",
    "child_age": "children_ages",
    "children": "children_ages",
    "pregnancy": "pregnancy",
    "income": "monthly_income",
    "working": "working",
    "housing": "housing",
    "rent": "rent",
    "child_support": "pension_received",
    "adult_age": "adult_age",
    "earners": "earners",
    "declared_income": "declared_income",
}


def fact_entities(household: Household) -> list[dict]:
    """The facts as NLU entities: numbers and choices (a child's age not said is left out)."""
    entities = []
    for name, field in FACT_ENTITIES.items():
        value = getattr(household, field)
        if value is None or name in ("child_age", "children"):
            continue
        entities.append({"entity": name, "value": value.isoformat() if isinstance(value, date) else value})
    if household.children_ages is not None:
        entities.append({"entity": "children", "value": household.children})
        entities += [{"entity": "child_age", "value": age} for age in household.children_ages if age >= 0]
    if household.expected_birth is not None:
        entities.append({"entity": "expected_birth", "value": household.expected_birth.isoformat()})
    return entities


def facts_from_entities(entities: list[dict]) -> Household:
    """The Household the facts entities of a message describe (the reverse of fact_entities)."""
    values: dict[str, list] = {}
    for entity in entities or []:
        if isinstance(entity, dict) and (
            entity.get("entity") in FACT_ENTITIES or entity.get("entity") == "expected_birth"
        ):
            values.setdefault(entity["entity"], []).append(entity.get("value"))
    known = {
        FACT_ENTITIES[name]: found[0]
        for name, found in values.items()
        if name in FACT_ENTITIES and name not in ("children", "child_age")
    }
    if "children" in values:
        ages = [int(age) for age in values.get("child_age", []) if isinstance(age, (int, float))]
        count = int(values["children"][0])
        known["children_ages"] = tuple(sorted(ages)) + tuple([-1] * max(0, count - len(ages)))
    if "expected_birth" in values:
        known["expected_birth"] = date.fromisoformat(values["expected_birth"][0])
    return Household(**known)


def facts_of_conversation(messages_entities: list[list[dict]]) -> Household:
    """Every fact stated so far, in order (a later statement corrects an earlier one)."""
    household = Household()
    for entities in messages_entities:
        household = household.merged(facts_from_entities(entities))
    return household

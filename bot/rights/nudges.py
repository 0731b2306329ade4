"""Nudges: when the facts of the conversation open a right the person did not ask about, say so in one line.

Rules (the knowledge entries give the conditions in full; the screening checks them):
- raising a child alone, with no child support (or not said) → ASF;
- three children or more, all aged 3 or more → complément familial;
- a baby expected or born in the last months → prime à la naissance and allocation de base;
- a young adult who works → prime d'activité.
The line ends with an offer to check all rights (the « À quoi ai-je droit ? » screening).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.replies import Reply, intent_button
from bot.rights.household import Household

SCREENING_BUTTON = intent_button("Vérifier mes droits", "check_eligibility")


@dataclass(frozen=True)
class Nudge:
    intent: str  # the right the facts point to
    line: str


def nudges(household: Household, asked: str | None) -> list[Nudge]:
    """The rights the facts point to, other than the one asked about, most specific first."""
    found = []
    h = household
    if h.couple is False and h.children > 0 and h.pension_received is not True:
        found.append(
            Nudge(
                "ask_asf",
                "Vous élevez seul(e) votre enfant : l'allocation de soutien familial (ASF) "
                "peut vous concerner si l'autre parent ne verse pas de pension.",
            )
        )
    known_ages = [a for a in h.children_ages or () if a >= 0]
    if h.children >= 3 and len(known_ages) == h.children and all(a >= 3 for a in known_ages):
        found.append(
            Nudge(
                "ask_complement_familial",
                "Avec trois enfants de 3 ans ou plus, le complément "
                "familial peut vous concerner (sous conditions de revenus).",
            )
        )
    if h.pregnancy or any(a == 0 for a in known_ages):
        found.append(
            Nudge(
                "ask_prime_naissance",
                "Pour une naissance, la CAF verse la prime à la naissance puis "
                "l'allocation de base de la PAJE (sous conditions de revenus).",
            )
        )
    if h.adult_age is not None and 18 <= h.adult_age <= 25 and (h.working or (h.monthly_income or 0) > 0):
        found.append(
            Nudge(
                "ask_prime_activite",
                "Vous travaillez et vous avez moins de 25 ans : la prime d'activité peut vous concerner.",
            )
        )
    return [nudge for nudge in found if nudge.intent != asked]


def with_nudge(reply: Reply, household: Household, asked: str | None) -> Reply:
    """The reply, ending with the nudge line and the « Vérifier mes droits » button when the facts open a right."""
    line = nudge_line(household, asked)
    if not line:
        return reply
    lines = reply.text.split("\n")
    at = len(lines) - 1 if lines[-1].startswith("Source :") else len(lines)  # the source stays last
    return Reply("\n".join(lines[:at] + [line] + lines[at:]), [*reply.buttons, SCREENING_BUTTON], reply.custom)


def nudge_line(household: Household, asked: str | None) -> str | None:
    """One line naming the first right the facts open, with the offer to check (None: nothing to say)."""
    found = nudges(household, asked)
    return f"À savoir : {found[0].line} Je peux vérifier vos droits avec vous." if found else None

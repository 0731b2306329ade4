"""What the assistant decides for a topic question and when a screening ends: the Rasa actions' decisions.

`topic_turn` answers a topic intent from its knowledge entry (with a nudge when the facts open another
right), or starts a screening: « à quoi ai-je droit ? » over every right, « Simuler » over one.
`screening_result` computes the rights of a finished screening and says them, for families or agents.
actions/topic_answers.py and actions/screening_form.py only read the tracker and send these replies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.audience import AGENT
from bot.knowledge.facets import detect_facet
from bot.knowledge.fallback import fallback_reply
from bot.knowledge.topic_answer import answer_topic, is_topic
from bot.openfisca_api import Engine
from bot.replies import Reply
from bot.rights.benefits import estimable
from bot.rights.engine import EngineUnavailable, simulate
from bot.rights.estimates import estimate_reply_text
from bot.rights.household import Household
from bot.rights.nudges import with_nudge
from bot.rights.results import agent_reply, engine_household, family_reply, rights_to_compute, unavailable_reply
from bot.rights.screening import Screening

SCREENING_INTENT = "check_eligibility"


@dataclass(frozen=True)
class TopicTurn:
    """Either a reply to send, or a screening to start (its first state)."""

    reply: Reply | None = None
    screening: Screening | None = None


def topic_turn(
    intent: str | None, text: str | None, facet: str | None, audience: str, household: Household, day: date
) -> TopicTurn:
    """The answer to a topic question, given the household facts of the conversation so far."""
    if not is_topic(intent):
        return TopicTurn(fallback_reply(text, []))
    if intent == SCREENING_INTENT and facet is None:  # « à quoi ai-je droit ? »: the screening asks and computes
        return TopicTurn(screening=Screening(household))
    benefit = estimable(intent)
    if benefit and detect_facet(text, facet) == "simuler":
        return TopicTurn(screening=Screening(household, rights=(benefit.engine,)))
    reply = answer_topic(str(intent), text, facet, audience, day)
    return TopicTurn(with_nudge(reply, household, intent))


def screening_result(screening: Screening, audience: str, day: date, engine: Engine | None = None) -> Reply:
    """The rights of a confirmed screening for the month of `day`, computed by the engine (a blocking HTTP call:
    run it off the event loop), or the published figures when the engine does not answer."""
    household = engine_household(screening.household)
    names = list(screening.rights) or rights_to_compute(household)
    try:
        simulation = simulate(household, day, names, engine)
    except EngineUnavailable:
        simulation = None
    if screening.estimate:
        return Reply(estimate_reply_text(screening.estimate, screening.household, simulation, day))
    if simulation is None:
        return unavailable_reply(screening.household, day)
    reply = agent_reply if audience == AGENT else family_reply
    return reply(screening.household, simulation, day)

"""What the assistant says when it is unsure: rephrase, and the likely topics as buttons."""

from __future__ import annotations

from bot.knowledge.topics import topic_button_label
from bot.replies import Reply, intent_button
from bot.text import has_readable_words

MAX_SUGGESTIONS = 3
MIN_SUGGESTION_CONFIDENCE = 0.05
DEFAULT_SUGGESTIONS = ["check_eligibility", "ask_modes_garde", "find_service"]


def likely_topics(intent_ranking: list[dict]) -> list[str]:
    """Topic intents from the NLU ranking, most likely first (conversation intents left out)."""
    found: list[str] = []
    for entry in intent_ranking or []:
        name = entry.get("name")
        if (
            isinstance(name, str)
            and topic_button_label(name)
            and entry.get("confidence", 0) >= MIN_SUGGESTION_CONFIDENCE
            and name not in found
        ):
            found.append(name)
    return found[:MAX_SUGGESTIONS]


def fallback_reply(text: str | None, intent_ranking: list[dict]) -> Reply:
    """A polite French answer to a message the assistant did not understand."""
    if not has_readable_words(text):
        opening = "Je n'ai pas reçu de question que je puisse lire."
        suggestions = DEFAULT_SUGGESTIONS
    else:
        opening = "Je ne suis pas sûr d'avoir bien compris."
        suggestions = likely_topics(intent_ranking) or DEFAULT_SUGGESTIONS
    buttons = [intent_button(label, i) for i in suggestions if (label := topic_button_label(i))]
    buttons.append(intent_button("Parler à quelqu'un", "request_human"))
    return Reply(
        f"{opening} Pouvez-vous reformuler en quelques mots ? "
        "Par exemple : « allocations familiales pour 3 enfants » ou « une crèche vers Sanvic ». "
        "Vous pouvez aussi choisir un sujet :",
        buttons,
    )

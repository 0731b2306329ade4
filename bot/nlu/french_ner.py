"""spaCy's French named entities (fr_core_news_md), loaded once per process with only what NER needs.

Used for person names (bot/conversations/names.py, masking) and for places
(components/spacy_places.py, the `location` entity): in the Rasa server both
share this one model. If the model cannot be loaded, callers get None and carry
on without it (the error is logged once).
"""

from __future__ import annotations

import logging
from functools import lru_cache

logger = logging.getLogger(__name__)

SPACY_MODEL = "fr_core_news_md"
UNUSED_PIPES = ["parser", "lemmatizer", "attribute_ruler", "morphologizer", "senter"]


@lru_cache(maxsize=1)
def french_ner():
    """The spaCy pipeline (tok2vec and ner only), or None when it cannot be loaded."""
    try:
        import spacy

        return spacy.load(SPACY_MODEL, exclude=UNUSED_PIPES)
    except Exception as error:  # a missing model must not stop the assistant
        logger.error(
            "Modèle spaCy %s indisponible (%s) : entités nommées non utilisées.", SPACY_MODEL, type(error).__name__
        )
        return None


def named_entities(text: str) -> list[tuple[str, int, int, str]]:
    """(label, start, end, text) of each named entity: PER, LOC, ORG, MISC."""
    nlp = french_ner()
    if nlp is None or not text:
        return []
    return [(e.label_, e.start_char, e.end_char, e.text) for e in nlp(text).ents]

"""Split py-spy's raw samples of the Rasa server into the stages of a turn (scripts/bench_turn.py --profile).

Each sample is given to the stage of its innermost frame that names one (masking inside the
tracker store's save counts as masking, the rest of the save as the save), else to « autre ».
"""
from __future__ import annotations

import re

# Stage -> (path fragment, function name pattern) of the frames that belong to it.
STAGES = {
    "masquage (identifiants, noms : spaCy)": (("bot/conversations/masking", "bot/conversations/names",
                                               "bot/conversations/events", "spacy/", "thinc/"), r".*"),
    "tracker store : lecture (retrieve)": (("tracker_store",), r"retrieve|_retrieve|_event_query|from_dict|_stored"),
    "tracker store : écriture (save)": (("tracker_store",), r"save|_additional_events|stream_events|_insert|_rows"),
    "appel du serveur d'actions (tracker envoyé, HTTP)": (("rasa/core/actions/action.py", "rasa/utils/endpoints.py",
                                                          "aiohttp/"), r".*"),
    "politiques (action suivante)": (("rasa/core/policies/", "rasa/core/featurizers/", "rasa/core/policy_"),
                                     r".*"),
    "NLU (compréhension du message)": (("rasa/nlu/", "components/"), r".*"),
    "état du tracker (événements, slots)": (("rasa/shared/core/trackers.py", "rasa/shared/core/events.py",
                                             "rasa/shared/core/domain.py"), r".*"),
    "canal REST, Sanic, verrou": (("channels/rest.py", "sanic/", "lock_store"), r".*"),
}
FRAME = re.compile(r"^(?P<function>[^ ]+) \((?P<path>[^:]+):\d+\)$")


def stage_of(frames: list[str]) -> str:
    for frame in reversed(frames):  # innermost first
        match = FRAME.match(frame.strip())
        if not match:
            continue
        for stage, (paths, functions) in STAGES.items():
            if any(fragment in match["path"] for fragment in paths) and re.fullmatch(functions, match["function"]):
                return stage
    return "autre"


def split(raw: str) -> dict[str, float]:
    """Share of the samples per stage."""
    counts: dict[str, int] = {}
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        stage = stage_of(stack.split(";"))
        counts[stage] = counts.get(stage, 0) + int(count)
    total = sum(counts.values()) or 1
    return {stage: count / total for stage, count in counts.items()}

"""Split py-spy's raw samples of the Rasa server into the stages of a turn (scripts/bench_turn.py --profile).

Each sample is given to the stage of its innermost frame that names one (masking inside the
tracker store's save counts as masking, the rest of the save as the store), else to « autre ».
Samples of waiting threads are left out (py-spy counts some waits as activity).
"""

from __future__ import annotations

import re

# Stage -> (path fragment, function name pattern) of the frames that belong to it.
STAGES = {
    "masquage (identifiants, noms : spaCy)": (
        ("bot/conversations/masking", "bot/conversations/names", "bot/conversations/events", "spacy/", "thinc/"),
        r".*",
    ),
    "tracker store (lecture, écriture, base)": (("tracker_store", "store_schema", "session_cache"), r".*"),
    "appel du serveur d'actions (tracker envoyé, HTTP)": (
        ("rasa/core/actions/action.py", "rasa/utils/endpoints.py", "aiohttp/"),
        r".*",
    ),
    "politiques (action suivante)": (("rasa/core/policies/", "rasa/core/featurizers/", "rasa/core/policy_"), r".*"),
    "NLU (compréhension du message)": (("rasa/nlu/", "components/"), r".*"),
    "état du tracker (événements, slots)": (
        ("rasa/shared/core/trackers.py", "rasa/shared/core/events.py", "rasa/shared/core/domain.py"),
        r".*",
    ),
    "canal REST, Sanic, verrou": (("channels/rest.py", "sanic/", "lock_store"), r".*"),
}
# Samples of a thread waiting (the event loop in uvloop, an idle worker of the thread pool): not CPU.
IDLE = ("serve (sanic/server/runners.py", "_worker (concurrent/futures/thread.py:81)")
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
        if not stack or not count.isdigit() or stack.split(";")[-1].strip().startswith(IDLE):
            continue
        stage = stage_of(stack.split(";"))
        counts[stage] = counts.get(stage, 0) + int(count)
    total = sum(counts.values()) or 1
    return {stage: count / total for stage, count in counts.items()}

"""Well-known paths of the project, relative to its root.

The root is this checkout, or the directory named by `BOT_PROJECT_ROOT`
(a copy of the project: the tests run the `bot` commands on one). The Rasa
executables always come from this checkout's `.venv`.
"""

import os
from pathlib import Path

CODE_ROOT = Path(__file__).resolve().parent.parent
ROOT = Path(os.environ.get("BOT_PROJECT_ROOT") or CODE_ROOT).resolve()
DATA = ROOT / "data"
NLU_DATA = DATA / "nlu"  # one file per intent, data/nlu/<group>/<intent>.yml, plus synonyms and lookup tables
SYNONYMS = NLU_DATA / "synonyms.yml"
TRAINING_DIRS = (NLU_DATA, DATA / "rules", DATA / "stories")
KNOWLEDGE = DATA / "knowledge"
DIRECTORY = DATA / "directory"
PLACES = DATA / "places"  # quartiers, landmarks, places and towns, with their sources
DOMAIN = ROOT / "domain.yml"
INTENTS_DOC = ROOT / "docs" / "intents.md"
MODELS = ROOT / "models"
RESULTS = ROOT / "results"
TESTS = ROOT / "tests"
HELDOUT_NLU = TESTS / "data" / "nlu"  # one folder per held-out set (set_a … set_d), never trained on
PROJECT_HELDOUT = HELDOUT_NLU / "set_a"  # the project's own set: trainers and `bot review` add to it
TEST_CONVERSATIONS = TESTS / "data" / "conversations"
VENV_BIN = CODE_ROOT / ".venv" / "bin"
RULES_VENV_BIN = CODE_ROOT / ".venv-rules" / "bin"  # the rules engine's own environment (Python 3.11)


def relative(path: Path) -> str:
    """The path as a trainer reads it: relative to the project root when inside it."""
    path = Path(path)
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)

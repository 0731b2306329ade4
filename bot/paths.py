"""Well-known paths of the project, relative to its root."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TRAINING_DIRS = (DATA / "nlu", DATA / "rules", DATA / "stories")
KNOWLEDGE = DATA / "knowledge"
MODELS = ROOT / "models"
RESULTS = ROOT / "results"
TESTS = ROOT / "tests"
HELDOUT_NLU = TESTS / "nlu"
TEST_CONVERSATIONS = TESTS / "conversations"
VENV_BIN = ROOT / ".venv" / "bin"

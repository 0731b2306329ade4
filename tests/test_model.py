"""The trained model: data validation, held-out accuracy, test conversations."""
import subprocess

import pytest

from bot.evaluation import MIN_INTENT_ACCURACY, evaluate_nlu, validate_command
from bot.paths import RESULTS, ROOT, TEST_CONVERSATIONS, VENV_BIN

pytestmark = pytest.mark.model


def test_rasa_data_validate_passes_with_warnings_as_failures():
    result = subprocess.run(validate_command(), cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_heldout_intent_accuracy(model):
    evaluation = evaluate_nlu(model)
    assert (evaluation.out_dir / "intent_confusion_matrix.png").exists()
    assert (evaluation.out_dir / "summary.md").exists()
    assert evaluation.accuracy >= MIN_INTENT_ACCURACY, (
        f"exactitude {evaluation.accuracy:.3f} < {MIN_INTENT_ACCURACY} ; voir {evaluation.out_dir / 'summary.md'}")


def test_every_test_conversation_passes(model):
    out = RESULTS / "conversations"
    result = subprocess.run(
        [str(VENV_BIN / "rasa"), "test", "core", "--model", str(model), "--stories", str(TEST_CONVERSATIONS),
         "--out", str(out), "--fail-on-prediction-errors"],
        cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, (out / "failed_test_stories.yml").read_text() \
        if (out / "failed_test_stories.yml").exists() else result.stderr[-3000:]

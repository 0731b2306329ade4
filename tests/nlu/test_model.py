"""The trained model: held-out accuracy (through `bot evaluate`), test conversations.

`rasa data validate` runs in `bot check`, which `make test` runs before pytest.
"""

import subprocess

import pytest

from bot.nlu.evaluation import EVALUATION_DIR
from bot.paths import RESULTS, ROOT, TEST_CONVERSATIONS, VENV_BIN

pytestmark = pytest.mark.model


def test_every_held_out_set_meets_the_targets_through_bot_evaluate(model):
    result = subprocess.run([str(VENV_BIN / "bot"), "evaluate"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert "Modèle à jour, réutilisé" in result.stdout, "the model of `make train` is reused, not retrained"
    assert (EVALUATION_DIR / "report.html").exists() and (EVALUATION_DIR / "summary.txt").exists()
    assert result.returncode == 0, (
        f"objectifs non atteints ; voir {EVALUATION_DIR / 'report.html'}\n"
        + result.stdout[-3000:]
        + result.stderr[-2000:]
    )


def test_every_test_conversation_passes(model):
    out = RESULTS / "conversations"
    result = subprocess.run(
        [
            str(VENV_BIN / "rasa"),
            "test",
            "core",
            "--model",
            str(model),
            "--stories",
            str(TEST_CONVERSATIONS),
            "--out",
            str(out),
            "--fail-on-prediction-errors",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        (out / "failed_test_stories.yml").read_text()
        if (out / "failed_test_stories.yml").exists()
        else result.stderr[-3000:]
    )

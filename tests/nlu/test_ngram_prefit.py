"""The n-gram model fitted in a second process beside the training, and taken only when it fits the same examples."""

import subprocess
import sys

import numpy as np
import pytest
import yaml

from bot.nlu import ngram_prefit, rasa_train
from bot.nlu.ngram_intents import NgramIntents
from components.intent_blend import IntentBlend

EXAMPLES = {
    "ask_rsa": ["c'est quoi le rsa", "le rsa c combien", "comment demander le rsa"],
    "greet": ["bonjour", "salut", "coucou"],
}
TEXTS = [text for texts in EXAMPLES.values() for text in texts]
INTENTS = [intent for intent, texts in EXAMPLES.items() for _ in texts]
SETTINGS = {"max_iter": 100}


@pytest.fixture
def project(tmp_path):
    """A tiny NLU file and a pipeline with the blend, as `rasa train nlu` would get them."""
    nlu = tmp_path / "nlu.yml"
    nlu.write_text(
        yaml.safe_dump(
            {
                "version": "3.1",
                "nlu": [
                    {"intent": intent, "examples": "".join(f"- {text}\n" for text in texts)}
                    for intent, texts in EXAMPLES.items()
                ],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    config = tmp_path / "config.yml"
    config.write_text(
        yaml.safe_dump(
            {
                "language": "fr",
                "pipeline": [
                    {"name": "WhitespaceTokenizer"},
                    {"name": "components.intent_blend.IntentBlend", "weight": 0.5},
                ],
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / "prefit").mkdir()
    return tmp_path


def test_the_key_changes_with_the_examples_their_order_and_the_settings():
    key = ngram_prefit.training_key(TEXTS, INTENTS, SETTINGS)
    assert key == ngram_prefit.training_key(list(TEXTS), list(INTENTS), dict(SETTINGS))
    assert key != ngram_prefit.training_key(TEXTS[::-1], INTENTS[::-1], SETTINGS)
    assert key != ngram_prefit.training_key(TEXTS[:-1] + ["bonsoir"], INTENTS, SETTINGS)
    assert key != ngram_prefit.training_key(TEXTS, INTENTS, {"max_iter": 50})


def test_the_second_process_and_the_component_default_to_the_same_settings(tmp_path):
    config = tmp_path / "config.yml"
    config.write_text(yaml.safe_dump({"pipeline": [{"name": ngram_prefit.BLEND}]}), encoding="utf-8")
    component = IntentBlend.create({}, None, None, None)
    assert ngram_prefit.blend_settings(config) == {"max_iter": component.config["max_iter"]}


def test_the_second_process_fits_the_model_the_component_would_fit(project, monkeypatch):
    ngram_prefit.main(
        [str(project / "prefit"), "--config", str(project / "config.yml"), "--data", str(project / "nlu.yml")]
    )
    monkeypatch.setenv(ngram_prefit.DIRECTORY_VARIABLE, str(project / "prefit"))
    texts, intents = ngram_prefit.intent_examples(project / "config.yml", None, [str(project / "nlu.yml")])
    assert sorted(zip(intents, texts)) == sorted(zip(INTENTS, TEXTS))
    prefitted = ngram_prefit.prefitted(texts, intents, SETTINGS)
    own = NgramIntents.fit(texts, intents, max_iter=SETTINGS["max_iter"])
    assert prefitted.intents == own.intents
    assert np.allclose(prefitted.probabilities(TEXTS), own.probabilities(TEXTS), atol=1e-6)


def test_a_model_fitted_on_other_examples_or_a_failed_fit_is_not_taken(project, monkeypatch):
    directory = project / "prefit"
    monkeypatch.setenv(ngram_prefit.DIRECTORY_VARIABLE, str(directory))
    NgramIntents.fit(TEXTS, INTENTS).save(directory)
    (directory / ngram_prefit.KEY).write_text(ngram_prefit.training_key(TEXTS[1:], INTENTS[1:], SETTINGS))
    (directory / ngram_prefit.DONE).touch()
    assert ngram_prefit.prefitted(TEXTS, INTENTS, SETTINGS) is None
    assert ngram_prefit.prefitted(TEXTS[1:], INTENTS[1:], SETTINGS) is not None
    (directory / ngram_prefit.DONE).unlink()
    (directory / ngram_prefit.FAILED).touch()
    assert ngram_prefit.prefitted(TEXTS[1:], INTENTS[1:], SETTINGS) is None


def test_without_a_second_process_nothing_is_awaited(monkeypatch):
    monkeypatch.delenv(ngram_prefit.DIRECTORY_VARIABLE, raising=False)
    assert ngram_prefit.prefitted(TEXTS, INTENTS, SETTINGS) is None


def test_a_second_process_that_dies_stops_the_wait(tmp_path):
    crashed = subprocess.Popen([sys.executable, "-c", "raise SystemExit(1)"])
    rasa_train._mark_if_failed(crashed, tmp_path)
    assert (tmp_path / ngram_prefit.FAILED).exists()


def test_the_second_process_is_started_only_for_a_pipeline_with_the_blend(project, tmp_path):
    with_blend = rasa_train.prefit_command(
        ["train", "nlu", "--nlu", "nlu.yml", "--config", str(project / "config.yml")], "/tmp/prefit"
    )
    assert with_blend[1:3] == ["-m", "bot.nlu.ngram_prefit"] and with_blend[-2:] == ["--data", "nlu.yml"]
    without = tmp_path / "without.yml"
    without.write_text(yaml.safe_dump({"language": "fr", "pipeline": [{"name": "WhitespaceTokenizer"}]}))
    assert rasa_train.prefit_command(["train", "nlu", "--nlu", "nlu.yml", "--config", str(without)], "/d") is None


def test_a_real_training_takes_the_model_fitted_beside_it(project):
    """`rasa train nlu` through bot/nlu/rasa_train.py, on a pipeline without DIET: IntentBlend says it took it."""
    model = project / "model.tar.gz"
    config = project / "config.yml"
    config.write_text(
        yaml.safe_dump(
            {
                "language": "fr",
                "recipe": "default.v1",
                "assistant_id": "test",
                "pipeline": [
                    {"name": "WhitespaceTokenizer"},
                    {"name": "CountVectorsFeaturizer"},
                    {"name": "components.intent_blend.IntentBlend", "weight": 1.0},
                ],
            }
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.nlu.rasa_train",
            "train",
            "nlu",
            "--nlu",
            "nlu.yml",
            "--config",
            "config.yml",
            "--out",
            str(project),
            "--fixed-model-name",
            "model",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert model.exists()
    assert "The n-gram model fitted beside the training is used." in done.stdout + done.stderr

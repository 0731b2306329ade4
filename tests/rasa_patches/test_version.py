"""No patch goes onto another Rasa than the version they were written and tested against."""

import pytest
import rasa
from rasa.engine.training.hooks import TrainingHook

from bot.paths import CODE_ROOT
from bot.rasa_patches import serving, training
from bot.rasa_patches.version import PATCHED_RASA, UnpatchedRasa, require_patched_rasa

PATCHES = [
    serving.install,
    training.install,
    training.without_training_cache,
    training.sparse_features_converted_once,
    training.entity_loss_without_decoding,
]


def test_the_patched_rasa_is_the_pinned_and_installed_one():
    assert f"rasa=={PATCHED_RASA}" in (CODE_ROOT / "requirements.lock").read_text(encoding="utf-8").split()
    require_patched_rasa()


@pytest.mark.parametrize("install", PATCHES, ids=lambda install: f"{install.__module__}.{install.__name__}")
def test_every_patch_is_refused_on_another_rasa(monkeypatch, install):
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with pytest.raises(UnpatchedRasa, match=f"Rasa 3.7.0 est installé.*Rasa {PATCHED_RASA}"):
        install()


def test_a_refused_patch_changes_nothing(monkeypatch):
    hooks = (TrainingHook.on_before_node, TrainingHook.on_after_node)
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with pytest.raises(UnpatchedRasa):
        training.install()
    assert (TrainingHook.on_before_node, TrainingHook.on_after_node) == hooks

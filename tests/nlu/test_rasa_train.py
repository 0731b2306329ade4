"""The training's entry point: the project trains through it, and no training starts on another Rasa."""

import subprocess
from pathlib import Path

import pytest
import rasa

from bot.nlu import rasa_train
from bot.nlu.training import training_command
from bot.rasa_patches.version import UnpatchedRasa


def test_the_project_trains_through_the_entry_point_with_the_patches():
    command = training_command(Path("/tmp/model.tar.gz"))
    assert command[1:3] == ["-m", "bot.nlu.rasa_train"] and command[3] == "train"


def test_no_training_starts_on_another_rasa_version(monkeypatch):
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    started = []
    monkeypatch.setattr(subprocess, "Popen", lambda *args, **kwargs: started.append(args))
    with pytest.raises(UnpatchedRasa):
        rasa_train.main(["train", "nlu", "--nlu", "nlu.yml"])
    assert not started

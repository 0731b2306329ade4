"""Each server process: the API token from the environment, never on the command line."""

from __future__ import annotations

import pytest
import rasa

from bot.rasa_patches.version import UnpatchedRasa
from bot.runtime.launch import main, rasa_arguments


def test_the_token_is_added_inside_the_process_only_when_the_api_is_on():
    assert rasa_arguments(["run", "--enable-api"], {"RASA_AUTH_TOKEN": "s3cret"}) == [
        "run",
        "--enable-api",
        "--auth-token",
        "s3cret",
    ]
    assert rasa_arguments(["run", "actions"], {"RASA_AUTH_TOKEN": "s3cret"}) == ["run", "actions"]
    assert rasa_arguments(["run", "--enable-api"], {}) == ["run", "--enable-api"]


def test_an_unknown_server_is_refused(capsys):
    assert main(["nginx"]) == 2 and "usage" in capsys.readouterr().err


def test_the_rasa_server_does_not_start_on_another_rasa_version(monkeypatch):
    monkeypatch.setattr("bot.runtime.launch.mask_logs", lambda: None)
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with pytest.raises(UnpatchedRasa):
        main(["rasa", "run", "--enable-api"])

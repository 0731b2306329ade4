"""Each server process: the API token from the environment, never on the command line."""

from __future__ import annotations

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

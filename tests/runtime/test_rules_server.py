"""The rules engine's server: its command line, its settings, what the other servers are told."""

import os
from dataclasses import replace

import pytest

from bot.runtime.servers import RULES_WORKERS, rules_server_command, server_environment
from bot.settings import load_settings, rules_engine

pytestmark = pytest.mark.usefixtures("restore_environment")  # tests/runtime/conftest.py


def settings(tmp_path, text=""):
    env_file = tmp_path / ".env"
    env_file.write_text("RASA_AUTH_TOKEN=abc\n" + text)
    for name in ("RULES_HOST", "RULES_PORT", "RULES_URL", "RULES_TIMEOUT"):
        os.environ.pop(name, None)
    return load_settings(env_file)


def test_the_engine_binds_host_and_port_together(tmp_path):
    command = rules_server_command(settings(tmp_path, "RULES_PORT=5077\n"))
    assert command[1:4] == ["serve", "--country-package", "openfisca_france"]
    assert command[command.index("--bind") + 1] == "127.0.0.1:5077"
    assert "--port" not in command  # with a bare --bind, --port is ignored and gunicorn listens on 8000
    assert command[command.index("--workers") + 1] == str(RULES_WORKERS)
    assert command[0].endswith(".venv-rules/bin/openfisca")


def test_local_engine_by_default_and_an_engine_elsewhere_with_rules_url(tmp_path):
    local = settings(tmp_path)
    assert (local.rules_engine_url, local.rules_timeout) == ("http://127.0.0.1:5066", 3.0)
    elsewhere = settings(tmp_path, "RULES_URL=http://rules.internal:5000/\nRULES_TIMEOUT=1.5\n")
    assert elsewhere.rules_engine_url == "http://rules.internal:5000" and elsewhere.rules_timeout == 1.5
    assert rules_engine(tmp_path / ".env") == ("http://rules.internal:5000", 1.5)


def test_a_bad_timeout_is_refused(tmp_path):
    with pytest.raises(SystemExit, match="RULES_TIMEOUT"):
        settings(tmp_path, "RULES_TIMEOUT=vite\n")


def test_the_action_server_is_told_where_the_engine_is(tmp_path):
    chosen = replace(settings(tmp_path), rules_port=5099, rules_timeout=2.0)
    environment = server_environment(chosen)
    assert environment["RULES_URL"] == "http://127.0.0.1:5099" and environment["RULES_TIMEOUT"] == "2.0"

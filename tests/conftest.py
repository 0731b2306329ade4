"""Shared fixtures: the trained model and the real servers started on free ports."""
from __future__ import annotations

from dataclasses import replace

import pytest

from bot.paths import RESULTS
from bot.servers import free_port, start_servers
from bot.settings import load_settings
from bot.training import model_path

TEST_ORIGIN = "https://www.lehavre.fr"


@pytest.fixture(scope="session")
def model():
    path = model_path()
    if not path.exists():
        pytest.fail("modèle absent ou périmé : lancez `make train` (make test le fait)")
    return path


@pytest.fixture(scope="session")
def servers(model):
    settings = replace(load_settings(), rasa_host="127.0.0.1", rasa_port=free_port(),
                       action_port=free_port(), cors_origins=(TEST_ORIGIN,), log_level="INFO")
    running = start_servers(settings, model, RESULTS / "logs" / "tests")
    yield running
    running.stop()

"""Fixtures of the runtime tests."""

import os

import pytest


@pytest.fixture
def restore_environment():
    """load_dotenv writes the test .env files into os.environ: put it back as it was after each test."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)

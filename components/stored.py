"""What a trained NLU component stored in the model, read back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage

Stored = TypeVar("Stored")


def read_stored(model_storage: ModelStorage, resource: Resource, read: Callable[[Path], Stored]) -> Stored | None:
    """`read` applied to the component's directory, or None when it stored nothing (not trained, or on too little)."""
    try:
        with model_storage.read_from(resource) as directory:
            return read(directory)
    except (ValueError, FileNotFoundError):
        return None

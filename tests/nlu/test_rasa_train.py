"""The shorter `rasa train`: Rasa's cache skipped, sparse features converted once, the same model learnt."""
import inspect
from pathlib import Path
from unittest.mock import MagicMock

import numpy as np
import pytest
import scipy.sparse
from rasa.engine.training.hooks import TrainingHook
from rasa.utils.tensorflow.data_generator import RasaDataGenerator
from rasa.utils.tensorflow.feature_array import FeatureArray

from bot.nlu import rasa_train
from bot.nlu.training import training_command


@pytest.fixture
def original_hooks(monkeypatch):
    """Restore Rasa's own hooks after the test, whatever it replaced."""
    for name in ("on_before_node", "on_after_node"):
        monkeypatch.setattr(TrainingHook, name, getattr(TrainingHook, name))
    return {name: getattr(TrainingHook, name) for name in ("on_before_node", "on_after_node")}


def test_rasa_still_calls_the_hooks_that_are_replaced(original_hooks):
    before = list(inspect.signature(original_hooks["on_before_node"]).parameters)
    after = list(inspect.signature(original_hooks["on_after_node"]).parameters)
    assert before == ["self", "node_name", "execution_context", "config", "received_inputs"]
    assert after == ["self", "node_name", "execution_context", "config", "output", "input_hook_data"]


def test_without_the_cache_no_output_is_fingerprinted_nor_cached(original_hooks):
    cache = MagicMock()
    hook = TrainingHook(cache=cache, model_storage=MagicMock(), pruned_schema=MagicMock())
    rasa_train.without_training_cache()
    output = MagicMock()
    assert hook.on_before_node("train_DIETClassifier5", MagicMock(), {}, {"training_data": output}) == {}
    hook.on_after_node("train_DIETClassifier5", MagicMock(), {}, output, {})
    cache.cache_output.assert_not_called()
    output.fingerprint.assert_not_called()


def test_rasa_s_own_hook_would_cache_the_output(original_hooks):
    """The control: the hook that is replaced does fingerprint and cache (so the test above can fail)."""
    cache = MagicMock()
    schema = MagicMock()
    schema.nodes = {"train_DIETClassifier5": MagicMock(uses=object)}
    hook = TrainingHook(cache=cache, model_storage=MagicMock(), pruned_schema=schema)
    hook.on_after_node("train_DIETClassifier5", MagicMock(), {}, "output", {"fingerprint_key": "key"})
    cache.cache_output.assert_called_once()


def test_the_project_trains_through_the_cache_free_entry_point():
    command = training_command(Path("/tmp/model.tar.gz"))
    assert command[1:3] == ["-m", "bot.nlu.rasa_train"] and command[3] == "train"


@pytest.fixture
def original_converter(monkeypatch):
    converter = RasaDataGenerator.__dict__["_scipy_matrix_to_values"]
    monkeypatch.setattr(RasaDataGenerator, "_scipy_matrix_to_values", converter)
    return converter.__func__


def test_sparse_features_converted_once_give_the_same_batches(original_converter):
    examples = [scipy.sparse.random(length, 50, density=0.2, format="csr", random_state=length)
                for length in (3, 1, 5, 2)]
    features = FeatureArray(_objects(examples), number_of_dimensions=3)
    expected = original_converter(features)
    rasa_train.sparse_features_converted_once()
    for _ in range(2):  # the second call takes the conversions kept from the first
        batch = RasaDataGenerator._scipy_matrix_to_values(features)
        assert all(np.array_equal(got, want) for got, want in zip(batch, expected))
    assert not isinstance(features[0], scipy.sparse.coo_matrix)  # the training data itself is left as it was


def _objects(matrices: list) -> np.ndarray:
    array = np.empty(len(matrices), dtype=object)
    for index, matrix in enumerate(matrices):
        array[index] = matrix
    return array

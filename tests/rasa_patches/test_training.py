"""The training patches: Rasa's cache skipped, sparse features converted once, the same model learnt."""

import inspect
from pathlib import Path
from unittest.mock import MagicMock

import numpy as np
import pytest
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.engine.training.hooks import TrainingHook
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer,
)
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.data_generator import RasaDataGenerator
from rasa.utils.tensorflow.feature_array import FeatureArray
from rasa.utils.tensorflow.models import TransformerRasaModel

from bot.rasa_patches import training


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
    training.without_training_cache()
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


@pytest.fixture
def original_converter(monkeypatch):
    converter = RasaDataGenerator.__dict__["_scipy_matrix_to_values"]
    monkeypatch.setattr(RasaDataGenerator, "_scipy_matrix_to_values", converter)
    return converter.__func__


def test_sparse_features_converted_once_give_the_same_batches(original_converter):
    examples = [
        scipy.sparse.random(length, 50, density=0.2, format="csr", random_state=length) for length in (3, 1, 5, 2)
    ]
    features = FeatureArray(_objects(examples), number_of_dimensions=3)
    expected = original_converter(features)
    training.sparse_features_converted_once()
    for _ in range(2):  # the second call takes the conversions kept from the first
        batch = RasaDataGenerator._scipy_matrix_to_values(features)
        assert all(np.array_equal(got, want) for got, want in zip(batch, expected))
    assert not isinstance(features[0], scipy.sparse.coo_matrix)  # the training data itself is left as it was


def _objects(matrices: list) -> np.ndarray:
    array = np.empty(len(matrices), dtype=object)
    for index, matrix in enumerate(matrices):
        array[index] = matrix
    return array


@pytest.fixture
def original_entity_loss(monkeypatch):
    entity_loss = TransformerRasaModel.__dict__["_calculate_entity_loss"]
    monkeypatch.setattr(TransformerRasaModel, "_calculate_entity_loss", entity_loss)
    return entity_loss


def test_rasa_s_entity_loss_still_has_the_replaced_signature(original_entity_loss):
    assert list(inspect.signature(original_entity_loss).parameters) == [
        "self",
        "inputs",
        "tag_ids",
        "mask",
        "sequence_lengths",
        "tag_name",
        "entity_tags",
    ]


def test_diet_learns_the_same_weights_without_decoding_in_training(original_entity_loss, tmp_path):
    """Byte-identical learnt weights with Rasa's training step and with the one that does not decode.

    (The training F1 metric's own counters differ: they are not learnt weights.)
    """
    rasa_s_own = _TinyPipeline(tmp_path / "own").trained_diet()
    training.entity_loss_without_decoding()
    pipeline = _TinyPipeline(tmp_path / "patched")
    without_decoding = pipeline.trained_diet()
    own_weights, patched_weights = _learnt(rasa_s_own), _learnt(without_decoding)
    assert len(own_weights) == len(patched_weights) > 0
    assert all(np.array_equal(own, patched) for own, patched in zip(own_weights, patched_weights))
    message = pipeline.featurised([("une creche au havre", "find_service", [])]).training_examples
    without_decoding.process(message)  # prediction still decodes with the CRF
    assert [entity["value"] for entity in message[0].get("entities", [])] == ["creche"]


def _learnt(diet) -> list:
    return [variable.numpy() for variable in diet.model.trainable_variables]


_EXAMPLES = [
    ("une creche a graville", "find_service", [("creche", "service_type")]),
    ("je cherche une creche", "find_service", [("creche", "service_type")]),
    ("ou trouver une creche pres de chez moi", "find_service", [("creche", "service_type")]),
    ("la caf la plus proche", "find_service", [("caf", "service_type")]),
    ("une agence caf au havre", "find_service", [("caf", "service_type")]),
    ("bonjour", "greet", []),
    ("salut tout le monde", "greet", []),
    ("bonsoir madame", "greet", []),
    ("merci beaucoup", "thank", []),
    ("merci pour tout", "thank", []),
]


class _TinyPipeline:
    """Whitespace tokens and character n-grams, then DIET for a few epochs, in a model storage of its own."""

    def __init__(self, directory: Path):
        directory.mkdir()
        self.storage = LocalModelStorage(directory)
        self.tokenizer = self.component(WhitespaceTokenizer, "tokens")
        self.counts = self.component(CountVectorsFeaturizer, "counts", analyzer="char_wb", min_ngram=1, max_ngram=3)

    def component(self, cls, name: str, **settings):
        return cls.create(
            {**cls.get_default_config(), **settings},
            self.storage,
            Resource(name),
            ExecutionContext(GraphSchema({}), "test"),
        )

    def featurised(self, examples: list):
        messages = [
            Message(
                data={
                    "text": text,
                    "intent": intent,
                    "entities": [
                        {
                            "start": text.index(value),
                            "end": text.index(value) + len(value),
                            "value": value,
                            "entity": name,
                        }
                        for value, name in entities
                    ],
                }
            )
            for text, intent, entities in examples
        ]
        data = TrainingData(messages)
        self.tokenizer.process_training_data(data)
        if self.counts.vectorizers:
            self.counts.process_training_data(data)
        return data

    def trained_diet(self):
        data = self.featurised(_EXAMPLES)
        self.counts.train(data)
        self.counts.process_training_data(data)
        diet = self.component(
            DIETClassifier,
            "diet",
            epochs=20,
            batch_size=[4, 4],
            number_of_transformer_layers=0,
            random_seed=7,
            constrain_similarities=True,
        )
        diet.train(data)
        return diet

"""Rasa's training made shorter, not different (docs/pipeline.md, round 7); installed by bot/nlu/rasa_train.py.

- Rasa fingerprints every component's inputs and outputs during a training (the
  whole featurised training data, once per featurizer) so that a later training
  can reuse them. The project never does: it retrains only when its inputs
  changed (bot/nlu/training.py), and a clean clone starts with an empty cache.
  That work is skipped.
- DIET's batches are built from each example's sparse features, converted to
  COO format again for every batch of every epoch; they are converted once.
- DIET's training step decodes the best tag sequence with the CRF (a loop over
  the tokens, and a third of the step's tracing) only to show an entity F1 in
  the progress bar; that F1 is computed from each token's best tag instead. The
  loss, hence what DIET learns, is the same.
tests/rasa_patches/test_training.py checks that what is replaced still exists with the same
signature and gives the same result.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import tensorflow as tf
from rasa.engine.training.hooks import TrainingHook
from rasa.utils.tensorflow.data_generator import RasaDataGenerator
from rasa.utils.tensorflow.feature_array import FeatureArray
from rasa.utils.tensorflow.models import TransformerRasaModel

from bot.rasa_patches.version import patch


def _no_fingerprint_before(self: TrainingHook, *args: Any, **kwargs: Any) -> dict:
    return {}


def _no_cache_after(self: TrainingHook, *args: Any, **kwargs: Any) -> None:
    return None


@patch
def without_training_cache() -> None:
    """Replace the hooks that fingerprint and cache each node's output by no-ops."""
    TrainingHook.on_before_node = _no_fingerprint_before
    TrainingHook.on_after_node = _no_cache_after


@patch
def sparse_features_converted_once() -> None:
    """Rasa converts each example's sparse features to COO for every batch of every epoch: convert them once.

    The batches are the same arrays as before, so the trained weights are the same, byte for byte.
    """
    to_values = RasaDataGenerator._scipy_matrix_to_values
    converted: dict[int, tuple] = {}  # id -> (matrix, its COO form); the matrix is kept so that its id stays its own

    def once(array_of_sparse: FeatureArray) -> list:
        if array_of_sparse.number_of_dimensions == 4:
            return to_values(array_of_sparse)
        coo = np.empty(len(array_of_sparse), dtype=object)
        for index, matrix in enumerate(array_of_sparse):
            if id(matrix) not in converted:
                converted[id(matrix)] = (matrix, matrix.tocoo())
            coo[index] = converted[id(matrix)][1]
        return to_values(FeatureArray(coo, array_of_sparse.number_of_dimensions))

    RasaDataGenerator._scipy_matrix_to_values = staticmethod(once)


def _entity_loss_without_decoding(
    self: TransformerRasaModel,
    inputs: tf.Tensor,
    tag_ids: tf.Tensor,
    mask: tf.Tensor,
    sequence_lengths: tf.Tensor,
    tag_name: str,
    entity_tags: tf.Tensor | None = None,
) -> tuple[tf.Tensor, tf.Tensor, tf.Tensor]:
    """The CRF's training loss for one entity tag, and a training F1 from each token's best tag."""
    tag_ids = tf.cast(tag_ids[:, :, 0], tf.int32)
    if entity_tags is not None:
        inputs = tf.concat([inputs, self._tf_layers[f"embed.{tag_name}.tags"](entity_tags)], axis=-1)
    logits = self._tf_layers[f"embed.{tag_name}.logits"](inputs)
    crf = self._tf_layers[f"crf.{tag_name}"]
    crf._maybe_build(logits)  # where the decoding call built it: same weights, same random draws
    loss = crf.loss(logits, tag_ids, sequence_lengths)
    best_tags = tf.argmax(logits, axis=-1, output_type=tf.int32) * tf.cast(mask[:, :, 0], tf.int32)
    return loss, crf.f1_score(tag_ids, best_tags, mask), logits


@patch
def entity_loss_without_decoding() -> None:
    """Training steps no longer run the CRF decoding; predictions still do (they use the layer's call)."""
    TransformerRasaModel._calculate_entity_loss = _entity_loss_without_decoding


def install() -> None:
    """Every training patch, in this process (each refused on another Rasa version)."""
    without_training_cache()
    sparse_features_converted_once()
    entity_loss_without_decoding()

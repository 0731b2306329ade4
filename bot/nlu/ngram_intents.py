"""A second, simpler reading of the intent: a logistic regression over word and character n-grams.

DIET and this linear model make different mistakes; the pipeline blends their
confidences (the Rasa component components/intent_blend.py, docs/pipeline.md round 6).
The model is kept as plain arrays and vocabularies (JSON and NumPy files), never as a pickle.
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import hstack
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression

# The same n-grams as the pipeline's CountVectorsFeaturizers: words 1-2, characters 1-4 within words.
WORDS = {"ngram_range": (1, 2), "token_pattern": r"(?u)\b\w+\b"}
CHARACTERS = {"analyzer": "char_wb", "ngram_range": (1, 4)}
FALLBACK = "nlu_fallback"
MAX_ITER = 100  # as Rasa's LogisticRegressionClassifier
# IntentBlend's settings where config.yml gives none: the n-gram model's share, the solver's iterations.
BLEND_DEFAULTS = {"weight": 0.5, "max_iter": MAX_ITER}


@dataclass
class NgramIntents:
    word_columns: dict[str, int]  # n-gram -> its column in `weights`
    character_columns: dict[str, int]  # the same, after the word columns
    intents: list[str]
    weights: np.ndarray  # one row per intent, one column per n-gram
    bias: np.ndarray

    def __post_init__(self) -> None:
        self._words = CountVectorizer(**WORDS).build_analyzer()
        self._characters = CountVectorizer(**CHARACTERS).build_analyzer()

    @classmethod
    def fit(cls, texts: list[str], intents: list[str], max_iter: int = MAX_ITER) -> NgramIntents:
        """Learn from the training examples (at least two intents).

        The solver stops after `max_iter` iterations, before full convergence on the project's
        data: a deliberate, fixed amount of fitting.
        """
        words, characters = CountVectorizer(**WORDS), CountVectorizer(**CHARACTERS)
        features = hstack([words.fit_transform(texts), characters.fit_transform(texts)]).tocsr()
        regression = LogisticRegression(max_iter=max_iter, class_weight="balanced", random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            regression.fit(features, intents)
        weights, bias = regression.coef_, regression.intercept_
        if weights.shape[0] == 1:  # two intents: scikit-learn keeps one row, the second intent's
            weights, bias = np.vstack([np.zeros_like(weights), weights]), np.concatenate([[0.0], bias])
        offset = len(words.vocabulary_)
        return cls(
            {g: int(c) for g, c in words.vocabulary_.items()},
            {g: offset + int(c) for g, c in characters.vocabulary_.items()},
            [str(i) for i in regression.classes_],
            weights,
            bias,
        )

    def columns(self, text: str) -> list[int]:
        """The weight column of each known n-gram of the text, once per occurrence (the counts)."""
        return [self.word_columns[g] for g in self._words(text) if g in self.word_columns] + [
            self.character_columns[g] for g in self._characters(text) if g in self.character_columns
        ]

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """One row per text: the probability of each intent, in the order of `intents`.

        The n-gram counts times the weights, summed column by column rather than through a
        scikit-learn transform, which costs more than the arithmetic for one message.
        """
        scores = np.stack([self.weights[:, self.columns(text)].sum(axis=1) for text in texts]) + self.bias
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return scores / scores.sum(axis=1, keepdims=True)

    def save(self, directory: Path) -> None:
        columns = {"words": self.word_columns, "characters": self.character_columns, "intents": self.intents}
        (directory / "ngram_intents.json").write_text(json.dumps(columns, ensure_ascii=False), encoding="utf-8")
        np.savez_compressed(
            directory / "ngram_intents.npz", weights=self.weights.astype(np.float32), bias=self.bias.astype(np.float32)
        )

    @classmethod
    def load(cls, directory: Path) -> NgramIntents:
        columns = json.loads((directory / "ngram_intents.json").read_text(encoding="utf-8"))
        arrays = np.load(directory / "ngram_intents.npz", allow_pickle=False)
        return cls(columns["words"], columns["characters"], columns["intents"], arrays["weights"], arrays["bias"])


def blend(ranking: list[dict], intents: list[str], probabilities: np.ndarray, weight: float) -> list[dict]:
    """DIET's ranking and the n-gram model's probabilities, `weight` being the n-gram model's share.

    An intent missing from one side counts 0 there; the fallback, decided later, is left out.
    """
    diet = {r["name"]: float(r.get("confidence") or 0) for r in ranking if r.get("name") != FALLBACK}
    ngram = dict(zip(intents, (float(p) for p in probabilities)))
    blended = {
        name: weight * ngram.get(name, 0.0) + (1 - weight) * diet.get(name, 0.0) for name in diet.keys() | ngram.keys()
    }
    return [
        {"name": name, "confidence": confidence}
        for name, confidence in sorted(blended.items(), key=lambda item: (-item[1], item[0]))
    ]

"""Train the Rasa model only when its inputs changed.

The model file is named after a fingerprint of everything training reads
(config, domain, training data, Rasa version), so an unchanged project reuses
its model at once and a changed one is retrained.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from bot.nlu.progress import EPOCHS, configured_epochs, run_with_progress
from bot.paths import MODELS, RESULTS, ROOT, TRAINING_DIRS, VENV_BIN

KEEP_MODELS = 3
# The code in bot/ that shapes what a training stores, besides components/*.py: the n-gram model and its
# fit beside the training, the input guard's vocabulary, the training's entry point and its Rasa patches.
TRAINED_CODE = (
    "bot/nlu/ngram_intents.py",
    "bot/nlu/ngram_prefit.py",
    "bot/nlu/vocabulary.py",
    "bot/nlu/rasa_train.py",
    "bot/rasa_patches/training.py",
)


def training_inputs(root: Path = ROOT) -> list[Path]:
    """Every file whose content changes the trained model."""
    files = [root / "config.yml", root / "domain.yml"] + sorted((root / "components").glob("*.py"))
    files += [root / path for path in TRAINED_CODE]
    for directory in TRAINING_DIRS:
        rel = directory.relative_to(ROOT)
        files += sorted((root / rel).rglob("*.yml"))
    return files


def fingerprint(root: Path = ROOT) -> str:
    """A short hash of the training inputs and the Rasa version."""
    from rasa import __version__ as rasa_version

    digest = hashlib.sha256(rasa_version.encode())
    for path in training_inputs(root):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def model_path(root: Path = ROOT) -> Path:
    return root / MODELS.relative_to(ROOT) / f"model-{fingerprint(root)}.tar.gz"


def training_command(
    output: Path, config: Path = ROOT / "config.yml", nlu_only: bool = False, nlu: Path = TRAINING_DIRS[0]
) -> list[str]:
    """The `rasa train` command line for the project's data (`nlu`: other NLU data, for NLU only).

    It runs through bot/nlu/rasa_train.py, which skips Rasa's training cache.
    """
    data = [str(d) for d in TRAINING_DIRS if d.exists()]
    sub = (
        ["train", "nlu", "--nlu", str(nlu)]
        if nlu_only
        else ["train", "--data", *data, "--domain", str(ROOT / "domain.yml")]
    )
    return [
        str(VENV_BIN / "python"),
        "-m",
        "bot.nlu.rasa_train",
        *sub,
        "--config",
        str(config),
        "--out",
        str(output.parent),
        "--fixed-model-name",
        output.name.removesuffix(".tar.gz"),
    ]


def ensure_model(progress: bool = False) -> Path:
    """Return the up-to-date model, training it first if needed (with a progress bar if asked)."""
    target = model_path()
    if target.exists():
        print(f"==> Modèle à jour, réutilisé : {target.relative_to(ROOT)}")
        return target
    print("==> Données ou configuration modifiées : entraînement du modèle…", flush=True)
    if progress:
        run_with_progress(
            training_command(target),
            ROOT,
            RESULTS / "logs" / "train.log",
            "Entraînement",
            "époques",
            configured_epochs(ROOT / "config.yml"),
            EPOCHS,
        )
    else:
        subprocess.run(training_command(target), cwd=ROOT, check=True)
    _prune_old_models(keep=target)
    return target


def _prune_old_models(keep: Path) -> None:
    models = sorted(MODELS.glob("model-*.tar.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [m for m in models if m != keep][KEEP_MODELS - 1 :]:
        old.unlink()


if __name__ == "__main__":
    try:
        ensure_model()
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)

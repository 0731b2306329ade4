"""`rasa train`, made shorter: `python -m bot.nlu.rasa_train <rasa train arguments>`.

Changed in how Rasa trains, not in what it learns (docs/pipeline.md, round 7):
- the training patches of bot/rasa_patches/training.py are installed (Rasa's
  training cache skipped, sparse features converted once, no CRF decoding in
  DIET's training steps), and the fingerprint run before the training is
  skipped (`--force`): the project retrains only when its inputs changed
  (bot/nlu/training.py);
- the n-gram intent model is fitted in a second process from the start
  (bot/nlu/ngram_prefit.py), while Rasa loads, featurizes and trains DIET on
  the other core; IntentBlend takes it if it was fitted on the same examples.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from bot.nlu.ngram_prefit import DIRECTORY_VARIABLE, DONE, FAILED, blend_settings
from bot.rasa_patches import training as training_patches


def prefit_command(arguments: list[str], directory: str) -> list[str] | None:
    """The command fitting the n-gram model beside the training, or None when the pipeline has no blend."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--config", default="config.yml")
    parser.add_argument("--domain")
    parser.add_argument("--data", nargs="+")
    parser.add_argument("--nlu")
    known, _ = parser.parse_known_args(arguments)
    data = known.data or ([known.nlu] if known.nlu else None)
    if not data or blend_settings(Path(known.config)) is None:
        return None
    domain = ["--domain", known.domain] if known.domain else []
    return [
        sys.executable,
        "-m",
        "bot.nlu.ngram_prefit",
        directory,
        "--config",
        known.config,
        *domain,
        "--data",
        *data,
    ]


def _mark_if_failed(prefit: subprocess.Popen, directory: Path) -> None:
    """However the second process ends, IntentBlend stops waiting for it (and fits its own model if needed)."""
    prefit.wait()
    if not (directory / DONE).exists():
        (directory / FAILED).touch()


def main(arguments: list[str]) -> None:
    training_patches.install()
    # `rasa train nlu` has no --force: only its fingerprint run (a few seconds) remains.
    force = [] if arguments[:2] == ["train", "nlu"] else ["--force"]
    with tempfile.TemporaryDirectory(prefix="ngram-prefit-") as directory:
        command = prefit_command(arguments, directory)
        prefit = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) if command else None
        watcher = threading.Thread(target=_mark_if_failed, args=(prefit, Path(directory)), daemon=True)
        if prefit:
            os.environ[DIRECTORY_VARIABLE] = directory
            watcher.start()
        try:
            from rasa.__main__ import main as rasa_main

            sys.argv = ["rasa", *arguments, *force]
            rasa_main()
        finally:
            if prefit:
                if prefit.poll() is None:
                    prefit.terminate()
                watcher.join()  # before the directory goes


if __name__ == "__main__":
    main(sys.argv[1:])

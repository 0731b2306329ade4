"""`make shell`: chat with the assistant in the terminal (action server started too)."""

from __future__ import annotations

import subprocess
import sys

from bot.nlu.training import ensure_model
from bot.paths import RESULTS, ROOT
from bot.runtime.servers import LAUNCH, server_environment, start_action_server
from bot.settings import load_settings


def main() -> int:
    settings = load_settings()
    model = ensure_model()
    actions = start_action_server(settings, RESULTS / "logs")
    try:
        return subprocess.run(
            [
                *LAUNCH,
                "rasa",
                "shell",
                "--model",
                str(model),
                "--endpoints",
                str(ROOT / "endpoints.yml"),
                "--port",
                str(settings.rasa_port + 1),
            ],
            cwd=ROOT,
            env=server_environment(settings),
            check=False,
        ).returncode
    except KeyboardInterrupt:
        return 0
    finally:
        actions.stop()


if __name__ == "__main__":
    sys.exit(main())

"""Entry point of each server process: mask the logs, keep the secrets off the command line, then run.

    python -m bot.runtime.launch rasa run --enable-api ...   the Rasa server
    python -m bot.runtime.launch rasa run actions ...        the action server
    python -m bot.runtime.launch web --port 8080 ...         the chat's web server

Before handing over, it installs the log masking of bot.conversations.log_masking, and in the
Rasa server the speed-ups of bot.rasa_patches.serving (costs Rasa pays at every turn, paid once;
refused on another Rasa version than the pinned one).
The Rasa server's API token is read from RASA_AUTH_TOKEN in the environment and
added to the arguments inside the process, so it never shows in `ps`.
"""

from __future__ import annotations

import os
import sys

from bot.conversations.log_masking import install as mask_logs


def rasa_arguments(argv: list[str], environ: dict) -> list[str]:
    """The Rasa command line, with `--auth-token` from the environment when the API is on."""
    if "--enable-api" in argv and "--auth-token" not in argv and environ.get("RASA_AUTH_TOKEN"):
        return argv + ["--auth-token", environ["RASA_AUTH_TOKEN"]]
    return argv


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("rasa", "web"):
        print("usage : python -m bot.runtime.launch rasa|web ARGUMENTS…", file=sys.stderr)
        return 2
    mask_logs()
    if argv[0] == "web":
        from bot.runtime.web_server import main as web_main

        return web_main(argv[1:])
    from rasa.__main__ import main as rasa_main

    if argv[1:3] != ["run", "actions"] and argv[1:2] == ["run"]:
        from bot.rasa_patches.serving import install

        install()
    sys.argv = ["rasa", *rasa_arguments(argv[1:], dict(os.environ))]
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

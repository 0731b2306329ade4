"""Ctrl-C or SIGTERM at any moment, start-up included, stops everything the command started.

`make run` and `make cluster` call `stop_on_signals()` first thing: SIGTERM then raises
KeyboardInterrupt like Ctrl-C, wherever the start-up is, and the code that started servers
stops them on the way out; if `make` itself is killed, the command gets SIGTERM too (and its
servers, which die with their parent: bot.runtime.servers.die_with_parent). `stopping()`
ignores further signals while everything is being stopped, so a second Ctrl-C cannot cut
the clean-up short.
"""

from __future__ import annotations

import os
import signal

from bot.runtime.servers import die_with_parent


def _interrupt(*_) -> None:
    raise KeyboardInterrupt


def stop_on_signals() -> None:
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    die_with_parent()
    if os.getppid() == 1:  # the parent (make) died before the line above
        raise KeyboardInterrupt


def stopping() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)

"""The `bot` command line for trainers and operators (French help texts).

Each sub-command lives in its own module of bot/commands/ and exposes
`register(subparsers)`, which adds its parser and sets `handler` to a function
taking the parsed arguments and returning an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# One line per sub-command module; the order is the order of `bot --help`.
COMMAND_MODULES: tuple[str, ...] = (
    "bot.commands.db",
    "bot.commands.import_directory",
    "bot.commands.intent",
    "bot.commands.check",
    "bot.commands.evaluate",
    "bot.commands.review",
    "bot.commands.stats",
    "bot.commands.conversations",
)


class CommandError(Exception):
    """A problem the user can fix: printed as a clear message, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bot",
        description="Outils de l'assistant « accès aux droits » du Havre.",
    )
    subparsers = parser.add_subparsers(title="commandes", metavar="COMMANDE")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
        return 1
    try:
        return args.handler(args) or 0
    except CommandError as problem:
        print(f"Erreur : {problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nInterrompu.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

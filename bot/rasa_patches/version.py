"""The Rasa version every patch was written and tested against, and the guard that refuses any other.

A patch replaces a function of Rasa's own code: on another version that function may have changed,
and the patch would silently undo the change. So nothing is patched unless the installed Rasa is
the pinned one (requirements.lock); moving to another version means checking each patch against it
(tests/rasa_patches/) and then changing PATCHED_RASA.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

PATCHED_RASA = "3.6.21"


class UnpatchedRasa(RuntimeError):
    """The installed Rasa is not the version the patches were checked against."""


def require_patched_rasa() -> None:
    """Raise UnpatchedRasa unless the installed Rasa is PATCHED_RASA."""
    import rasa

    if rasa.__version__ != PATCHED_RASA:
        raise UnpatchedRasa(
            f"Rasa {rasa.__version__} est installé, or les correctifs de bot/rasa_patches/ sont écrits pour "
            f"Rasa {PATCHED_RASA} : installez la version de requirements.lock (make setup), ou vérifiez chaque "
            "correctif contre la nouvelle version (tests/rasa_patches/) avant de changer PATCHED_RASA."
        )


def patch(install: Callable[[], None]) -> Callable[[], None]:
    """`install`, run only after the version guard: no patch goes onto another Rasa."""

    @wraps(install)
    def guarded() -> None:
        require_patched_rasa()
        install()

    return guarded

"""How the CAF rounds what it pays: each part to the cent (half up), then the CRDS taken, rounded down.

Used where amounts are computed (bot/rights/engine.py) and where the published figures are
recomputed from the rules engine's parameters (bot/checks/engine_checks.py).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal


def cents(value: float) -> float:
    """Rounded to the cent, half up (the CAF's rounding of each part of an amount)."""
    return float(Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def net_of_crds(gross: float, crds_rate: float) -> float:
    """What the CAF pays of a gross amount: rounded to the cent, minus the CRDS rounded down to the cent."""
    paid = Decimal(str(cents(gross)))
    return float(paid - Decimal(math.floor(paid * Decimal(str(crds_rate)) * 100)) / 100)

"""The territory the assistant serves: the commune of Le Havre (its INSEE code and its name)."""

from __future__ import annotations

LE_HAVRE_INSEE = "76351"  # code officiel géographique of the commune
LE_HAVRE_NAME = "Le Havre"

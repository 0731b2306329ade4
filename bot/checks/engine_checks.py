"""Figures of the knowledge entries recomputed from the rules engine's parameters (data/knowledge/engine_checks.yml).

Each figure has a formula over named parameters of OpenFisca-France, evaluated with the values in
force at each row's effective date; a row that the engine does not reproduce is a disagreement, listed
by `make facts-to-check` and failed by the test suite. docs/knowledge.md explains the file.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from bot.formatting import number
from bot.knowledge.caf_rounding import cents, net_of_crds
from bot.knowledge.entries import Entry, Figure, Row, load_entries
from bot.openfisca_api import Engine, parameter_on
from bot.paths import KNOWLEDGE

CHECKS_FILE = KNOWLEDGE / "engine_checks.yml"
AMOUNT_TOLERANCE, CEILING_TOLERANCE = 0.005, 1.0  # amounts to the cent, ceilings to the euro
OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


@dataclass(frozen=True)
class Check:
    formula: str
    tolerance: float | None = None  # euros; None: the default for the figure's kind
    why: str = ""  # why the tolerance


@dataclass(frozen=True)
class Checks:
    parameters: dict[str, str]  # short name -> parameter path
    figures: dict[str, Check]  # figure id -> its formula
    not_in_engine: dict[str, str]  # figure id -> why the engine cannot check it


@dataclass(frozen=True)
class Disagreement:
    intent: str
    figure: Figure
    row: Row
    engine_value: float

    def line(self) -> str:
        return (
            f"- {self.intent} / {self.figure.id} (depuis le {self.row.effective.isoformat()}) : "
            f"{number(self.row.value)} {self.figure.unit} dans nos données, "
            f"{number(round(self.engine_value, 2))} d'après le moteur de règles"
        )


@cache
def load_checks(path: Path = CHECKS_FILE) -> Checks:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    figures = {
        figure_id: Check(spec) if isinstance(spec, str) else Check(**spec)
        for figure_id, spec in (data.get("figures") or {}).items()
    }
    return Checks(data.get("parameters") or {}, figures, data.get("not_in_engine") or {})


def evaluate(formula: str, value_of: Callable[[str], float]) -> float:
    """The value of an arithmetic formula over named values; cents(x) and net(x) (CRDS from `crds`)."""

    def walk(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.Name):
            return float(value_of(node.id))
        if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
            return OPERATORS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and len(node.args) == 1 and not node.keywords:
            if node.func.id == "cents":
                return cents(walk(node.args[0]))
            if node.func.id == "net":
                return net_of_crds(walk(node.args[0]), value_of("crds"))
        raise ValueError(f"not allowed in a formula: {ast.dump(node)[:80]} in « {formula} »")

    return walk(ast.parse(formula, mode="eval"))


def names_in(formula: str) -> set[str]:
    """The parameter names a formula uses."""
    return {
        node.id
        for node in ast.walk(ast.parse(formula, mode="eval"))
        if isinstance(node, ast.Name) and node.id not in ("cents", "net")
    }


def engine_value(check: Check, checks: Checks, engine: Engine, row: Row) -> float:
    """The figure recomputed with the engine's parameters in force on the row's effective date."""
    return evaluate(check.formula, lambda name: parameter_on(engine, checks.parameters[name], row.effective))


def tolerance(check: Check, figure: Figure) -> float:
    if check.tolerance is not None:
        return check.tolerance + AMOUNT_TOLERANCE
    return CEILING_TOLERANCE if figure.kind == "ceiling" else AMOUNT_TOLERANCE


def disagreements(engine: Engine, entries: dict[str, Entry] | None = None) -> list[Disagreement]:
    """Every row of every checked figure that the engine's parameters do not give (EngineUnavailable if down)."""
    checks, found = load_checks(), []
    for intent, entry in sorted((entries or load_entries()).items()):
        for figure in entry.figures:
            check = checks.figures.get(figure.id)
            if check is None:
                continue
            for row in figure.rows:
                value = engine_value(check, checks, engine, row)
                if abs(row.value - value) >= tolerance(check, figure):
                    found.append(Disagreement(intent, figure, row, value))
    return found

"""The shape of `bot/`: packages by domain, imports only going down the layers of docs/architecture.md."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bot.paths import CODE_ROOT

BOT = CODE_ROOT / "bot"
ARCHITECTURE = CODE_ROOT / "docs" / "architecture.md"
SHARED = "(top-level modules)"
MAX_TOP_LEVEL_MODULES = 12
# A row of the layers table: | 3 | `directory/`, `rights/` | what they own |
LAYER_ROW = re.compile(r"^\|\s*(?P<layer>\d+)\s*\|(?P<units>[^|]*)\|")


def documented_layers(text: str) -> dict[str, int]:
    """Package (or SHARED) -> layer number, read from the table under « ## Packages and layers »."""
    section = text.split("## Packages and layers", 1)[1].split("\n## ", 1)[0]
    layers = {}
    for line in section.splitlines():
        row = LAYER_ROW.match(line)
        if not row:
            continue
        for unit in re.findall(r"`([^`]+)`", row["units"]):
            name = unit.strip("/") if unit.endswith("/") else SHARED
            layers[name] = int(row["layer"])
    return layers


def unit_of(module: str) -> str | None:
    """The package of `bot.x.y` (x), SHARED for a top-level module, None outside bot."""
    parts = module.split(".")
    if parts[0] != "bot" or len(parts) == 1:
        return None
    return parts[1] if (BOT / parts[1]).is_dir() else SHARED


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """Every module the file imports (at the top or inside functions), with its line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
            if node.module == "bot":
                found += [(node.lineno, f"bot.{alias.name}") for alias in node.names]
    return found


def module_of(path: Path) -> str:
    return ".".join(path.relative_to(CODE_ROOT).with_suffix("").parts)


def upward_imports(layers: dict[str, int]) -> list[str]:
    problems = []
    for path in sorted(BOT.rglob("*.py")):
        own = unit_of(module_of(path))
        for line, module in imported_modules(path):
            target = unit_of(module)
            if target is None or target == own:
                continue
            if layers[target] >= layers[own]:
                problems.append(
                    f"{path.relative_to(CODE_ROOT)}:{line} ({own}, layer {layers[own]}) imports "
                    f"{module} ({target}, layer {layers[target]})"
                )
    return problems


LAYERS = documented_layers(ARCHITECTURE.read_text(encoding="utf-8"))


def test_every_package_of_bot_has_a_documented_layer():
    packages = {path.name for path in BOT.iterdir() if (path / "__init__.py").exists()}
    assert packages | {SHARED} == set(LAYERS), "docs/architecture.md: add the package to « Packages and layers »"


def test_imports_only_go_down_the_layers():
    assert not upward_imports(LAYERS), "\n".join(upward_imports(LAYERS))


def test_the_check_sees_an_upward_import():
    # With knowledge moved up to directory's layer, directory's imports of knowledge are reported.
    layers = {**LAYERS, "knowledge": LAYERS["directory"]}
    assert any(
        problem.startswith("bot/directory/") and "bot.knowledge" in problem for problem in upward_imports(layers)
    )


def test_documented_layers_parse_a_table_row():
    text = (
        "## Packages and layers\n| 2 | `a/`, `b/` | x |\n| 1 | top-level modules `paths` | y |\n"
        "## Next\n| 9 | `c/` | z |"
    )
    assert documented_layers(text) == {"a": 2, "b": 2, SHARED: 1}


@pytest.mark.parametrize("package", sorted(p.name for p in BOT.iterdir() if (p / "__init__.py").exists()))
def test_each_package_says_what_it_owns(package):
    docstring = ast.get_docstring(ast.parse((BOT / package / "__init__.py").read_text(encoding="utf-8")))
    assert docstring and "May import" in docstring


def test_few_modules_directly_under_bot():
    modules = [path.name for path in BOT.glob("*.py") if path.name != "__init__.py"]
    assert len(modules) <= MAX_TOP_LEVEL_MODULES, modules


def test_nothing_in_bot_imports_rasa_sdk():
    offenders = [
        f"{path.relative_to(CODE_ROOT)}:{line}"
        for path in BOT.rglob("*.py")
        for line, module in imported_modules(path)
        if module.split(".")[0] == "rasa_sdk"
    ]
    assert not offenders


def test_tests_mirror_the_packages():
    tests = CODE_ROOT / "tests"
    packages = {p.name for p in BOT.iterdir() if (p / "__init__.py").exists()}
    assert packages <= {p.name for p in tests.iterdir() if (p / "__init__.py").exists()}

"""The shape of the code: in `bot/`, packages by domain, imports only going down the layers of docs/architecture.md;
around it, the glue (actions, components, channels, scripts) may import `bot/`, never the reverse, with no import
circle between its modules; nothing but the tests imports `tests/`."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bot.paths import CODE_ROOT

BOT = CODE_ROOT / "bot"
SCRIPTS = CODE_ROOT / "scripts"
GLUE = ("actions", "components", "channels", "scripts")  # over bot/: they may import it, never the reverse
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
    """Every module the file imports (at the top or inside functions), with its line.

    `from bot import x` (or a glue folder) counts `bot.x` too; a script's import of another script
    (scripts/ is on the path of a script that runs) counts as `scripts.<name>`.
    """
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = absolute(path, node.module, node.level)
            found.append((node.lineno, module))
            if module in ("bot", *GLUE):
                found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return [(line, as_script(path, module)) for line, module in found]


def absolute(path: Path, module: str | None, level: int) -> str:
    """The module a (possibly relative: `from . import x`, level 1) import names."""
    if not level:
        return str(module)
    package = module_of(path).split(".")[:-level]
    return ".".join([*package, module] if module else package)


def as_script(path: Path, module: str) -> str:
    sibling = SCRIPTS / f"{module.split('.')[0]}.py"
    return f"scripts.{module}" if path.parent == SCRIPTS and sibling.exists() else module


def module_of(path: Path) -> str:
    return ".".join(path.relative_to(CODE_ROOT).with_suffix("").parts)


def python_files(folders: tuple[str, ...]) -> list[Path]:
    return sorted(path for folder in folders for path in (CODE_ROOT / folder).rglob("*.py"))


def forbidden_imports(paths: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    """Each import, in these files, of a module under one of the `forbidden` top-level names."""
    return [
        f"{path.relative_to(CODE_ROOT)}:{line} imports {module}"
        for path in paths
        for line, module in imported_modules(path)
        if module.split(".")[0] in forbidden
    ]


def glue_graph() -> dict[str, set[str]]:
    """Each module of the glue folders -> the modules of the glue folders it imports."""
    names = {path: module_of(path).removesuffix(".__init__") for path in python_files(GLUE)}
    modules = set(names.values())
    return {name: {m for _, m in imported_modules(path) if m in modules} - {name} for path, name in names.items()}


def circle_through(graph: dict[str, set[str]], start: str) -> list[str] | None:
    """A shortest way of imports from `start` back to itself, or None."""
    ways, queue = {start: [start]}, [start]
    while queue:
        module = queue.pop(0)
        for imported in sorted(graph.get(module, ())):
            if imported == start:
                return ways[module] + [start]
            if imported not in ways:
                ways[imported] = ways[module] + [imported]
                queue.append(imported)
    return None


def import_circles(graph: dict[str, set[str]]) -> list[str]:
    """Each import circle of the graph once, as « a → b → a » from its first module in alphabetical order."""
    found = set()
    for module in graph:
        circle = circle_through(graph, module)
        if circle:
            ring = circle[:-1]
            first = ring.index(min(ring))
            ring = ring[first:] + ring[:first]
            found.add(" → ".join([*ring, ring[0]]))
    return sorted(found)


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


def test_nothing_in_bot_imports_the_glue_or_the_tests():
    problems = forbidden_imports(sorted(BOT.rglob("*.py")), (*GLUE, "tests"))
    assert not problems, "\n".join(problems)


def test_neither_the_glue_nor_the_scripts_import_the_tests():
    problems = forbidden_imports(python_files(GLUE), ("tests",))
    assert not problems, "\n".join(problems)


def test_no_import_circle_between_modules_of_the_glue():
    circles = import_circles(glue_graph())
    assert not circles, "\n".join(circles)


def test_the_check_sees_an_import_of_what_is_forbidden():
    # Every component imports bot: with bot forbidden to components, the input guard's import is reported.
    problems = forbidden_imports(python_files(("components",)), ("bot",))
    assert any(p.startswith("components/input_guard.py:") and p.endswith(" bot.nlu.vocabulary") for p in problems)


def test_the_check_sees_an_import_circle():
    # components/input_guard.py imports components/stored.py: with stored importing input_guard, they make a circle.
    graph = glue_graph()
    graph["components.stored"] = graph["components.stored"] | {"components.input_guard"}
    assert import_circles(graph) == ["components.input_guard → components.stored → components.input_guard"]


def test_a_script_importing_another_script_and_a_relative_import_are_seen():
    assert "scripts.measure" in glue_graph()["scripts.bench"]
    assert absolute(CODE_ROOT / "components" / "stored.py", "stateless", 1) == "components.stateless"
    assert absolute(CODE_ROOT / "components" / "stored.py", None, 1) == "components"

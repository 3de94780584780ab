"""The shape of the code: deck's modules import one way, from the inputs to the command line."""

import ast
from pathlib import Path

from tests.conftest import ROOT

# The pipeline's order; a module may import only modules before it.
STAGES = [
    "deck",
    "deck.errors",
    "deck.paths",
    "deck.style",
    "deck.cache",  # foundations
    "deck.load",
    "deck.schema",  # YAML, records
    "deck.model.common",
    "deck.model.oefeningen",
    "deck.model.hand",
    "deck.model.emoties",  # the content model
    "deck.model.helpende_vragen",
    "deck.model.kaarten",
    "deck.model.spanningsvelden",
    "deck.model.werkkaarten",
    "deck.model",
    "deck.sources",
    "deck.fonts",
    "deck.brand",
    "deck.casus",
    "deck.plan",  # the inputs
    "deck.geometry",
    "deck.cards",
    "deck.werkbladen",
    "deck.boekje",
    "deck.targets",  # what to print
    "deck.sizes",
    "deck.typeset",
    "deck.render",
    "deck.output",  # printing it
    "deck.build",
    "deck.watch",
    "deck.cli_nl",
    "deck.cli",
    "deck.__main__",  # running it
]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """The deck modules a file imports (from deck.x import y counts y when y is a module)."""
    modules = {module_name(p) for p in (ROOT / "deck").rglob("*.py")}
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "deck":
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names} & modules
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "deck"}
    return found - {module_name(path)}


def test_every_module_has_its_place_in_the_pipeline():
    assert sorted(module_name(p) for p in (ROOT / "deck").rglob("*.py")) == sorted(STAGES)


def test_imports_run_one_way_from_the_inputs_to_the_command_line():
    backward = [
        f"{module_name(path)} imports {other}"
        for path in (ROOT / "deck").rglob("*.py")
        for other in imports_of(path)
        if STAGES.index(other) > STAGES.index(module_name(path))
    ]
    assert backward == []

"""The shape of the code: deck's modules import one way, from the inputs to the command line."""

import ast
from pathlib import Path

from tests.conftest import ROOT

# The pipeline's order, stage by stage; a module may import only modules before it.
STAGES = {
    "foundations": ["deck", "deck.stop", "deck.errors", "deck.environment", "deck.paths", "deck.scratch", "deck.style", "deck.cache"],
    "reading YAML into records": ["deck.parser", "deck.load", "deck.schema"],
    "the content model": ["deck.model.common", "deck.model.oefeningen", "deck.model.hand", "deck.model.emoties",
                          "deck.model.helpende_vragen", "deck.model.kaarten", "deck.model.spanningsvelden",
                          "deck.model.werkkaarten", "deck.model"],
    "the inputs": ["deck.spreadsheet", "deck.sources", "deck.fonts", "deck.brand", "deck.casus", "deck.plan"],
    "what to print": ["deck.geometry", "deck.cards", "deck.werkbladen", "deck.boekje", "deck.targets"],
    "printing it": ["deck.sizes", "deck.typeset", "deck.render", "deck.output"],
    "running it": ["deck.starters", "deck.build", "deck.watch", "deck.web",
                   "deck.web.pictures", "deck.web.forms", "deck.web.uploads", "deck.serve", "deck.cli_nl", "deck.cli", "deck.start",
                   "deck.__main__"],
}  # fmt: skip
ORDER = [module for modules in STAGES.values() for module in modules]


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
    assert sorted(module_name(p) for p in (ROOT / "deck").rglob("*.py")) == sorted(ORDER)


def test_imports_run_one_way_from_the_inputs_to_the_command_line():
    backward = [
        f"{module_name(path)} imports {other}"
        for path in (ROOT / "deck").rglob("*.py")
        for other in imports_of(path)
        if ORDER.index(other) > ORDER.index(module_name(path))
    ]
    assert backward == []

"""Load a folder of source files: every file parsed and validated, every problem collected."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from deck.errors import DeckError, Problem, display_path
from deck.load import YamlFile, read_yaml
from deck.model import Document, validate_document
from deck.paths import bundled

SOURCE_SUFFIXES = (".yaml", ".yml")
MAX_SOURCE_FILES = 200


@dataclass
class Sources:
    """Validated documents by id, and the file each came from."""

    documents: dict[str, Document] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)

    def of_kind(self, soort: str) -> list[Document]:
        return [doc for doc in self.documents.values() if doc.soort == soort]


def default_sources_dir() -> Path:
    return bundled("sources")


def load_sources(folder: Path | None = None) -> Sources:
    """Read every *.yaml in folder (default: the bundled sources). Raises DeckError with all problems."""
    folder = folder or default_sources_dir()
    paths = _source_files(folder)
    sources, problems = Sources(), []
    for path in paths:
        file, document, found = _read_document(path)
        problems += found
        if document is None:
            continue
        if document.id in sources.documents:
            other = display_path(sources.files[document.id])
            problems.append(Problem(file.shown, file.line_of(("id",)), "id", f"'{document.id}' komt ook voor in {other}"))
            continue
        sources.documents[document.id] = document
        sources.files[document.id] = path
    if problems:
        raise DeckError(problems)
    return sources


_parsed: dict[Path, tuple[tuple[int, int], YamlFile, Document | None, list[Problem]]] = {}


def _read_document(path: Path) -> tuple[YamlFile, Document | None, list[Problem]]:
    """Parse and validate one file, remembering the result until the file changes (deck watch
    reloads the sources on every edit)."""
    stat = path.stat()
    version = (stat.st_mtime_ns, stat.st_size)
    cached = _parsed.get(path)
    if cached and cached[0] == version:
        return cached[1:]
    file, problems = read_yaml(path)
    document, invalid = validate_document(file) if not problems else (None, [])
    _parsed[path] = (version, file, document, problems + invalid)
    return file, document, problems + invalid


def _source_files(folder: Path) -> list[Path]:
    shown = display_path(folder)
    if not folder.exists():
        raise DeckError([Problem(shown, None, "", "map met bronnen bestaat niet")])
    if not folder.is_dir():
        raise DeckError([Problem(shown, None, "", "is geen map; geef de map met bronbestanden (.yaml)")])
    paths = sorted(p for p in folder.iterdir() if p.suffix in SOURCE_SUFFIXES and not p.name.startswith("."))
    if not paths:
        raise DeckError([Problem(shown, None, "", "map bevat geen bronbestanden (.yaml)")])
    if len(paths) > MAX_SOURCE_FILES:
        raise DeckError([Problem(shown, None, "", f"te veel bronbestanden ({len(paths)}, hoogstens {MAX_SOURCE_FILES})")])
    return paths

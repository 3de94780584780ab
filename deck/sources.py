"""Load a folder of source files: every file parsed and validated, every problem collected."""

from __future__ import annotations

import functools
import hashlib
import pickle
import sys
from dataclasses import dataclass, field
from pathlib import Path

from deck import __version__, cache
from deck.errors import DeckError, Problem, display_path
from deck.load import MAX_FILE_BYTES, YamlFile, read_yaml
from deck.model import Document, validate_document
from deck.paths import bundled
from deck.schema import Strict

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
    """Parse and validate one file, remembering the result until the file changes: in memory
    (deck watch reloads the sources on every edit) and, for a valid file, in the cache folder."""
    stat = path.stat()
    version = (stat.st_mtime_ns, stat.st_size)
    cached = _parsed.get(path)
    if cached and cached[0] == version:
        return cached[1:]
    content_key = _content_key(path) if stat.st_size <= MAX_FILE_BYTES else None
    found = _validated_before(path, content_key)
    if found:
        file, document, problems = found
    else:
        file, problems = read_yaml(path)
        document, invalid = validate_document(file) if not problems else (None, [])
        problems += invalid
        if document is not None and not problems and content_key:
            _keep_validated(path, content_key, file, document)
    _parsed[path] = (version, file, document, problems)
    return file, document, problems


# Validating the bundled sources takes about 60 ms, reading back the result 3 ms. A stored
# result holds for the same file bytes read by the same loading code (these modules), in the
# same deck and Python versions.
_LOADING_CODE = ("load.py", "model.py", "schema.py", "sources.py")


def _content_key(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes() + _loading_code()).hexdigest()
    except OSError:
        return None


@functools.cache
def _loading_code() -> bytes:
    digest = hashlib.sha256(f"{__version__} {sys.version_info[:2]}".encode())
    for module in _LOADING_CODE:
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.digest()


def _cache_name(path: Path) -> str:
    """One entry per source file, replaced when the file changes."""
    return "bron-" + hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:24] + ".pickle"


def _validated_before(path: Path, content_key: str | None) -> tuple[YamlFile, Document, list[Problem]] | None:
    stored = cache.read(_cache_name(path)) if content_key else None
    if not stored:
        return None
    try:
        key, document, id_line = pickle.loads(stored)
    except Exception:  # a damaged or foreign file: validate as if it were not there
        return None
    if key != content_key or not isinstance(document, Strict):
        return None
    return YamlFile(path, None, {("id",): id_line}), document, []


def _keep_validated(path: Path, content_key: str, file: YamlFile, document: Document) -> None:
    cache.write(_cache_name(path), pickle.dumps((content_key, document, file.line_of(("id",)))))


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

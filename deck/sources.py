"""Load a folder of source files: every file parsed and validated, every problem collected."""

from __future__ import annotations

import functools
import hashlib
import json
import re
from pathlib import Path

from deck import __version__, cache
from deck.errors import DeckError, Problem, display_path, os_reason, warn
from deck.load import MAX_FILE_BYTES, YamlFile, input_problem, read_yaml
from deck.model import Document, validate_document
from deck.paths import bundled
from deck.spreadsheet import SUFFIXES as SPREADSHEETS
from deck.spreadsheet import read_spreadsheet

SOURCE_SUFFIXES = (".yaml", ".yml", *SPREADSHEETS)
MAX_SOURCE_FILES = 200


class Sources:
    """Validated documents by id, and the file each came from."""

    def __init__(self):
        self.documents: dict[str, Document] = {}
        self.files: dict[str, Path] = {}
        self.read: dict[str, YamlFile] = {}  # the file each was read from, for a problem that names a place in it

    def of_kind(self, soort: str) -> list[Document]:
        return [doc for doc in self.documents.values() if doc.soort == soort]

    def located(self, doc_id: str) -> YamlFile:
        """The file a document was read from, knowing the line of every value: one read back from
        the cache knows only its id's line, so the YAML is parsed for a problem elsewhere."""
        file = self.read[doc_id]
        if type(file) is YamlFile and len(file.lines) <= 1:
            file = read_yaml(self.files[doc_id])[0]
        return file


LOCAL_SOURCES = "bronnen"  # the folder `deck init` makes: a build beside it reads it


def default_sources_dir() -> Path:
    return bundled("sources")


def sources_folder(given: Path | None) -> Path:
    """The folder a command reads: the one given, else ./bronnen when there is one (made by
    `deck init`), else the sources bundled with deck."""
    if given is not None:
        return given
    local = Path(LOCAL_SOURCES)
    return local if local.is_dir() else default_sources_dir()


def describe_folder(folder: Path) -> str:
    """One line naming the folder read, and where the bundled sources live, how to edit them."""
    if folder != default_sources_dir():
        shown = display_path(folder)
        return f"Bronnen: {'de huidige map' if shown == '.' else shown}"
    if default_sources_dir().parent.name == "deck":  # installed: inside the package
        return "Bronnen: de meegeleverde bronnen; een eigen kopie om te bewerken maakt u met 'deck init MAP'"
    return f"Bronnen: {display_path(folder)} (de meegeleverde bronnen)"


def load_sources(folder: Path | None = None, only: list[str] | None = None) -> Sources:
    """Read every source file in folder (default: the bundled sources). Raises DeckError with all
    problems. With `only` (the ids of decks to build), just the files of those decks, when every
    file says its id plainly; else all of them."""
    folder = folder or default_sources_dir()
    cache.folder()  # a DECK_CACHE that cannot be used is said first, whatever is remembered in memory
    sources, problems = Sources(), []
    paths = _source_files(folder)
    if only:
        paths = _files_of(paths, only) or paths
    for path in paths:
        file, document, found = _read_document(path)
        problems += found
        if document is None:
            continue
        if document.id in sources.documents:
            other = display_path(sources.files[document.id])
            problems.append(file.problem(("id",), f"'{document.id}' komt ook voor in {other}"))
            continue
        sources.documents[document.id] = document
        sources.files[document.id] = path
        sources.read[document.id] = file
    if problems:
        raise DeckError(problems)
    return sources


_read: dict[Path, tuple[tuple[int, int], YamlFile, Document | None, list[Problem]]] = {}


def _read_document(path: Path) -> tuple[YamlFile, Document | None, list[Problem]]:
    """Parse and validate one file, remembering the result until the file changes (deck watch
    reloads the sources on every edit)."""
    unreadable = input_problem(path, MAX_FILE_BYTES)
    if unreadable:  # nothing else touches it: a pipe would hang any read
        file = YamlFile(path)
        return file, None, [Problem(file.shown, None, "", unreadable)]
    stat = path.stat()
    version = (stat.st_mtime_ns, stat.st_size)
    known = _read.get(path)
    if known and known[0] == version:
        for warning in known[1].warnings:
            warn(warning)
        return known[1:]
    if path.suffix.lower() in SPREADSHEETS:
        file, problems = read_spreadsheet(path)
        document, invalid = validate_document(file) if not problems else (None, [])
        _read[path] = (version, file, document, problems + invalid)
        return file, document, problems + invalid
    key = _parse_key(path)
    kept = _kept(path, key) if key else None
    document, problems = validate_document(kept) if kept else (None, [])
    if kept and not problems:
        file = kept
    else:  # not kept, or kept data that is not valid (then it was not ours): the file decides
        file, problems = read_yaml(path)
        document, invalid = validate_document(file) if not problems else (None, [])
        problems += invalid
        if key and not problems:
            _keep(path, key, file)
    _read[path] = (version, file, document, problems)
    for warning in file.warnings:
        warn(warning)
    return file, document, problems


# Parsing YAML is half the time of loading the sources, so the parsed data of a valid file is kept
# in the cache folder, as JSON, and validated again when it is read back: what reaches the model has
# always been checked.


def _parse_key(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes() + _parser_version()).hexdigest()
    except OSError:
        return None


@functools.cache
def _parser_version() -> bytes:
    """What the parsed data depends on besides the file: deck's loader and parser (PyYAML's safe
    loading of plain data is stable, and importing it to ask would cost what the cache saves)."""
    code = b"".join((Path(__file__).parent / name).read_bytes() for name in ("load.py", "parser.py"))
    return hashlib.sha256(code + __version__.encode()).digest()


def _cache_name(path: Path) -> str:
    """One entry per source file, replaced when the file changes."""
    return "bron-" + hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:24] + ".json"


def _kept(path: Path, key: str) -> YamlFile | None:
    try:
        stored = json.loads(cache.read(_cache_name(path)) or b"null")
        if stored["key"] != key:
            return None
        warnings = [Problem(*warning) for warning in stored["warnings"]]
        return YamlFile(path, stored["data"], {("id",): int(stored["id-line"])}, warnings)
    except (ValueError, TypeError, KeyError):  # damaged, or not ours: parse as if it were not there
        return None


def _keep(path: Path, key: str, file: YamlFile) -> None:
    """The data of a valid file and the line of its id, the one line a valid file's problems can
    name (the same id in two files); a problem in kept data sends deck back to the file."""
    try:
        entry = {"key": key, "id-line": file.line_of(("id",)), "warnings": file.warnings, "data": file.data}
        entry = json.dumps(entry, ensure_ascii=False)
    except (TypeError, ValueError):  # a value JSON cannot hold: parse this file every time
        return
    cache.write(_cache_name(path), entry.encode())


# A file's own id and soort, on a line of their own at the top level: what `deck init` and every
# bundled file write. A file that says them otherwise is simply parsed.
_ID = re.compile(r"""^id:[ \t]*["']?([a-z0-9]+(?:-[a-z0-9]+)*)["']?[ \t]*(?:#.*)?$""", re.MULTILINE)
_SOORT = re.compile(r"""^soort:[ \t]*["']?([a-z-]+)["']?[ \t]*(?:#.*)?$""", re.MULTILINE)


def _files_of(paths: list[Path], ids: list[str]) -> list[Path] | None:
    """The files that hold these decks, found without parsing YAML (a first `deck build emoties`
    would otherwise parse every source, most of the time it takes); None when that cannot be told
    for certain, so that everything is read and every problem reported."""
    found: dict[str, Path] = {}
    for path in paths:
        if path.suffix.lower() not in (".yaml", ".yml") or input_problem(path, MAX_FILE_BYTES):
            return None
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, ValueError):
            return None
        names, kinds = _ID.findall(text), _SOORT.findall(text)
        if len(names) != 1 or len(kinds) != 1 or names[0] in found:
            return None
        found[names[0]] = path
    if not all(deck_id in found for deck_id in ids):
        return None
    return [found[deck_id] for deck_id in dict.fromkeys(ids)]


def _source_files(folder: Path) -> list[Path]:
    shown = display_path(folder)
    try:
        if not folder.exists():
            raise DeckError([Problem(shown, None, "", "map met bronnen bestaat niet")])
        if not folder.is_dir():
            message = "is geen map; geef de map met bronbestanden (.yaml, .csv of .xlsx)"
            raise DeckError([Problem(shown, None, "", message)])
        entries = list(folder.iterdir())
    except OSError as error:
        raise DeckError([Problem(shown, None, "", f"kan de map niet lezen ({os_reason(error)})")]) from None
    paths = sorted(p for p in entries if p.suffix.lower() in SOURCE_SUFFIXES and not p.name.startswith("."))
    if not paths:
        raise DeckError([Problem(shown, None, "", "map bevat geen bronbestanden (.yaml, .csv of .xlsx)")])
    if len(paths) > MAX_SOURCE_FILES:
        raise DeckError(
            [Problem(shown, None, "", f"te veel bronbestanden ({len(paths)}, hoogstens {MAX_SOURCE_FILES})")]
        )
    return paths

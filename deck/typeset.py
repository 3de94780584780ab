"""The one door to Typst: compilers per font set, fixed timestamps, data in as JSON, errors out
as DeckError. Layouts live in layouts/; a second pass (imposition) gets the first PDF beside it.

Data reaches a layout as a JSON file whose path is the one entry of sys.inputs ("data-file"),
never as markup. Why a file: Typst's caches are keyed by sys.inputs, so passing the data itself
there would make every compile start from nothing. With the path fixed for a compiler, the next
compile reuses all the layout the new data leaves unchanged: one edited card in `deck watch`
costs about 20 ms of Typst instead of 85.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import typst

from deck.errors import DeckError, Problem
from deck.output import reason
from deck.paths import bundled
from deck.style import PALETTE, STYLE

FONT = "Atkinson Hyperlegible"
DEFAULT_TIMESTAMP = datetime(2026, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Look:
    """How the output looks: deck's own calm style, or an organisation's brand kit."""

    font: str = FONT
    font_dirs: tuple[str, ...] = ()
    style: dict = field(default_factory=lambda: dict(STYLE))
    palette: tuple[str, ...] = tuple(PALETTE)
    logo: str | None = None  # absolute path of a PNG or SVG
    organisation: str | None = None
    footer: str | None = None
    heading_font: str | None = None

    def as_json(self) -> dict:
        return {"font": self.font, "style": self.style, "logo": self.logo, "organisation": self.organisation,
                "footer": self.footer, "heading-font": self.heading_font}


DEFAULT_LOOK = Look()
_local = threading.local()
_started = False  # Typst runs its own threads once it has compiled; after that, never fork


def forking_is_safe() -> bool:
    """A forked child inherits the parent's locks but not its threads: safe only before this
    process has compiled anything."""
    return not _started


@dataclass
class _Compiler:
    """A Typst compiler and the data file it reads."""

    typst: typst.Compiler
    data_file: Path  # this compiler's data, rewritten before every compile


def compiler(font_dirs: tuple[str, ...] = ()) -> _Compiler:
    """One compiler per thread and set of font folders (a compiler serves one compile at a
    time), kept for the process: fonts load once. Only the bundled and the brand's fonts are
    used, never the machine's."""
    global _started
    _started = True
    compilers = _local.__dict__.setdefault("compilers", {})
    if font_dirs not in compilers:
        paths = [str(bundled("layouts") / "fonts"), *font_dirs]
        handle, data_file = tempfile.mkstemp(dir=scratch_folder(), prefix="data-", suffix=".json")
        os.close(handle)
        with _timed():  # Typst reading its fonts
            made = typst.Compiler(font_paths=paths, ignore_system_fonts=True)
        compilers[font_dirs] = _Compiler(made, Path(data_file))
    return compilers[font_dirs]


_scratch: Path | None = None


def scratch_folder() -> Path:
    """A private folder for the data files, removed when the process that made it ends. deck
    build makes it before forking its second process, so that one's files go when the build ends."""
    global _scratch
    if _scratch is None:
        try:
            _scratch = Path(tempfile.mkdtemp(prefix="deck-"))
        except OSError as error:
            raise _no_scratch(error) from None
        atexit.register(shutil.rmtree, _scratch, ignore_errors=True)
    return _scratch


def _no_scratch(error: OSError) -> DeckError:
    return DeckError([Problem(tempfile.gettempdir(), None, "",
                              f"kan de gegevens voor Typst niet in de tijdelijke map zetten ({reason(error)})")])


def timestamp() -> datetime:
    """Fixed, so the same input gives the same bytes; SOURCE_DATE_EPOCH overrides it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), timezone.utc) if epoch and epoch.isdigit() else DEFAULT_TIMESTAMP


def encoded(data: dict) -> str:
    """A layout's data as typeset() takes it ready-made: JSON, encoded while Typst is busy elsewhere."""
    return json.dumps(data, ensure_ascii=False)


def typeset(layout: str, data: dict | str, look: Look = DEFAULT_LOOK, what: str = "", **options) -> bytes | list[bytes]:
    """Compile layouts/<layout> with data (a dict, or one already encoded). The root is '/', so a
    brand's logo can be read wherever it was prepared; the layouts read nothing else but their
    data file."""
    entry = bundled("layouts") / layout
    try:
        chosen = compiler(look.font_dirs)
        chosen.data_file.write_text(data if isinstance(data, str) else encoded(data), encoding="utf-8")
    except OSError as error:
        raise _no_scratch(error) from None
    with _compiling(what or layout):
        return chosen.typst.compile(input=str(entry), root="/", timestamp=timestamp(),
                                    sys_inputs={"data-file": str(chosen.data_file)}, **options)


def query(label: str, look: Look = DEFAULT_LOOK, one: bool = False):
    """Values of the metadata with this label in the document compiled last with this look."""
    with _timed():
        text = compiler(look.font_dirs).typst.query(label, field="value", one=one)
    return json.loads(text) if text else ([] if not one else None)


@contextmanager
def _compiling(what: str):
    """A compile, timed; Typst's errors become one DeckError naming what was being made."""
    try:
        with _timed():
            yield
    except typst.TypstError as error:
        raise DeckError([Problem(what, None, "", f"opmaak mislukt in Typst: {error.message}")]) from None


@contextmanager
def _timed():
    """With DECK_TYPST_LOG set (bench/run.py does), every call into Typst appends its wall and
    CPU seconds to that file, from every process, so the benchmark can tell Typst's share."""
    log = os.environ.get("DECK_TYPST_LOG")
    if not log:
        yield
        return
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        line = f"{time.perf_counter() - wall:.6f} {time.process_time() - cpu:.6f}\n"
        with open(log, "a", encoding="ascii") as file:
            file.write(line)


def second_pass(layout: str, first: bytes, name: str, data: dict, look: Look = DEFAULT_LOOK, what: str = "",
                helpers: tuple[str, ...] = ()) -> bytes:
    """Compile a layout that places the pages of `first` (saved beside it as `name`); the layout
    files it imports (`helpers`) are copied beside it too."""
    with tempfile.TemporaryDirectory(prefix="deck-") as folder:
        folder = Path(folder)
        (folder / name).write_bytes(first)
        (folder / "data.json").write_text(json.dumps(data), encoding="utf-8")
        (folder / "main.typ").write_bytes((bundled("layouts") / layout).read_bytes())
        for helper in helpers:
            (folder / helper).write_bytes((bundled("layouts") / helper).read_bytes())
        with _compiling(what or layout):
            return compiler(look.font_dirs).typst.compile(input=str(folder / "main.typ"), root=str(folder),
                                                          sys_inputs={"data-file": "/data.json"}, timestamp=timestamp())

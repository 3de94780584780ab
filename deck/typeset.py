"""The one door to Typst: a layout function called with JSON data held in memory.

Every compile gets two files in memory: a two-line entry that imports the layout function and
calls it with `/data.json`, and that data. So the content of a build, a casus included, is never
written to disk for Typst. Content is never pasted into markup either: the entry names only a
layout file and a function, both constants of deck. Typst takes files in memory only as text;
what a layout places as an image (a brand's logo, the pages of a first pass) it reads from disk,
by absolute path, so the root is the file system's.

A Typst compiler given files in memory answers exactly one compile or query, so each gets a
compiler of its own. That costs nothing worth measuring: the fonts are loaded once per font
set, and Typst's caches are kept by the process, not the compiler, so an edited card in
`deck watch` is laid out again in about 15 ms.
"""

from __future__ import annotations

import functools
import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import typst

from deck import scratch
from deck.environment import source_date
from deck.errors import DeckError, Problem, display_path, os_reason
from deck.fonts import missing_characters
from deck.paths import bundled
from deck.style import DEFAULT_LOOK, Look

DEFAULT_TIMESTAMP = datetime(2026, 1, 1, tzinfo=UTC)

_started = False  # Typst runs threads of its own once it has loaded fonts: a fork is unsafe after that


def forking_is_safe() -> bool:
    """A forked child inherits the parent's locks but not its threads: safe only before this
    process has used Typst."""
    return not _started


def inputs(layout: str, data: dict) -> dict[str, bytes]:
    """The files of one compile: layout is 'file.typ:function' in layouts/; data becomes /data.json."""
    module, function = layout.split(":")
    path = (bundled("layouts") / module).as_posix()
    entry = f'#import "{path}": {function}\n#{function}(..json("/data.json"))\n'
    return {"main.typ": entry.encode(), "data.json": json.dumps(data, ensure_ascii=False).encode()}


def compile(
    files: dict, look: Look = DEFAULT_LOOK, what: str = "", cmyk: bool = False, **options
) -> bytes | list[bytes]:
    """The document as PDF, or as PNG or SVG pages (format=, ppi=), with a fixed date. With `cmyk`
    the layouts' own colours (common.typ) are CMYK, for a print shop."""
    with _reporting(what):
        return _compiler(files, look, what, cmyk).compile(timestamp=timestamp(), **options)


def query(files: dict, label: str, look: Look = DEFAULT_LOOK, what: str = "", cmyk: bool = False) -> list:
    """The values of every `metadata` with this label in the document."""
    with _reporting(what):
        text = _compiler(files, look, what, cmyk).query(label, field="value")
    return json.loads(text)


def _compiler(files: dict, look: Look, what: str, cmyk: bool = False) -> typst.Compiler:
    check_characters(files["data.json"].decode(), look, what)
    colours = {"kleuren": "cmyk"} if cmyk else {}
    return typst.Compiler(input=files, root="/", font_paths=_fonts(look.font_dirs), sys_inputs=colours)


def check_characters(text: str, look: Look, what: str) -> None:
    """Typst takes another font for a character its font lacks, without a word: every character
    that is to be printed must be in the font (checked on the very data a layout gets)."""
    missing = missing_characters(look.font, look.font_dirs, text)
    if missing:
        shown = " ".join(missing[:20]) + (" …" if len(missing) > 20 else "")
        count = "1 teken dat" if len(missing) == 1 else f"{len(missing)} tekens die"
        message = (
            f"het lettertype {look.font} mist {count} gedrukt zou{'' if len(missing) == 1 else 'den'} worden: {shown}"
        )
        raise DeckError([Problem(what, None, "", message)])


@functools.cache
def _fonts(font_dirs: tuple[str, ...]) -> typst.Fonts:
    """The bundled fonts and a brand's, never the machine's, loaded once per process."""
    global _started
    _started = True
    folders = [str(bundled("layouts") / "fonts"), *font_dirs]
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=True, font_paths=folders)


class DoesNotFit(Exception):
    """A layout's report that its input does not fit (does-not-fit in layouts/werkblad.typ): one
    list of values per thing that does not fit, for the caller to name in a message."""

    def __init__(self, items: list[list[str]]):
        super().__init__(items)
        self.items = items


@contextmanager
def _reporting(what: str):
    """Typst's errors become one DeckError naming what was being made; a layout's report that
    its input does not fit becomes DoesNotFit."""
    try:
        yield
    except typst.TypstError as error:
        reported = re.search(r"deck-past-niet:([^\"]*)", error.message)
        if reported:
            raise DoesNotFit([item.split("|") for item in reported.group(1).split(";")]) from None
        raise DeckError([Problem(what, None, "", f"opmaak mislukt in Typst: {error.message}")]) from None


@contextmanager
def on_disk(name: str, data: bytes, what: str) -> Iterator[str]:
    """A file for a layout to place (the pages of a first pass) in a private folder that is
    removed when the compile is done; its absolute path. Never used for a casus."""
    try:
        with scratch.folder("opmaak") as folder:
            path = Path(folder) / name
            path.write_bytes(data)
            yield path.as_posix()
    except OSError as error:
        where = display_path(Path(tempfile.gettempdir()))
        raise DeckError(
            [Problem(where, None, what, f"kan geen tijdelijk bestand maken ({os_reason(error)})")]
        ) from None


def timestamp() -> datetime:
    """Fixed, so the same input gives the same bytes; SOURCE_DATE_EPOCH overrides it."""
    return source_date() or DEFAULT_TIMESTAMP

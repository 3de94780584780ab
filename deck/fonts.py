"""Fonts: which families a folder of font files holds and which characters they cover.

Typst takes another font, silently, for a character its font lacks; deck refuses that instead,
so every character the sources print is checked against the font before anything is set.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from deck.errors import Loc, Problem
from deck.load import YamlFile, input_problem
from deck.paths import bundled
from deck.schema import Record, fields_of
from deck.sources import Sources
from deck.style import Look

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
MAX_FONT_BYTES = 50_000_000
BUNDLED_COVERAGE = "dekking.json"  # in layouts/fonts: the code points of the bundled fonts


def font_families(folder: Path) -> dict[str, set[int]]:
    """Family name -> the Unicode code points its files cover, for every font file in folder."""
    families: dict[str, set[int]] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in FONT_SUFFIXES or input_problem(path, MAX_FONT_BYTES):
            continue  # only regular files of a sane size (the brand kit names the others)
        stat = path.stat()
        for name, cmap in _read_font(path, stat.st_mtime_ns, stat.st_size):
            families.setdefault(name, set()).update(cmap)
    return families


@functools.lru_cache(maxsize=64)
def _read_font(path: Path, mtime: int, size: int) -> tuple[tuple[str, frozenset[int]], ...]:
    """The families in a font file and the code points they cover (cached per file version)."""

    try:
        return tuple(_families_in(path))
    except Exception:  # noqa: BLE001 - fontTools reports a damaged font in many ways: no font then
        return ()


def _families_in(path: Path) -> list[tuple[str, frozenset[int]]]:
    from fontTools.ttLib import TTCollection, TTFont

    if path.suffix.lower() in (".ttc", ".otc"):
        with TTCollection(str(path)) as collection:
            found = [(f["name"].getBestFamilyName(), frozenset(f.getBestCmap() or {})) for f in collection.fonts]
    else:
        with TTFont(str(path)) as font:
            found = [(font["name"].getBestFamilyName(), frozenset(font.getBestCmap() or {}))]
    return [(name, cmap) for name, cmap in found if isinstance(name, str) and name]  # a font without a name is none


def missing_characters(font: str, font_dirs: tuple[str, ...], text: str) -> list[str]:
    """The characters of text that the font (bundled, or in font_dirs) cannot show."""
    covered = _covered(font, font_dirs)
    return sorted(
        ch
        for ch in set(text)
        if ord(ch) not in covered and not ch.isspace() and ord(ch) >= 32 and ch not in "\u00ad\u200b"
    )


def unprintable(file: YamlFile, texts: Iterable[tuple[Loc, str]], look: Look) -> list[Problem]:
    """A problem, at its line, for every text with a character the look's fonts cannot set."""
    problems = []
    for loc, text in texts:
        missing: dict[str, str] = {}  # character -> the first font that lacks it
        for font in _fonts_of(look):
            for ch in missing_characters(font, look.font_dirs, text):
                missing.setdefault(ch, font)
        if missing:
            problems.append(file.problem(loc, _cannot_set(missing)))
    return problems


def _cannot_set(missing: dict[str, str]) -> str:
    shown = [f"'{ch}' (U+{ord(ch):04X})" for ch in sorted(missing)[:5]] + (["…"] if len(missing) > 5 else [])
    font = missing[min(missing)]
    one = len(missing) == 1
    listed = shown[0] if one else ", ".join(shown[:-1]) + " en " + shown[-1]
    return (
        f"het lettertype {font} kan {listed} niet zetten; laat {'dit teken' if one else 'deze tekens'} weg, "
        f"of gebruik een huisstijl met een lettertype dat {'het heeft' if one else 'ze heeft'}"
    )


def texts_at(value, loc: Loc = (), skip: tuple[str, ...] = ("aantekeningen",)) -> Iterator[tuple[Loc, str]]:
    """Every string of a validated record that can reach paper, with where it is in the file."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from texts_at(item, (*loc, index), skip)
    elif isinstance(value, Record):
        for name in fields_of(type(value)):
            if name not in skip:
                yield from texts_at(getattr(value, name), (*loc, name), skip)


def unprintable_sources(sources: Sources, look: Look) -> list[Problem]:
    """The sources' texts with a character the fonts lack, each at its file, line and field."""
    problems = []
    for doc_id, document in sources.documents.items():
        if any(missing_characters(font, look.font_dirs, printed_text([document])) for font in _fonts_of(look)):
            problems += unprintable(sources.located(doc_id), texts_at(document), look)
    return problems


def _fonts_of(look: Look) -> tuple[str, ...]:
    return tuple(dict.fromkeys(font for font in (look.font, look.heading_font) if font))


def printed_text(documents: Iterable[Record]) -> str:
    """Every string of validated documents that can reach paper (transcription notes never do)."""
    return "\n".join(text for document in documents for text in _texts(document))


@functools.cache
def _covered(font: str, font_dirs: tuple[str, ...]) -> frozenset[int]:
    covered: set[int] = set()
    for folder in [str(bundled("layouts") / "fonts"), *font_dirs]:
        covered |= _coverage(Path(folder)).get(font, set())
    return frozenset(covered)


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _texts(item)]
    if isinstance(value, Record):
        return [
            text for name in fields_of(type(value)) if name != "aantekeningen" for text in _texts(getattr(value, name))
        ]
    return []


def _coverage(folder: Path) -> dict[str, set[int]]:
    """Font coverage of a folder: read from its dekking.json when it has one (the bundled
    fonts: reading four fonts with fontTools costs more than a whole card deck), else measured."""
    precomputed = folder / BUNDLED_COVERAGE
    if precomputed.is_file():
        data = json.loads(precomputed.read_text(encoding="utf-8"))
        return {
            family: {cp for start, end in ranges for cp in range(start, end + 1)} for family, ranges in data.items()
        }
    return font_families(folder)


def coverage_ranges(folder: Path) -> dict[str, list[list[int]]]:
    """What dekking.json holds: per family the covered code points as [first, last] ranges."""
    result = {}
    for family, points in sorted(font_families(folder).items()):
        ranges: list[list[int]] = []
        for cp in sorted(points):
            if ranges and cp == ranges[-1][1] + 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
        result[family] = ranges
    return result

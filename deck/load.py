"""Stage 1: read one YAML file into plain Python data, remembering the line of every value.

Safety comes first: the file is size-checked before parsing and decoded as strict UTF-8; the
parser (deck/parser.py) uses the safe loader and refuses anchors and aliases (the vehicle of
"billion laughs" bombs), duplicate keys, absurd nesting and invisible control characters.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from deck.errors import Loc, Problem, describe_loc, display_path, dutch_number, line_of, os_reason

MAX_FILE_BYTES = 2_000_000


class YamlFile:
    """Parsed content plus the line of each value, keyed by its location (keys and list indexes)."""

    def __init__(self, path: Path, data: Any = None, lines: dict[Loc, int] | None = None, warnings=()):
        self.path, self.data, self.lines = path, data, lines or {}
        self.warnings: list[Problem] = list(warnings)  # said each time the file is used (errors.warn)

    @property
    def shown(self) -> str:
        return display_path(self.path)

    def line_of(self, loc: Loc) -> int:
        """Line of the value at loc, or of the nearest enclosing value that exists."""
        return line_of(self.lines, loc)

    def problem(self, loc: Loc, message: str) -> Problem:
        """A problem with the value at loc, naming the file, its line and the field."""
        return Problem(self.shown, self.line_of(loc), describe_loc(loc), message)


def read_yaml(path: Path) -> tuple[YamlFile, list[Problem]]:
    """Parse path. Returns the file and its problems; data is None when it could not be read."""
    # The parser is imported here: a start whose sources all come from the cache (deck/sources.py)
    # parses nothing, and PyYAML's import is 10 ms of it.
    from deck.parser import parse

    result = YamlFile(path)
    text, problem = _read_text(path)
    if problem:
        return result, [Problem(result.shown, problem[0], "", problem[1])]
    result.data, result.lines, problems, result.warnings = parse(text, result.shown)
    return result, problems


def input_problem(path: Path, most_bytes: int) -> str | None:
    """Why path cannot be read as an input file, or None. Only a regular file of at most most_bytes
    is read: a pipe, a device or /dev/zero under a file's name would hang deck or fill its memory."""
    try:
        info = path.stat()  # through links: a link to a regular file is one
    except FileNotFoundError:
        return "is een koppeling naar een bestand dat niet bestaat" if path.is_symlink() else "bestand bestaat niet"
    except OSError as error:
        return f"kan het bestand niet lezen ({os_reason(error)})"
    if stat.S_ISDIR(info.st_mode):
        return "is een map, geen bestand"
    if not stat.S_ISREG(info.st_mode):
        return "is geen gewoon bestand (maar een pijp, een apparaat of een socket)"
    if info.st_size > most_bytes:
        return f"bestand is te groot ({dutch_number(info.st_size)} bytes, hoogstens {dutch_number(most_bytes)})"
    if not os.access(path, os.R_OK):
        return "kan het bestand niet lezen (geen toegang)"
    return None


def _read_text(path: Path) -> tuple[str | None, tuple[int | None, str] | None]:
    """The file's text, or (line, message) for why it cannot be read as UTF-8 text of a sane size."""
    problem = input_problem(path, MAX_FILE_BYTES)
    if problem:
        return None, (None, problem)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, (None, f"kan het bestand niet lezen ({os_reason(error)})")
    try:
        return raw.decode("utf-8").removeprefix("\ufeff"), None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, (line, "bestand is geen UTF-8; sla het op als UTF-8 (in Kladblok: Opslaan als > Codering: UTF-8)")

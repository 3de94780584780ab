"""The one error type users see: a list of problems, each pointing at file, line and field."""

from __future__ import annotations

import errno
import re
import warnings
from pathlib import Path
from typing import NamedTuple

import click

Loc = tuple[str | int, ...]  # where a value sits in a YAML file: keys and list positions from the top


def describe_loc(loc: Loc) -> str:
    """('kaarten', 2, 'tekst') -> 'kaarten[3].tekst': list positions counted from 1, as people count."""
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def line_of(lines: dict[Loc, int], loc: Loc) -> int:
    """Line of the value at loc, or of the nearest enclosing value that has one."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def dutch_number(value: int) -> str:
    """12345 -> '12.345', as Dutch readers write it."""
    return f"{value:,}".replace(",", ".")


class Problem(NamedTuple):
    """One thing wrong with the input, worded for the person who has to fix it (in Dutch)."""

    path: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        place = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{place}: {self.field}: {self.message}" if self.field else f"{place}: {self.message}"


class DeckError(click.ClickException):
    """Bad input. Carries every problem found, so the user can fix them all in one go; Click
    shows each as an `Error:` line on stderr and ends with exit code 1."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems

    def show(self, file=None) -> None:
        for problem in self.problems:
            click.echo(printable(f"Fout: {problem}"), err=True)

    def __reduce__(self):  # so a worker process can report it
        return DeckError, (self.problems,)


class DeckWarning(UserWarning):
    """Something in the input that deck can work with but probably did not mean to (text lost
    after a #, a logo too coarse for a print shop): shown as a 'Let op:' line, never stopping."""


def warn(problem: Problem | str) -> None:
    warnings.warn(DeckWarning(str(problem)), stacklevel=2)


def display_path(path: Path) -> str:
    """A path as the user typed it: relative to the working directory when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # elsewhere, or a link that loops: as given
        return str(path)


_REASONS = {
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quotum) is op",
    errno.EACCES: "geen toegang",
    errno.EPERM: "geen toegang",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.ENOTDIR: "een deel van het pad is een bestand, geen map",
    errno.ENOENT: "een map in het pad bestaat niet en kan niet worden gemaakt",
    errno.EISDIR: "er staat een map met die naam",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.ELOOP: "de koppelingen verwijzen in een kring naar elkaar",
    errno.EEXIST: "er staat al iets met die naam",
    errno.EIO: "de schijf geeft een leesfout",
    errno.EBUSY: "het bestand is in gebruik",
}


def os_reason(error: OSError) -> str:
    """An operating-system error in Dutch; one deck has no words for by its code (EIO, ...)."""
    return _REASONS.get(error.errno) or f"systeemfout {errno.errorcode.get(error.errno, error.errno)}"


MAX_TEXT_CHARS = 20_000
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Unicode category Cc, except tab and newline


def text_problem(value: str) -> str | None:
    """What is wrong with a text from any source file: too long, or an invisible control character."""
    if len(value) > MAX_TEXT_CHARS:
        return f"tekst is te lang ({dutch_number(len(value))} tekens, hoogstens {dutch_number(MAX_TEXT_CHARS)})"
    control = _CONTROL.search(value)
    if control:
        return f"bevat een onzichtbaar stuurteken (U+{ord(control.group()):04X}); verwijder het"
    return None


# Characters that would act on the terminal instead of being shown: control characters (an
# escape sequence can colour, move or erase a line; a newline can fake a line of its own) and
# the marks that reorder text from right to left.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text for the terminal, with every such character written out as its code: \\x1b, \\u202e."""
    return _UNSAFE.sub(_code, text)


def _code(found: re.Match) -> str:
    number = ord(found.group())
    return f"\\x{number:02x}" if number < 0x100 else f"\\u{number:04x}"

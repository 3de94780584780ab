"""Records: parsed YAML checked against a class's annotations, every problem worded in Dutch
where it is found.

A record class names its fields as annotations, with a default where the field may be left out:

    class Kaart(Record):
        tekst: Tekst                      # Annotated[str, not_blank]
        toelichting: Tekst | None = None
        nummer: Annotated[int, Range(1)] = 1

Types are YAML's own, strictly (no conversion): str, int (not bool), bool, Any, Literal[...],
list[T], `T | None` and nested records. The extras of `Annotated[...]` are checks: callables
that take the value and return it, or raise ValueError with the message to report (Range and
Length are two). A record may also have a `problems()` method for checks across its fields, run
once every field is valid. Unknown keys are refused, naming the allowed ones. Every problem in a
document is collected, as (location, message), not just the first.
"""

from __future__ import annotations

import copy
import datetime
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from deck.errors import DeckError, Loc, Problem, dutch_number, warn
from deck.load import YamlFile, read_yaml

Problems = list[tuple[Loc, str]]  # (where, message): where is a location in the file, as load.py has it

INVALID = object()  # what a check returns after it reported a problem


class Record:
    """A mapping whose keys are the class's annotated fields, checked on the way in."""

    def __init__(self, **data: Any):
        found: Problems = []
        record = _checker(type(self))(data, (), found)
        if found:
            raise ValueError("; ".join(f"{'.'.join(map(str, loc))}: {message}" for loc, message in found))
        self.__dict__.update(record.__dict__)

    def problems(self) -> Problems:
        """Checks across fields, once each field is valid: (location within the record, message)."""
        return []

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    __hash__ = None  # mutable

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({shown})"


def validate(record: type[Record], data: Any) -> tuple[Record | None, Problems]:
    """data checked as a record: the record, or None and every problem found."""
    found: Problems = []
    result = _checker(record)(data, (), found)
    return (None, found) if found else (result, [])


def check_file(file: YamlFile, record: type[Record]) -> tuple[Record | None, list[Problem]]:
    """Parsed YAML checked as a record; every problem a Dutch line with file, line and field."""
    result, found = validate(record, file.data)
    problems = [file.problem(loc, message) for loc, message in found]
    return result, sorted(problems, key=lambda problem: problem.line or 0)


def read_record(path: Path, record: type[Record], fields: str) -> tuple[YamlFile, Record]:
    """Read and check a YAML file of one record kind (casus, plan, brand kit); raises DeckError
    with every problem. `fields` names a few of its fields for the message about a non-mapping."""
    file, problems = read_yaml(path)
    if not problems and not isinstance(file.data, dict):
        problems = [Problem(file.shown, 1, "", f"het bestand moet velden bevatten ({fields}, ...)")]
    if not problems:
        result, problems = check_file(file, record)
    if problems:
        raise DeckError(problems)
    for warning in file.warnings:
        warn(warning)
    return file, result


class Range(NamedTuple):
    """A number from `low` up to `high`, both included."""

    low: int | None = None
    high: int | None = None

    def __call__(self, value: int) -> int:
        if self.low is not None and value < self.low:
            raise ValueError(f"moet minstens {self.low} zijn")
        if self.high is not None and value > self.high:
            raise ValueError(f"mag hoogstens {self.high} zijn")
        return value


class Length(NamedTuple):
    """A list with at least `low` and at most `high` items."""

    low: int = 0
    high: int | None = None

    def __call__(self, value: list) -> list:
        if len(value) < self.low:
            raise ValueError("mag niet leeg zijn" if self.low == 1 else f"moet minstens {self.low} waarden hebben")
        if self.high is not None and len(value) > self.high:
            raise ValueError(f"mag hoogstens {self.high} waarden hebben")
        return value


class Chars(NamedTuple):
    """A text of at most `high` characters: what fits where it is printed."""

    high: int

    def __call__(self, value: str) -> str:
        if isinstance(value, str) and len(value) > self.high:
            raise ValueError(f"is te lang ({dutch_number(len(value))} tekens, hoogstens {dutch_number(self.high)})")
        return value


class Field(NamedTuple):
    """A record's field: how its value is checked, and its default when it may be left out."""

    check: Callable[[Any, Loc, Problems], Any]
    default: Any
    required: bool


_MISSING = object()
_IMMUTABLE = (str, int, float, bool, type(None), tuple, frozenset)  # defaults shared safely, not copied


def fields_of(record: type[Record]) -> dict[str, Field]:
    """The fields of a record class in declaration order, base classes first (worked out once)."""
    known = record.__dict__.get("_fields")
    if known is None:
        known = {}
        for name, annotation in typing.get_type_hints(record, include_extras=True).items():
            if name.startswith("_") or typing.get_origin(annotation) is typing.ClassVar:
                continue
            default = getattr(record, name, _MISSING)
            known[name] = Field(_compile(annotation), default, default is _MISSING)
        record._fields = known
    return known


def _checker(record: type[Record]):
    """The check for a record class (made once)."""
    known = record.__dict__.get("_check")
    if known is None:
        known = record._check = _record_check(record)
    return known


def _record_check(record: type[Record]):
    def check(value: Any, loc: Loc, found: Problems) -> Any:
        if not isinstance(value, dict):
            found.append((loc, _not_fields(value, fields_of(record))))
            return INVALID
        fields = fields_of(record)
        before = len(found)
        unknown = [key for key in value if key not in fields]
        close = _close_matcher() if unknown else None
        values = {}
        for name, field in fields.items():
            if name in value:
                values[name] = field.check(value[name], loc + (name,), found)
            elif not field.required:
                values[name] = field.default if isinstance(field.default, _IMMUTABLE) else copy.deepcopy(field.default)
            elif not any(close(str(key), [name], n=1) for key in unknown):
                found.append((loc + (name,), "ontbreekt (verplicht veld)"))  # unless it is just misspelled
        for key in unknown:
            guess = close(str(key), list(fields), n=1)
            hint = f"; bedoelt u '{guess[0]}'?" if guess else ""
            found.append((loc + (key,), f"onbekend veld{hint} (toegestaan: {', '.join(fields)})"))
        if len(found) > before:
            return INVALID
        result = object.__new__(record)
        result.__dict__.update(values)
        across = result.problems()
        found += [(loc + place, message) for place, message in across]
        return INVALID if across else result

    return check


def _close_matcher():
    """difflib's get_close_matches, imported only when there is an unknown key to find a guess for."""
    import difflib

    return difflib.get_close_matches


def _compile(annotation: Any):
    """The check for one annotation: (value, loc, found) -> the value, or INVALID."""
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if annotation is Any:
        return lambda value, loc, found: value
    if origin is typing.Annotated:
        return _with_checks(_compile(arguments[0]), annotation.__metadata__)
    if origin in (typing.Union, types.UnionType):
        others = [argument for argument in arguments if argument is not type(None)]
        if len(others) != 1 or len(arguments) != 2:
            raise TypeError(f"only 'T | None' unions are supported, not {annotation}")
        inner = _compile(others[0])
        return lambda value, loc, found: None if value is None else inner(value, loc, found)
    if origin is typing.Literal:
        return _literal(arguments)
    if origin is list:
        return _list(_compile(arguments[0]))
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return lambda value, loc, found: _checker(annotation)(value, loc, found)  # looked up late: it may recurse
    if annotation in _EXPECTED:
        return _plain(annotation)
    raise TypeError(f"unsupported annotation {annotation!r}")


_EXPECTED = {str: "tekst", int: "een geheel getal", bool: "true of false"}


def _plain(kind: type):
    def check(value, loc, found):
        if type(value) is kind:
            return value
        quote = "; zet de tekst tussen aanhalingstekens" if kind is str and _is_plain_scalar(value) else ""
        found.append((loc, f"moet {_EXPECTED[kind]} zijn, gevonden: {_kind_of(value)}{quote}"))
        return INVALID

    return check


def _with_checks(inner, checks: tuple):
    def check(value, loc, found):
        value = inner(value, loc, found)
        for step in checks:
            if value is INVALID:
                break
            try:
                value = step(value)
            except ValueError as error:
                found.append((loc, str(error)))
                return INVALID
        return value

    return check


def _literal(allowed: tuple):
    shown = ", ".join(repr(value) for value in allowed)

    def check(value, loc, found):
        if any(type(value) is type(option) and value == option for option in allowed):
            return value
        found.append((loc, f"moet een van deze waarden zijn: {shown}"))
        return INVALID

    return check


def _list(item):
    def check(value, loc, found):
        if type(value) is not list:
            found.append((loc, f"moet een lijst (regels met '- ') zijn, gevonden: {_kind_of(value)}"))
            return INVALID
        before = len(found)
        items = [item(element, loc + (index,), found) for index, element in enumerate(value)]
        return INVALID if len(found) > before else items

    return check


def _not_fields(value: Any, fields: dict) -> str:
    """Fields were expected: a text that starts with a field name lacks its colon."""
    if isinstance(value, str):
        name, _, rest = value.partition(" ")
        if name in fields and rest:
            return f"de dubbele punt ontbreekt na '{name}': schrijf {name}: {rest}"
    return f"moet velden (naam: waarde) zijn, gevonden: {_kind_of(value)}"


def _is_plain_scalar(value: Any) -> bool:
    """A value YAML read as something other than text (ja/nee, a number, a date) that was meant as text."""
    return isinstance(value, (bool, int, float, datetime.date))


def _kind_of(value: Any) -> str:
    """What a YAML value is, in the words of the messages."""
    if value is None:
        return "niets (leeg)"
    if isinstance(value, bool):
        return "ja/nee"
    if isinstance(value, (int, float)):
        return "een getal"
    if isinstance(value, datetime.datetime):
        return "een datum met tijd"
    if isinstance(value, datetime.date):
        return "een datum"
    return {str: "tekst", list: "een lijst", dict: "velden"}.get(type(value), "een waarde die deck niet kent")

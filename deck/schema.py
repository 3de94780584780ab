"""Strict records checked against their type annotations: the small part of pydantic's API that
deck's content model uses (`Strict`, `Field`, `AfterValidator`, `model_validator`).

Written here instead of depending on pydantic because building pydantic's schemas for deck's
forty-odd classes took about a quarter of a second at every start, more than half of what
`deck` spends outside Typst. Problems are reported as pydantic does (a dict with type, loc,
ctx, input, msg), so deck/model.py turns them into Dutch lines in one place.

What is checked, strictly, with no conversion: str, int (not bool), bool, Any, Literal[...],
list[T], `T | None`, nested records, unknown keys (refused), `Field(ge, le, min_length,
max_length)` and `AfterValidator(function)` in `Annotated[...]`, and `@model_validator(mode="after")`
methods. Every problem in a document is collected, not just the first.
"""

from __future__ import annotations

import copy
import types
import typing
from dataclasses import dataclass
from typing import Any, Callable

INVALID = object()  # what a check returns when it reported a problem


@dataclass(frozen=True)
class Field:
    """Limits on a field's value, as pydantic's Field has them."""

    ge: int | None = None
    le: int | None = None
    min_length: int | None = None
    max_length: int | None = None


@dataclass(frozen=True)
class AfterValidator:
    """A function run on a value once its type is right; it returns the value to keep, or raises
    ValueError with the message to report."""

    function: Callable[[Any], Any]


def model_validator(mode: str):
    """Mark a method that checks a whole record once all its fields are valid."""
    assert mode == "after", "only mode='after' is supported"

    def mark(method):
        method._checks_record = True
        return method

    return mark


class ValidationError(Exception):
    def __init__(self, details: list[dict]):
        super().__init__(f"{len(details)} problem(s): {details}")
        self.details = details

    def errors(self) -> list[dict]:
        return self.details


@dataclass(frozen=True)
class FieldSpec:
    """A record's field: its annotation, its default, and whether it must be given."""

    annotation: Any
    default: Any
    required: bool


Check = Callable[[Any, tuple, list], Any]  # (value, loc, problems) -> value or INVALID
_MISSING = object()
_IMMUTABLE = (str, int, float, bool, type(None), tuple, frozenset)  # defaults shared safely, not copied


class Strict:
    """A record whose fields are its annotations; unknown keys are refused."""

    def __init__(self, **data: Any):
        self.__dict__.update(type(self).model_validate(data).__dict__)

    @classmethod
    def model_validate(cls, data: Any):
        problems: list[dict] = []
        result = _check_for(cls)(data, (), problems)
        if problems:
            raise ValidationError(problems)
        return result

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.__dict__ == self.__dict__

    __hash__ = None  # mutable, like pydantic's models

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({shown})"


def fields_of(record: type[Strict]) -> dict[str, FieldSpec]:
    """The fields of a record class in declaration order, base classes first."""
    cached = record.__dict__.get("_fields")
    if cached is None:
        hints = typing.get_type_hints(record, include_extras=True)
        cached = {}
        for name, annotation in hints.items():
            if name.startswith("_") or typing.get_origin(annotation) is typing.ClassVar:
                continue
            default = getattr(record, name, _MISSING)
            cached[name] = FieldSpec(annotation, default, default is _MISSING)
        record._fields = cached
    return cached


def _record_values(record: type[Strict], data: dict, loc: tuple, problems: list[dict]) -> dict:
    checks = _field_checks(record)
    values, before = {}, len(problems)
    for name, spec in fields_of(record).items():
        if name in data:
            values[name] = checks[name](data[name], loc + (name,), problems)
        elif spec.required:
            problems.append(_detail("missing", loc + (name,), data, "Field required"))
        else:
            values[name] = spec.default if isinstance(spec.default, _IMMUTABLE) else copy.deepcopy(spec.default)
    for key in data:
        if key not in checks:
            problems.append(_detail("extra_forbidden", loc + (key,), data[key], "Extra inputs are not permitted"))
    if len(problems) > before:
        return {}
    return values


def _field_checks(record: type[Strict]) -> dict[str, Check]:
    cached = record.__dict__.get("_checks")
    if cached is None:
        cached = {name: _compile(spec.annotation) for name, spec in fields_of(record).items()}
        record._checks = cached
    return cached


def _check_for(record: type[Strict]) -> Check:
    cached = record.__dict__.get("_check")
    if cached is None:
        cached = _record_check(record)
        record._check = cached
    return cached


def _record_check(record: type[Strict]) -> Check:
    after = [method for name in dir(record) if getattr(method := getattr(record, name, None), "_checks_record", False)]

    def check(value, loc, problems):
        if not isinstance(value, dict):
            problems.append(_detail("model_type", loc, value, "Input should be a valid dictionary or instance"))
            return INVALID
        before = len(problems)
        values = _record_values(record, value, loc, problems)
        if len(problems) > before:
            return INVALID
        result = object.__new__(record)
        result.__dict__.update(values)
        for method in after:
            try:
                method(result)
            except ValueError as error:
                problems.append(_detail("value_error", loc, value, f"Value error, {error}", {"error": error}))
                return INVALID
        return result

    return check


_TYPES = {
    str: ("string_type", "Input should be a valid string"),
    int: ("int_type", "Input should be a valid integer"),
    bool: ("bool_type", "Input should be a valid boolean"),
}


def _compile(annotation: Any) -> Check:
    """The check for one annotation, built once per field."""
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if annotation is Any:
        return lambda value, loc, problems: value
    if origin is typing.Annotated:
        return _annotated(_compile(arguments[0]), annotation.__metadata__)
    if origin in (typing.Union, types.UnionType):
        others = [argument for argument in arguments if argument is not type(None)]
        if len(others) != 1 or len(arguments) != 2:
            raise TypeError(f"only 'T | None' unions are supported, not {annotation}")
        inner = _compile(others[0])
        return lambda value, loc, problems: None if value is None else inner(value, loc, problems)
    if origin is typing.Literal:
        return _literal(arguments)
    if origin is list:
        return _list(_compile(arguments[0]))
    if isinstance(annotation, type) and issubclass(annotation, Strict):
        return _check_for(annotation)
    if annotation in _TYPES:
        kind, message = _TYPES[annotation]

        def check(value, loc, problems):
            if type(value) is annotation:
                return value
            problems.append(_detail(kind, loc, value, message))
            return INVALID

        return check
    raise TypeError(f"unsupported annotation {annotation!r}")


def _annotated(inner: Check, metadata: tuple) -> Check:
    def check(value, loc, problems):
        value = inner(value, loc, problems)
        for item in metadata:
            if value is INVALID:
                return INVALID
            if isinstance(item, Field):
                value = _constrain(item, value, loc, problems)
            elif isinstance(item, AfterValidator):
                try:
                    value = item.function(value)
                except ValueError as error:
                    problems.append(_detail("value_error", loc, value, f"Value error, {error}", {"error": error}))
                    return INVALID
        return value

    return check


def _constrain(limits: Field, value, loc: tuple, problems: list[dict]):
    if limits.ge is not None and value < limits.ge:
        problems.append(_detail("greater_than_equal", loc, value, f"Input should be >= {limits.ge}", {"ge": limits.ge}))
        return INVALID
    if limits.le is not None and value > limits.le:
        problems.append(_detail("less_than_equal", loc, value, f"Input should be <= {limits.le}", {"le": limits.le}))
        return INVALID
    if limits.min_length is not None and len(value) < limits.min_length:
        problems.append(_detail("too_short", loc, value, f"Should have at least {limits.min_length} items",
                                {"min_length": limits.min_length}))
        return INVALID
    if limits.max_length is not None and len(value) > limits.max_length:
        problems.append(_detail("too_long", loc, value, f"Should have at most {limits.max_length} items",
                                {"max_length": limits.max_length}))
        return INVALID
    return value


def _literal(allowed: tuple) -> Check:
    shown = [repr(value) for value in allowed]
    expected = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]

    def check(value, loc, problems):
        if any(type(value) is type(option) and value == option for option in allowed):
            return value
        problems.append(_detail("literal_error", loc, value, f"Input should be {expected}", {"expected": expected}))
        return INVALID

    return check


def _list(item: Check) -> Check:
    def check(value, loc, problems):
        if type(value) is not list:
            problems.append(_detail("list_type", loc, value, "Input should be a valid list"))
            return INVALID
        before = len(problems)
        items = [item(element, loc + (index,), problems) for index, element in enumerate(value)]
        return INVALID if len(problems) > before else items

    return check


def _detail(kind: str, loc: tuple, given: Any, message: str, ctx: dict | None = None) -> dict:
    detail = {"type": kind, "loc": loc, "input": given, "msg": message}
    if ctx:
        detail["ctx"] = ctx
    return detail

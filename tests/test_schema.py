"""deck/schema.py on its own: every kind of check, with the problems it reports."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import pytest

from deck.schema import AfterValidator, Field, Strict, ValidationError, fields_of, model_validator


def _upper(value: str) -> str:
    if not value.strip():
        raise ValueError("mag niet leeg zijn")
    return value.upper()


class Inner(Strict):
    naam: Annotated[str, AfterValidator(_upper)]
    aantal: Annotated[int, Field(ge=1, le=10)] = 1


class Outer(Strict):
    titel: str
    klaar: bool = False
    soort: Literal["a", "b", "c"] = "a"
    binnen: Inner | None = None
    lijst: Annotated[list[Inner], Field(min_length=1, max_length=2)]
    vrij: Any = None
    notities: list[str] = []

    @model_validator(mode="after")
    def _not_both(self) -> Outer:
        if self.klaar and self.binnen is None:
            raise ValueError("klaar hoort bij binnen")
        return self


def problems(data) -> list[tuple]:
    with pytest.raises(ValidationError) as raised:
        Outer.model_validate(data)
    return [(d["type"], d["loc"], d.get("ctx", {}).get("expected") or str(d.get("ctx", {}).get("error", ""))) for d in raised.value.errors()]


def test_valid_data_becomes_records_with_defaults_and_transformed_values():
    outer = Outer.model_validate({"titel": "t", "lijst": [{"naam": "x"}], "vrij": {"iets": [1]}})
    assert (outer.titel, outer.klaar, outer.soort, outer.binnen, outer.vrij) == ("t", False, "a", None, {"iets": [1]})
    assert outer.lijst == [Inner(naam="x")] and outer.lijst[0].naam == "X" and outer.lijst[0].aantal == 1
    assert list(fields_of(Outer)) == ["titel", "klaar", "soort", "binnen", "lijst", "vrij", "notities"]


def test_mutable_defaults_are_not_shared():
    first = Outer.model_validate({"titel": "t", "lijst": [{"naam": "x"}]})
    first.notities.append("n")
    assert Outer.model_validate({"titel": "t", "lijst": [{"naam": "x"}]}).notities == []


def test_types_are_strict_no_conversion():
    assert problems({"titel": 3, "klaar": "ja", "lijst": {"naam": "x"}}) == [
        ("string_type", ("titel",), ""), ("bool_type", ("klaar",), ""), ("list_type", ("lijst",), "")]
    assert problems({"titel": "t", "lijst": [{"naam": "x", "aantal": True}]}) == [("int_type", ("lijst", 0, "aantal"), "")]
    assert problems({"titel": "t", "lijst": [{"naam": "x", "aantal": 2.0}]}) == [("int_type", ("lijst", 0, "aantal"), "")]


def test_every_problem_is_collected_with_its_place():
    found = problems({"lijst": [{"naam": " "}, "x", {"naam": "y", "aantal": 11, "extra": 1}], "soort": "d", "binnen": []})
    assert found == [
        ("missing", ("titel",), ""),
        ("literal_error", ("soort",), "'a', 'b' or 'c'"),
        ("model_type", ("binnen",), ""),
        ("value_error", ("lijst", 0, "naam"), "mag niet leeg zijn"),
        ("model_type", ("lijst", 1), ""),
        ("less_than_equal", ("lijst", 2, "aantal"), ""),
        ("extra_forbidden", ("lijst", 2, "extra"), ""),
    ]


def test_length_limits_and_the_record_check():
    assert problems({"titel": "t", "lijst": []}) == [("too_short", ("lijst",), "")]
    assert problems({"titel": "t", "lijst": [{"naam": "x"}] * 3}) == [("too_long", ("lijst",), "")]
    assert problems({"titel": "t", "klaar": True, "lijst": [{"naam": "x"}]}) == [("value_error", (), "klaar hoort bij binnen")]


def test_constructing_a_record_checks_it_too():
    assert Inner(naam="a") == Inner(naam="a") != Inner(naam="b")
    with pytest.raises(ValidationError):
        Inner(naam="a", aantal=0)

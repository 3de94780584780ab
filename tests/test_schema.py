"""deck/schema.py on its own: every kind of check, with the Dutch problems it reports where it finds them."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

import pytest

from deck.schema import Length, Problems, Range, Record, fields_of, validate


def _upper(value: str) -> str:
    if not value.strip():
        raise ValueError("mag niet leeg zijn")
    return value.upper()


class Inner(Record):
    naam: Annotated[str, _upper]
    aantal: Annotated[int, Range(1, 10)] = 1


class Outer(Record):
    titel: str
    klaar: bool = False
    soort: Literal["a", "b", "c"] = "a"
    binnen: Inner | None = None
    lijst: Annotated[list[Inner], Length(1, 2)]
    vrij: Any = None
    notities: list[str] = []

    def problems(self) -> Problems:
        if self.klaar and self.binnen is None:
            return [(("klaar",), "hoort bij binnen")]
        return []


def problems(data) -> Problems:
    record, found = validate(Outer, data)
    assert record is None
    return found


def test_valid_data_becomes_records_with_defaults_and_transformed_values():
    outer, found = validate(Outer, {"titel": "t", "lijst": [{"naam": "x"}], "vrij": {"iets": [1]}})
    assert found == []
    assert (outer.titel, outer.klaar, outer.soort, outer.binnen, outer.vrij) == ("t", False, "a", None, {"iets": [1]})
    assert outer.lijst == [Inner(naam="x")] and outer.lijst[0].naam == "X" and outer.lijst[0].aantal == 1
    assert list(fields_of(Outer)) == ["titel", "klaar", "soort", "binnen", "lijst", "vrij", "notities"]


def test_mutable_defaults_are_not_shared():
    first, _ = validate(Outer, {"titel": "t", "lijst": [{"naam": "x"}]})
    first.notities.append("n")
    assert validate(Outer, {"titel": "t", "lijst": [{"naam": "x"}]})[0].notities == []


def test_types_are_strict_no_conversion_and_say_what_was_found():
    assert problems({"titel": 3, "klaar": "ja", "lijst": {"naam": "x"}}) == [
        (("titel",), "moet tekst zijn, gevonden: een getal; zet de tekst tussen aanhalingstekens"),
        (("klaar",), "moet true of false zijn, gevonden: tekst"),
        (("lijst",), "moet een lijst (regels met '- ') zijn, gevonden: velden"),
    ]
    for given, found in (
        (True, "ja/nee"),
        (2.0, "een getal"),
        (None, "niets (leeg)"),
        (datetime.date(2026, 3, 1), "een datum"),
        (datetime.datetime(2026, 3, 1, 9), "een datum met tijd"),
    ):
        assert problems({"titel": "t", "lijst": [{"naam": "x", "aantal": given}]}) == [
            (("lijst", 0, "aantal"), f"moet een geheel getal zijn, gevonden: {found}")
        ]


def test_every_problem_is_collected_with_its_place():
    found = problems(
        {"lijst": [{"naam": " "}, "x", {"naam": "y", "aantal": 11, "extra": 1}], "soort": "d", "binnen": []}
    )
    assert found == [
        (("titel",), "ontbreekt (verplicht veld)"),
        (("soort",), "moet een van deze waarden zijn: 'a', 'b', 'c'"),
        (("binnen",), "moet velden (naam: waarde) zijn, gevonden: een lijst"),
        (("lijst", 0, "naam"), "mag niet leeg zijn"),
        (("lijst", 1), "moet velden (naam: waarde) zijn, gevonden: tekst"),
        (("lijst", 2, "aantal"), "mag hoogstens 10 zijn"),
        (("lijst", 2, "extra"), "onbekend veld (toegestaan: naam, aantal)"),
    ]


def test_a_misspelled_field_is_one_problem_with_a_guess_not_two():
    assert problems({"titl": "t", "lijst": [{"naam": "x"}]}) == [
        (
            ("titl",),
            "onbekend veld; bedoelt u 'titel'? (toegestaan: titel, klaar, soort, binnen, lijst, vrij, notities)",
        )
    ]


def test_length_limits_and_the_check_across_fields():
    assert problems({"titel": "t", "lijst": []}) == [(("lijst",), "mag niet leeg zijn")]
    assert problems({"titel": "t", "lijst": [{"naam": "x"}] * 3}) == [(("lijst",), "mag hoogstens 2 waarden hebben")]
    assert problems({"titel": "t", "klaar": True, "lijst": [{"naam": "x"}]}) == [(("klaar",), "hoort bij binnen")]
    with pytest.raises(ValueError, match="moet minstens 2 waarden hebben"):
        Length(2)([1])
    with pytest.raises(ValueError, match="moet minstens 1 zijn"):
        Range(1)(0)


def test_constructing_a_record_checks_it_too():
    assert Inner(naam="a") == Inner(naam="a") != Inner(naam="b")
    with pytest.raises(ValueError, match="aantal: moet minstens 1 zijn"):
        Inner(naam="a", aantal=0)

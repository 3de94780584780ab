"""Spanningsvelden: tensions between two poles, with reflection questions and quotes (soort: spanningsvelden)."""

from typing import Annotated, Literal

from deck.model.common import Blokken, Document, Nummer, Tekst, duplicates
from deck.schema import Length, Problems, Record


class Vragenblok(Record):
    kop: Tekst | None = None
    vragen: Annotated[list[Tekst], Length(1)]


class Citaat(Record):
    tekst: Tekst
    kop: Tekst | None = None


class Spanningsveld(Record):
    nummer: Nummer
    titel: Tekst
    polen: Annotated[list[Tekst], Length(2, 2)]
    beschrijving: Blokken = []
    reflectievragen: Annotated[list[Vragenblok], Length(1)]
    citaten_kop: Tekst | None = None
    citaten: list[Citaat] = []

    @property
    def vragen(self) -> list[str]:
        return [vraag for blok in self.reflectievragen for vraag in blok.vragen]


class Spanningsvelden(Document):
    soort: Literal["spanningsvelden"]
    algemene_reflectievragen: Vragenblok | None = None
    spanningsvelden: Annotated[list[Spanningsveld], Length(1)]

    def problems(self) -> Problems:
        return duplicates(self.spanningsvelden, "nummer", ("spanningsvelden",))

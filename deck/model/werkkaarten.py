"""Werkkaarten: work cards with running text; werkkaart 8 with phases, sub-categories and quotes
(soort: werkkaarten)."""

from typing import Annotated, Literal

from deck.model.common import Blokken, Document, Nummer, Tekst, duplicates
from deck.schema import Length, Problems, Record


class Stem(Record):
    wie: Tekst
    tekst: Tekst


class Dialoog(Record):
    inleiding: Tekst | None = None
    stemmen: Annotated[list[Stem], Length(1)]


class Subcategorie(Record):
    titel: Tekst
    citaten: Annotated[list[Tekst], Length(1)]
    dialogen: list[Dialoog] = []


class Fase(Record):
    nummer: Nummer
    titel: Tekst
    subcategorieen: Annotated[list[Subcategorie], Length(1)]


class Werkkaart(Record):
    nummer: Nummer
    titel: Tekst
    inhoud: Annotated[Blokken, Length(1)]
    fasen: list[Fase] = []

    @property
    def citaten(self) -> list[str]:
        return [blok.citaat for blok in self.inhoud if blok.citaat]

    @property
    def fasecitaten(self) -> list[str]:
        return [c for fase in self.fasen for sub in fase.subcategorieen for c in sub.citaten]


class Werkkaarten(Document):
    soort: Literal["werkkaarten"]
    werkkaarten: Annotated[list[Werkkaart], Length(1)]

    def problems(self) -> Problems:
        return duplicates(self.werkkaarten, "nummer", ("werkkaarten",))

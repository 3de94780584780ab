"""Kaarten: a free-form deck of an organisation's own, in categories (soort: kaarten)."""

from typing import Annotated, Literal

from deck.model.common import Document, Kleur, Tekst, duplicates
from deck.schema import Length, Problems, Record


class Kaart(Record):
    tekst: Tekst
    toelichting: Tekst | None = None


class Categorie(Record):
    naam: Tekst
    kleur: Kleur | None = None
    kaarten: Annotated[list[Kaart], Length(1)]


class Kaarten(Document):
    soort: Literal["kaarten"]
    categorieen: Annotated[list[Categorie], Length(1)]

    def problems(self) -> Problems:
        return duplicates(self.categorieen, "naam", ("categorieen",))

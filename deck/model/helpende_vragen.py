"""Helpende vragen: the learning sessions with their insights, helpful questions, quotes and
resources, and groups of questions of other sources (soort: helpende-vragen)."""

from typing import Annotated, Literal

from deck.model.common import Blokken, Bron, Document, Nummer, Slug, Tekst, Url, duplicates
from deck.schema import Length, Problems, Record


class Vraag(Record):
    vraag: Tekst
    toelichting: Tekst | None = None
    lijst: list[Tekst] = []


class Inzicht(Record):
    titel: Tekst
    inhoud: Blokken = []


class Hulpbron(Record):
    titel: Tekst
    aanbieder: Tekst | None = None
    url: Url


class Leersessie(Record):
    nummer: Nummer
    titel: Tekst
    inhoud: Blokken = []
    inzichten: list[Inzicht] = []
    helpende_vragen: Annotated[list[Vraag], Length(1)]
    citaten: list[Tekst] = []
    hulpbronnen: list[Hulpbron] = []


class Vraaggroep(Record):
    id: Slug
    titel: Tekst
    bron: Bron | None = None
    inleiding: Tekst | None = None
    vragen: Annotated[list[Vraag], Length(1)]


class HelpendeVragen(Document):
    soort: Literal["helpende-vragen"]
    leersessies: list[Leersessie] = []
    vraaggroepen: list[Vraaggroep] = []

    def problems(self) -> Problems:
        problems = duplicates(self.leersessies, "nummer", ("leersessies",))
        problems += duplicates(self.vraaggroepen, "id", ("vraaggroepen",))
        if not self.leersessies and not self.vraaggroepen:
            problems.append((("leersessies",), "geef minstens één leersessie of vraaggroep"))
        return problems

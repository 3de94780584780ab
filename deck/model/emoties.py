"""Emoties: emotion words in families, positive and negative (soort: emoties)."""

from typing import Annotated, Literal

from deck.model.common import Bron, Document, Tekst, duplicates
from deck.schema import Length, Problems, Record


class Woord(Record):
    woord: Tekst
    bron: Bron | None = None


class Familie(Record):
    naam: Tekst
    lading: Literal["positief", "negatief"]
    woorden: Annotated[list[Woord], Length(1)]


class Emoties(Document):
    soort: Literal["emoties"]
    families: Annotated[list[Familie], Length(1)]

    @property
    def woorden(self) -> list[Woord]:
        return [woord for familie in self.families for woord in familie.woorden]

    def problems(self) -> Problems:
        problems = duplicates(self.families, "naam", ("families",))
        seen: set[str] = set()
        for f, familie in enumerate(self.families):
            for w, woord in enumerate(familie.woorden):
                if woord.woord.lower() in seen:
                    problems.append((("families", f, "woorden", w, "woord"), f"'{woord.woord}' staat er al in"))
                seen.add(woord.woord.lower())
        return problems

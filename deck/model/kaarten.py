"""Kaarten: a deck of an organisation's or a trainer's own, in categories (soort: kaarten), from
YAML or from a spreadsheet (deck/spreadsheet.py)."""

from typing import Annotated, Literal

from deck.model.common import Bron, Document, Kleur, Tekst, duplicates
from deck.schema import Length, Problems, Record
from deck.style import ink_on, unreadable


class Kaart(Record):
    tekst: Tekst
    toelichting: Tekst | None = None
    lijst: list[Tekst] = []  # points under the text, as bullets


class Categorie(Record):
    naam: Tekst
    kleur: Kleur | None = None  # the band on its fronts; the deck's kleur, or deck's palette, when not given
    bron: Bron | None = None  # where this category's cards come from, when not from the deck's bron
    kaarten: Annotated[list[Kaart], Length(1)]


class Kaarten(Document):
    soort: Literal["kaarten"]
    bron: Bron | None = None  # own material needs none; a published source gets its credits card
    kleur: Kleur | None = None  # the backs, and categories without a kleur of their own
    maat: Literal["poker", "bridge", "tarot", "a6", "a7", "square"] | None = (
        None  # the deck's own size (--size overrides)
    )
    vorm: Literal["kort", "lang"] = "kort"  # lang: text that runs on over the back and further cards, A6 by default
    categorieen: Annotated[list[Categorie], Length(1)]

    def problems(self) -> Problems:
        problems = duplicates(self.categorieen, "naam", ("categorieen",))
        colours = [(("kleur",), self.kleur)] + [
            (("categorieen", i, "kleur"), c.kleur) for i, c in enumerate(self.categorieen)
        ]
        problems += [(loc, unreadable(colour)) for loc, colour in colours if colour and ink_on(colour) is None]
        return problems

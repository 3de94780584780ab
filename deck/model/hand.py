"""De hand: a finger per question, with the options to tell about (soort: hand)."""

from typing import Annotated, Literal

from deck.model.common import Document, Tekst, duplicates
from deck.model.oefeningen import Stap
from deck.schema import Length, Problems, Record


class Vinger(Record):
    vinger: Tekst
    tekst: Tekst
    opties: Annotated[list[Tekst], Length(1)]


class Hand(Document):
    soort: Literal["hand"]
    vingers: Annotated[list[Vinger], Length(1)]
    tip: Tekst | None = None
    stappen: list[Stap] = []
    aan_de_slag: Tekst | None = None

    def problems(self) -> Problems:
        problems = duplicates(self.vingers, "vinger", ("vingers",))
        for index, vinger in enumerate(self.vingers):
            for number, optie in enumerate(vinger.opties):
                if optie not in vinger.tekst:
                    message = f"optie '{optie}' staat niet letterlijk in de tekst van de {vinger.vinger.lower()}"
                    problems.append((("vingers", index, "opties", number), message))
        return problems

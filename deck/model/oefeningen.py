"""Oefeningen: the exercises of the basisprincipes, step by step with their minutes (soort: oefeningen)."""

from typing import Annotated, Literal

from deck.model.common import Blokken, Document, Minuten, Nummer, Slug, Tekst, duplicates
from deck.schema import Length, Problems, Record


class Basisprincipe(Record):
    id: Slug
    naam: Tekst
    kern: Tekst | None = None


class Stap(Record):
    nummer: Nummer
    titel: Tekst
    minuten: Minuten | None = None
    minuten_tot: Minuten | None = None  # the source gives a range: minuten to minuten_tot
    minuten_per: Tekst | None = None  # the source gives the minutes per person, per situation, ...
    inhoud: Blokken = []

    def problems(self) -> Problems:
        if self.minuten_tot is not None and (self.minuten is None or self.minuten_tot < self.minuten):
            return [((), "'minuten_tot' moet bij 'minuten' horen en minstens even groot zijn")]
        return []

    @property
    def time(self) -> str:
        """The minutes as the source gives them: '15 min', '15-30 min', '5 min per persoon', or ''."""
        if self.minuten is None:
            return ""
        span = f"{self.minuten}-{self.minuten_tot}" if self.minuten_tot is not None else f"{self.minuten}"
        return f"{span} min" + (f" per {self.minuten_per}" if self.minuten_per else "")


class Oefening(Record):
    id: Slug
    basisprincipe: Slug
    nummer: Nummer
    titel: Tekst
    groepsgrootte: Tekst | None = None
    duur: Tekst | None = None
    duur_minuten: Minuten | None = None
    duur_minuten_tot: Minuten | None = None
    doel: Blokken = []
    stappen: Annotated[list[Stap], Length(1)]
    aantekeningen: list[Tekst] = []

    def problems(self) -> Problems:
        if self.duur_minuten_tot is not None and (
            self.duur_minuten is None or self.duur_minuten_tot < self.duur_minuten
        ):
            return [((), "'duur_minuten_tot' moet bij 'duur_minuten' horen en minstens even groot zijn")]
        return []

    @property
    def step_minutes(self) -> str | None:
        """The steps' minutes added up as the source gives them: '50–65 min', '5 min + 5 min per persoon'."""
        timed = [s for s in self.stappen if s.minuten is not None]
        if not timed:
            return None
        fixed = [s for s in timed if not s.minuten_per]
        low = sum(s.minuten for s in fixed)
        high = sum(s.minuten_tot if s.minuten_tot is not None else s.minuten for s in fixed)
        text = f"{low} min" if low == high else f"{low}–{high} min"
        for stap in timed:
            if stap.minuten_per:
                text += f" + {stap.minuten} min per {stap.minuten_per}"
        return text


class Oefeningen(Document):
    soort: Literal["oefeningen"]
    basisprincipes: list[Basisprincipe] = []
    oefeningen: Annotated[list[Oefening], Length(1)]

    def problems(self) -> Problems:
        problems = duplicates(self.basisprincipes, "id", ("basisprincipes",))
        problems += duplicates(self.oefeningen, "id", ("oefeningen",))
        known = [b.id for b in self.basisprincipes]
        for index, oefening in enumerate(self.oefeningen):
            if known and oefening.basisprincipe not in known:
                message = f"onbekend basisprincipe '{oefening.basisprincipe}' (bekend: {', '.join(known)})"
                problems.append((("oefeningen", index, "basisprincipe"), message))
        return problems

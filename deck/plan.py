"""A session plan: chosen oefeningen and werkvormen, a start time and the time available,
turned into a timed agenda from the exercises' own minutes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from deck.casus import Datum, show_date
from deck.errors import DeckError, Problem
from deck.fonts import texts_at, unprintable
from deck.load import YamlFile
from deck.model import Oefening, Werkkaart
from deck.model.common import Nummer, Tekst
from deck.schema import Length, Problems, Range, Record, check_file, read_record
from deck.sources import Sources
from deck.style import DEFAULT_LOOK, Look


def _clock(value: str) -> str:
    match = re.fullmatch(r"([01]?\d|2[0-3])[:.]([0-5]\d)", value.strip())
    if not match:
        raise ValueError('moet een tijd zijn als "13:30"')
    return f"{int(match.group(1)):02d}:{match.group(2)}"


Klok = Annotated[str, _clock]
Minuten = Annotated[int, Range(1, 24 * 60)]


class Onderdeel(Record):
    oefening: Tekst | None = None
    werkkaart: Nummer | None = None
    onderdeel: Tekst | None = None
    minuten: Minuten | None = None
    aantal: Annotated[int, Range(1, 50)] | None = None  # people or situations, for steps timed 'per'

    def problems(self) -> Problems:
        kinds = [k for k in ("oefening", "werkkaart", "onderdeel") if getattr(self, k) is not None]
        if len(kinds) != 1:
            return [((), "een onderdeel heeft precies één van oefening, werkkaart, onderdeel")]
        if self.oefening is None and self.minuten is None:
            return [((), "'minuten' ontbreekt: alleen oefeningen geven zelf hun tijd")]
        return []


class Plan(Record):
    titel: Tekst
    datum: Datum | None = None
    organisatie: Tekst | None = None
    start: Klok
    beschikbaar: Minuten
    onderdelen: Annotated[list[Onderdeel], Length(1)]


@dataclass
class Row:
    """One item of the agenda: start and length in minutes, title, note, and its steps."""

    start: int
    minutes: int
    title: str
    note: str | None = None
    steps: list[Row] = field(default_factory=list)
    what: Oefening | Werkkaart | None = None  # what the row schedules, for the booklet to print in full

    def as_json(self) -> dict:
        return {
            "start": clock(self.start),
            "einde": clock(self.start + self.minutes),
            "minuten": self.minutes,
            "titel": self.title,
            "noot": self.note,
            "stappen": [s.as_json() for s in self.steps],
        }


@dataclass
class Agenda:
    """A session plan worked out into times: the rows in order and the minutes available."""

    titel: str
    datum: str | None
    organisatie: str | None
    start: int
    available: int
    rows: list[Row]

    @property
    def total(self) -> int:
        return sum(row.minutes for row in self.rows)

    def as_json(self) -> dict:
        return {
            "titel": self.titel,
            "datum": self.datum,
            "organisatie": self.organisatie,
            "start": clock(self.start),
            "einde": clock(self.start + self.total),
            "beschikbaar": self.available,
            "totaal": self.total,
            "rijen": [row.as_json() for row in self.rows],
        }


def clock(minutes: int) -> str:
    return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"


def load_plan(path: Path, sources: Sources, look: Look = DEFAULT_LOOK) -> Agenda:
    """Read, validate and schedule a plan; every problem as `path:line: field: message`."""
    file, plan = read_record(path, Plan, "titel, start, beschikbaar, onderdelen")
    return _checked_agenda(file, plan, sources, look)


def plan_from_data(data: dict, sources: Sources, look: Look = DEFAULT_LOOK, name: str = "sessieplan") -> Agenda:
    """A plan from data in memory (deck serve's form), checked and scheduled as a file is; problems
    are named by field."""
    file = YamlFile(Path(name), data)
    plan, problems = check_file(file, Plan)
    if problems:
        raise DeckError(problems)
    return _checked_agenda(file, plan, sources, look)


def step_minutes(oefening: Oefening) -> tuple[int, int]:
    """The minutes an oefening's steps take: fixed, and per person or situation (times 'aantal')."""
    fixed = sum(stap.minuten or 0 for stap in oefening.stappen if not stap.minuten_per)
    per = sum(stap.minuten or 0 for stap in oefening.stappen if stap.minuten_per)
    return fixed, per


def _checked_agenda(file: YamlFile, plan: Plan, sources: Sources, look: Look) -> Agenda:
    oefeningen = {o.id: o for doc in sources.of_kind("oefeningen") for o in doc.oefeningen}
    kaarten = {k.nummer: k for doc in sources.of_kind("werkkaarten") for k in doc.werkkaarten}
    problems = unprintable(file, texts_at(plan), look) + _references(file, plan, oefeningen, kaarten)
    if problems:
        raise DeckError(problems)
    agenda = schedule(plan, oefeningen, kaarten)
    if agenda.total > plan.beschikbaar:
        over = agenda.total - plan.beschikbaar
        message = (
            f"het plan duurt {agenda.total} minuten: {over} {'minuut' if over == 1 else 'minuten'} "
            f"te lang voor de {plan.beschikbaar} beschikbare minuten"
        )
        raise DeckError([Problem(file.shown, file.line_of(("beschikbaar",)), "beschikbaar", message)])
    return agenda


def _references(file, plan: Plan, oefeningen: dict, kaarten: dict) -> list[Problem]:
    """What the plan names that the sources lack, and the counts its oefeningen need."""
    problems = []
    for index, item in enumerate(plan.onderdelen):
        if item.oefening is not None and item.oefening not in oefeningen:
            known = "; ".join(f"{o.id}: {o.titel}" for o in oefeningen.values())
            message = f"onbekende oefening '{item.oefening}' (de oefeningen zijn {known})"
            problems.append(file.problem(("onderdelen", index, "oefening"), message))
        elif item.oefening is not None and item.aantal is None:
            per = next((stap for stap in oefeningen[item.oefening].stappen if stap.minuten_per), None)
            if per:
                message = (
                    f"'aantal' ontbreekt: stap {per.nummer} van oefening {item.oefening} duurt {per.time}; "
                    "zet erbij voor hoeveel, bijvoorbeeld aantal: 4"
                )
                problems.append(file.problem(("onderdelen", index), message))
        if item.werkkaart is not None and item.werkkaart not in kaarten:
            known = "; ".join(f"{k.nummer}: {k.titel}" for k in kaarten.values())
            message = f"onbekende werkkaart {item.werkkaart} (de werkkaarten zijn {known})"
            problems.append(file.problem(("onderdelen", index, "werkkaart"), message))
    return problems


def schedule(plan: Plan, oefeningen: dict, kaarten: dict) -> Agenda:
    hours, minutes = plan.start.split(":")
    now = start = int(hours) * 60 + int(minutes)
    rows = []
    for item in plan.onderdelen:
        row = _row(item, now, oefeningen, kaarten)
        rows.append(row)
        now += row.minutes
    return Agenda(plan.titel, show_date(plan.datum), plan.organisatie, start, plan.beschikbaar, rows)


def _row(item: Onderdeel, now: int, oefeningen: dict, kaarten: dict) -> Row:
    if item.onderdeel is not None:
        return Row(now, item.minuten, item.onderdeel)
    if item.werkkaart is not None:
        kaart = kaarten[item.werkkaart]
        return Row(now, item.minuten, f"Werkkaart {kaart.nummer}. {kaart.titel}", what=kaart)
    oefening = oefeningen[item.oefening]
    steps, at, notes = [], now, []
    for stap in oefening.stappen:
        minutes = (stap.minuten or 0) * (item.aantal if stap.minuten_per else 1)
        note = None
        if stap.minuten is None:
            note = "de bron geeft hier geen tijd"
        elif stap.minuten_tot is not None:
            note = f"de bron geeft {stap.minuten}-{stap.minuten_tot} min; gepland met {stap.minuten}"
        elif stap.minuten_per:
            note = f"{stap.minuten} min per {stap.minuten_per} × {item.aantal}"
        steps.append(Row(at, minutes, f"Stap {stap.nummer}. {stap.titel}", note))
        at += minutes
    total = at - now
    if oefening.duur and (oefening.duur_minuten != total or oefening.duur_minuten_tot):
        notes.append(f"de bron noemt {oefening.duur}; de stappen samen: {oefening.step_minutes}")
    if item.minuten is not None and item.minuten != total:
        notes.append(f"eigen tijd {item.minuten} min; de planning volgt de stappen")
    return Row(now, total, f"{oefening.titel}", "; ".join(notes) or None, steps, oefening)

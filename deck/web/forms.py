"""What deck serve's forms send, read into the library's own input: print options (as the command
line's options), a casus and a session plan (as the data of their files), and their problems in
the command line's words, a form's field named as on the form."""

from __future__ import annotations

import re
from typing import NamedTuple

from deck.casus import MAX_EVENTS, MAX_PEOPLE
from deck.errors import DeckError, Problem
from deck.geometry import PAPER_NAMES, parse_gutter, parse_offset, parse_size
from deck.plan import Agenda, plan_from_data, step_minutes
from deck.render import CardOptions
from deck.sources import Sources
from deck.style import Look

# what a problem of a form names as its file; such a problem is shown as 'field: message'
CASUS_FORM = "casus (formulier)"
PLAN_FORM = "sessieplan (formulier)"
KIT_FORM = "huisstijl (formulier)"

EVENT_ROWS, PEOPLE_ROWS = MAX_EVENTS, MAX_PEOPLE  # rows on the casus form: as many as a casus holds
PLAN_ROWS = 10  # parts on the session form; a session has seldom more


def problems(error: Exception) -> list[str]:
    """The error lines of the command line; for a field of a form, just field and message."""
    if isinstance(error, DeckError):
        return [_said(problem) for problem in error.problems]
    return [str(error)]


def _said(problem: Problem) -> str:
    if problem.path not in (CASUS_FORM, PLAN_FORM, KIT_FORM):
        return str(problem)
    return f"{problem.field}: {problem.message}" if problem.field else problem.message


def paper_of(form) -> str:
    paper = form.get("paper", "a4")
    if paper not in PAPER_NAMES:
        raise ValueError("kies A4 of Letter")
    return paper


# --- a deck's print options -------------------------------------------------------------------------


def deck_form(args) -> dict:
    """The deck page's form as sent: the ticked cards become a selection like '3,7,9'."""
    form = args.to_dict()
    picked = args.getlist("kaart")
    if picked and not form.get("cards"):
        form["cards"] = ",".join(picked)
    return form


def card_options(form: dict) -> CardOptions:
    """Print options from a form, checked as the command line checks them (ValueError: a Dutch message)."""
    mode = {"kantoor": "office", "drukker": "shop"}.get(form.get("mode", "kantoor"))
    flip = {"lang": "long", "kort": "short"}.get(form.get("flip", "lang"))
    paper = form.get("paper", "a4")
    if mode is None or flip is None or paper not in PAPER_NAMES:
        raise ValueError("kies een geldige afdrukwijze, omslagkant en papiersoort")
    size = parse_size(form["size"]) if form.get("size") else None
    offset = parse_offset(form.get("offset") or "0,0")
    gutter = parse_gutter(form["gutter"]) if form.get("gutter") else None
    if form.get("cards") and not re.fullmatch(r"[0-9,\- ]{1,200}", form["cards"]):
        raise ValueError("schrijf de kaarten als nummers, bijvoorbeeld 3,7-9")
    fmt = "slides" if form.get("format") == "dia" else "pdf"
    return CardOptions(size, mode, paper, flip, offset, fmt, gutter)


# --- a casus ----------------------------------------------------------------------------------------


def casus_data(form) -> dict:
    """The casus as data, from the form's fields; empty fields and rows left out."""
    data = {
        key: form.get(key, "").strip()
        for key in ("titel", "datum", "inbrenger", "facilitator", "groep", "beschrijving")
    }
    data = {key: value for key, value in data.items() if value}
    events = []
    for row in range(EVENT_ROWS):
        datum, tekst = form.get(f"datum-{row}", "").strip(), form.get(f"tekst-{row}", "").strip()
        if datum or tekst:
            events.append({"datum": datum, "tekst": tekst, "plek": form.get(f"plek-{row}", "boven")})
    people = [form.get(f"betrokkene-{row}", "").strip() for row in range(PEOPLE_ROWS)]
    if events:
        data["gebeurtenissen"] = events
    if any(people):
        data["betrokkenen"] = [person for person in people if person]
    return data


# --- a session plan ---------------------------------------------------------------------------------


class Choice(NamedTuple):
    """A part to pick on the session form, with what its time is made of (for sessie.js)."""

    value: str  # oefening:h1, werkkaart:3 or onderdeel
    label: str
    title: str  # as the agenda names it (deck/plan.py, _row)
    fixed: int | None  # minutes an oefening's steps take; None: the user gives the minutes
    per: int  # minutes per person or situation (times 'aantal')


def choices(sources: Sources) -> list[Choice]:
    found = [Choice("onderdeel", "Eigen onderdeel (welkom, pauze, afsluiting …)", "", None, 0)]
    for oefening in (o for doc in sources.of_kind("oefeningen") for o in doc.oefeningen):
        fixed, per = step_minutes(oefening)
        time = f"{fixed} min" + (f" + {per} per persoon" if per else "")
        found.append(Choice(f"oefening:{oefening.id}", f"{oefening.titel} · {time}", oefening.titel, fixed, per))
    for kaart in (k for doc in sources.of_kind("werkkaarten") for k in doc.werkkaarten):
        label, title = f"{kaart.nummer}. {kaart.titel}", f"Werkkaart {kaart.nummer}. {kaart.titel}"
        found.append(Choice(f"werkkaart:{kaart.nummer}", label, title, None, 0))
    return found


def agenda_of(form, sources: Sources, look: Look) -> Agenda:
    """The session form's plan, checked and scheduled as a plan file is; its problems name the
    form's rows as the user sees them."""
    data, rows = _plan_data(form)
    try:
        return plan_from_data(data, sources, look, PLAN_FORM)
    except DeckError as error:
        raise DeckError([_row_named(problem, rows) for problem in error.problems]) from None


def _plan_data(form) -> tuple[dict, list[int]]:
    """The plan as data, from the form's fields, and the form row of each of its parts."""
    data = {key: form.get(key, "").strip() for key in ("titel", "datum", "organisatie", "start", "beschikbaar")}
    data = {key: _number(value) if key == "beschikbaar" else value for key, value in data.items() if value}
    parts, rows = [], []
    for row in range(PLAN_ROWS):
        kind, _, value = form.get(f"keuze-{row}", "").partition(":")
        if kind not in ("oefening", "werkkaart", "onderdeel"):
            continue
        part = {kind: _number(value) if kind == "werkkaart" else value or form.get(f"tekst-{row}", "").strip()}
        for key in ("minuten", "aantal"):
            if form.get(f"{key}-{row}", "").strip():
                part[key] = _number(form.get(f"{key}-{row}").strip())
        parts.append(part)
        rows.append(row)
    data["onderdelen"] = parts
    return data, rows


def _number(text: str) -> int | str:
    """A whole number as a number; anything else as sent, for the check to name."""
    return int(text) if text.isdigit() and len(text) < 6 else text


def _row_named(problem: Problem, rows: list[int]) -> Problem:
    found = re.match(r"onderdelen\[(\d+)\]\.?", problem.field)
    if not found:
        return problem
    rest = problem.field[found.end() :]
    row = rows[int(found.group(1)) - 1] + 1
    return problem._replace(field=f"onderdeel {row}" + (f", {rest}" if rest else ""))

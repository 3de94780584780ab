"""A4 werkbladen: what each sheet holds, taken word for word from the sources, plus a casus.

Each builder finds its text in the validated sources (an oefening by id, a step by its number, a
werkkaart section by its heading) and returns the JSON the layout (layouts/werkblad.typ) draws.
When the sources lack a part a sheet needs, the builder raises Missing saying which; `deck list`
shows the sheet as one that cannot be made, and building it is an error that says why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from deck.cards import flow_blocks, oefening_meta
from deck.errors import Loc, dutch_number
from deck.model import Blok, Bron, Kaarten, Oefening, Oefeningen, Stap, Werkkaart, Werkkaarten
from deck.sources import Sources

if TYPE_CHECKING:  # only a build with a casus or a plan reads those
    from deck.casus import Casus
    from deck.plan import Agenda


class Missing(Exception):
    """What a werkblad needs and the sources do not hold, in Dutch: 'oefening l2 heeft geen stap 5'."""


class Werkblad(NamedTuple):
    """A kind of werkblad: its id, the soort or the id of the source it is made from (without one it
    is not offered at all), how its data is built (raising Missing when the sources lack a part) and a summary."""

    id: str
    reads: str
    build: Callable[[Sources, Casus | None], dict]
    summary: str


def oefening(sources: Sources, oefening_id: str) -> tuple[Oefeningen, Oefening]:
    """The oefening with this id, and the source it is in."""
    for doc in sources.of_kind("oefeningen"):
        for item in doc.oefeningen:
            if item.id == oefening_id:
                return doc, item
    raise Missing(f"de bronnen hebben geen oefening met id '{oefening_id}'")


def werkkaart(sources: Sources, nummer: int) -> tuple[Werkkaarten, Werkkaart]:
    for doc in sources.of_kind("werkkaarten"):
        for kaart in doc.werkkaarten:
            if kaart.nummer == nummer:
                return doc, kaart
    raise Missing(f"de bronnen hebben geen werkkaart {nummer}")


def only(sources: Sources, soort: str):
    """The first source of a soort; a werkblad is offered only when there is one."""
    found = sources.of_kind(soort)
    if not found:
        raise Missing(f"de bronnen hebben geen bron van soort '{soort}'")
    return found[0]


def deck_source(sources: Sources, deck_id: str) -> Kaarten:
    """The bundled card deck with this id, which a werkblad takes its content from."""
    doc = sources.documents.get(deck_id)
    if not isinstance(doc, Kaarten):
        raise Missing(f"de bronnen hebben geen deck '{deck_id}'")
    return doc


def step(item: Oefening, nummer: int) -> Stap:
    for stap in item.stappen:
        if stap.nummer == nummer:
            return stap
    raise Missing(f"oefening {item.id} heeft geen stap {nummer}")


def first(blokken: list[Blok], soort: str, where: str) -> Blok:
    """The first block of a soort ('lijst', 'tekst') in blokken."""
    for blok in blokken:
        if getattr(blok, soort) is not None:
            return blok
    raise Missing(f"{where} heeft geen {'opsomming' if soort == 'lijst' else soort}")


def heading(blokken: list[Blok], start: str, where: str) -> int:
    """The position of the heading that starts with `start`."""
    found = next((i for i, b in enumerate(blokken) if b.kop and b.kop.startswith(start)), None)
    if found is None:
        raise Missing(f"{where} heeft geen kop die begint met '{start}'")
    return found


def section(blokken: list[Blok], start: str, where: str) -> list[Blok]:
    """The blocks under the heading that starts with `start`, up to the next heading."""
    begin = heading(blokken, start, where) + 1
    end = next((i for i in range(begin, len(blokken)) if blokken[i].kop), len(blokken))
    return blokken[begin:end]


def _steps(item: Oefening, numbers: list[int] | None = None) -> list[dict]:
    chosen = item.stappen if numbers is None else [step(item, n) for n in numbers]
    return [{"nummer": s.nummer, "titel": s.titel, "minuten": s.time, "blokken": flow_blocks(s.inhoud)} for s in chosen]


def _principle(sources: Sources, item: Oefening) -> str:
    names = {p.id: p.naam for doc in sources.of_kind("oefeningen") for p in doc.basisprincipes}
    return f"Oefening bij het basisprincipe {names.get(item.basisprincipe, item.basisprincipe)}"


def _base(
    sheet_id: str,
    title: str,
    subtitle: str,
    meta: list[str],
    bron: Bron | str,
    casus: Casus | None,
    landscape: bool = False,
) -> dict:
    """The head and foot of every sheet; `bron` is the source (its credit and rights notice in the
    footer), or a line of its own."""
    return {
        "kind": sheet_id,
        "title": title,
        "subtitle": subtitle,
        "meta": meta,
        "bron": bron.credit if isinstance(bron, Bron) else bron,
        "rechten": bron.permission if isinstance(bron, Bron) else None,
        "landscape": landscape,
        "casus": casus.as_json() if casus else None,
    }


def _oefening_base(sheet_id: str, sources: Sources, oefening_id: str, casus: Casus | None, **fields) -> dict:
    """The head of a sheet for one oefening: its title, basisprincipe, group size and minutes, source."""
    doc, item = oefening(sources, oefening_id)
    title = fields.pop("title", item.titel)
    subtitle = fields.pop("subtitle", _principle(sources, item))
    return _base(sheet_id, title, subtitle, oefening_meta(item), doc.bron, casus, **fields)


# --- the sheets ---------------------------------------------------------------------------------


def _feiten(sources: Sources, casus: Casus | None) -> dict:
    _, item = oefening(sources, "l2")
    sheet = _oefening_base("feiten-of-interpretaties", sources, "l2", casus)
    where = f"stap {{}} van oefening {item.id}"
    sheet.update(
        {
            "intro": flow_blocks(item.doel),
            "steps": _steps(item),
            "analysis": first(step(item, 5).inhoud, "lijst", where.format(5)).lijst,
            "other-view": first(step(item, 6).inhoud, "tekst", where.format(6)).tekst,
            "take-away": first(step(item, 7).inhoud, "tekst", where.format(7)).tekst,
            "columns": ["Wat ik dacht en voelde", "Wat er gezegd werd: de dialoog"],
        }
    )
    return sheet


def _incident(sources: Sources, casus: Casus | None) -> dict:
    _, item = oefening(sources, "l1")
    sheet = _oefening_base("incidentmethode", sources, "l1", casus)
    sheet.update({"intro": flow_blocks(item.doel), "steps": _steps(item)})
    return sheet


def _tijdlijn(sources: Sources, casus: Casus | None) -> dict:
    doc, kaart = werkkaart(sources, 3)
    questions = "Wat zien we? En wat doet dit met ons?"
    sheet = _base(
        "tijdlijn", kaart.titel, f"Werkblad bij werkkaart 3 · {questions}", [], doc.bron, casus, landscape=True
    )
    headings = ("Informatie verzamelen", "Tijdlijn maken", "Tijdlijn gebruiken")
    sheet.update(
        {
            "above": "Professionals en formele acties",
            "below": "Gezin en ervaringen",
            "question": questions,
            "events": casus.events_json() if casus else [],
            "instructions": [
                {"kop": kop, "blokken": flow_blocks(section(kaart.inhoud, kop, "werkkaart 3"))} for kop in headings
            ],
        }
    )
    return sheet


def _perspectiefwissel(sources: Sources, casus: Casus | None) -> dict:
    doc, kaart = werkkaart(sources, 5)
    form = kaart.inhoud[heading(kaart.inhoud, "3.", "werkkaart 5")].kop
    sheet = _base("perspectiefwissel", kaart.titel, f"Werkblad bij werkkaart 5 · {form[3:]}", [], doc.bron, casus)
    sheet.update(
        {
            "intro": flow_blocks(section(kaart.inhoud, "3.", "werkkaart 5")),
            "columns": ["Betrokkene", "Grootste dilemma of angst", "Gevoel"],
            "rows": casus.betrokkenen if casus and casus.betrokkenen else [],
            "empty-rows": 7,
        }
    )
    return sheet


def _spanningsveld_lijn(sources: Sources, casus: Casus | None) -> dict:
    doc = only(sources, "spanningsvelden")
    lines = []
    for veld in doc.spanningsvelden:
        prompt = next((q for q in veld.vragen if q.startswith("Als je dit spanningsveld ziet als een lijn")), None)
        lines.append({"nummer": veld.nummer, "titel": veld.titel, "polen": veld.polen, "vraag": prompt})
    sheet = _base("spanningsveld-lijn", "Waar sta ik?", "Werkblad bij de zes spanningsvelden", [], doc.bron, casus)
    sheet.update(
        {
            "prompt": "Als je dit spanningsveld ziet als een lijn tussen twee uitersten, waar op de lijn voel jij "
            "je dan van nature het meest comfortabel?",
            "lines": lines,
        }
    )
    return sheet


def _hand(sources: Sources, casus: Casus | None) -> dict:
    doc = only(sources, "hand")
    sheet = _base(
        "hand-werkblad", doc.titel, "Werkblad bij de handoefening (de kaarten heten 'hand')", [], doc.bron, casus
    )
    sheet.update(
        {
            "intro": flow_blocks(doc.inleiding),
            "fingers": [{"vinger": v.vinger, "tekst": v.tekst} for v in doc.vingers],
            "tip": doc.tip,
            "take-away": doc.aan_de_slag,
        }
    )
    return sheet


def _wijsheid(sources: Sources, casus: Casus | None) -> dict:
    _, item = oefening(sources, "r1")
    stap = step(item, 2)
    sheet = _oefening_base(
        "wijsheid-van-de-groep",
        sources,
        "r1",
        casus,
        title="De wijsheid van de groep",
        subtitle=f"{item.titel} · {_principle(sources, item)}",
        landscape=True,
    )
    sheet.update(
        {"intro": flow_blocks(stap.inhoud), "step": f"Stap {stap.nummer}. {stap.titel} ({stap.time})", "columns": 3}
    )
    return sheet


def _dogmas(sources: Sources, casus: Casus | None) -> dict:
    """The dogma's and the helpende overtuigingen side by side, to tick what plays in a casus."""
    doc = deck_source(sources, "dogmas")
    sheet = _base("dogma-overtuiging", doc.titel, "Werkblad bij het deck 'dogmas'", [], doc.bron, casus)
    sheet.update(
        {
            "columns": [{"kop": c.naam, "items": [k.tekst for k in c.kaarten]} for c in doc.categorieen[:2]],
            "prompt": "Welke dogma's spelen in deze casus? Welke helpende overtuiging zet je ertegenover, "
            "en wat ga je daardoor anders doen?",
        }
    )
    return sheet


def _teamoverleg(sources: Sources, casus: Casus | None) -> dict:
    """The five parts of 'Doe een team' (werkzame elementen) as an agenda with room to write."""
    doc = deck_source(sources, "werkzame-elementen")
    card = next((k for c in doc.categorieen for k in c.kaarten if k.tekst.startswith("Doe een team")), None)
    if card is None or not card.lijst:
        raise Missing("het deck 'werkzame-elementen' heeft geen kaart 'Doe een team' met onderdelen")
    parts = [{"kop": item.split(";")[0], "tekst": item} for item in card.lijst]
    sheet = _base("teamoverleg", "Teamoverleg rond een gezin", card.tekst, [], doc.bron, casus)
    sheet.update({"parts": parts})
    return sheet


def _zelfscan(sources: Sources, casus: Casus | None) -> dict:
    """Every 'beoogd vakmanschap' statement of the basisprincipes with a scale from 1 to 5, under
    its principle and kernelement, to see where one stands and wants to grow."""
    doc = deck_source(sources, "basisprincipes")
    principles = [
        {
            "naam": categorie.naam,
            "kernelementen": [{"titel": k.tekst, "items": list(k.lijst)} for k in categorie.kaarten if k.lijst],
        }
        for categorie in doc.categorieen
    ]
    if not any(p["kernelementen"] for p in principles):
        raise Missing("het deck 'basisprincipes' heeft geen kernelementen met beoogd vakmanschap")
    sheet = _base(
        "zelfscan", "Zelfscan beoogd vakmanschap", "Werkblad bij het deck 'basisprincipes'", [], doc.bron, casus
    )
    sheet.update(
        {
            "principles": principles,
            "scale": "1 = nog niet, 5 = vanzelfsprekend. Zet een cirkel om waar je nu staat en een pijl naar waar je "
            "over een half jaar wilt staan.",
        }
    )
    return sheet


def _retrospectief(sources: Sources, casus: Casus | None) -> dict:
    """The leading questions and the five steps of a retrospectieve casusanalyse, each with room to
    write, under the casus header."""
    doc = deck_source(sources, "retrospectieve-casusanalyse")
    if len(doc.categorieen) < 2:
        raise Missing("het deck 'retrospectieve-casusanalyse' heeft geen leidende vragen en stappen")
    questions, steps = doc.categorieen[0], doc.categorieen[1]
    subtitle = "Werkblad bij een casusanalyse achteraf"
    sheet = _base("casusanalyse-werkblad", doc.titel, subtitle, [], doc.bron, casus)
    sheet.update(
        {
            "intro": flow_blocks(doc.inleiding),
            "questions": {"kop": questions.naam, "items": [k.tekst for k in questions.kaarten]},
            "steps": [{"kop": k.tekst, "tekst": k.toelichting, "items": list(k.lijst)} for k in steps.kaarten],
        }
    )
    return sheet


def _welk_leren(sources: Sources, casus: Casus | None) -> dict:
    """The table of first, second and third order learning, with a column to write what this casus asks."""
    doc = deck_source(sources, "welk-leren")
    rows = [kaart.tekst for kaart in doc.categorieen[0].kaarten]
    if any([k.tekst for k in c.kaarten] != rows for c in doc.categorieen):
        raise Missing("het deck 'welk-leren' heeft niet in elke kolom dezelfde rijen")
    subtitle = "Werkblad bij de tabel van eerste-, tweede- en derde-orde leren"
    sheet = _base("welk-leren-werkblad", doc.titel, subtitle, [], doc.bron, casus, landscape=True)
    sheet.update(
        {
            "intro": flow_blocks(doc.inleiding),
            "columns": [c.naam for c in doc.categorieen],
            "rows": [
                {"label": label, "cells": [c.kaarten[i].toelichting or "" for c in doc.categorieen]}
                for i, label in enumerate(rows)
            ],
            "prompt": "Welk leren vraagt deze casus, en wat vraagt dat van jouw rol?",
        }
    )
    return sheet


def _patronen(sources: Sources, casus: Casus | None) -> dict:
    """Every pattern of the deck 'patronen' under its heading, to tick what plays in a casus."""
    doc = deck_source(sources, "patronen")
    sheet = _base("patronen-checklist", doc.titel, "Werkblad bij het deck 'patronen'", [], doc.bron, casus)
    sheet.update(
        {
            "groups": [{"kop": c.naam, "items": [k.tekst for k in c.kaarten]} for c in doc.categorieen],
            "prompt": "Welke patronen herken je in deze casus? Welk patroon wil je als eerste doorbreken, en hoe?",
        }
    )
    return sheet


def _intentieverklaring(sources: Sources, casus: Casus | None) -> dict:
    """The kernteam's intentieverklaring, each point with room to write what the team agrees."""
    doc = deck_source(sources, "kernteam")
    group = next((c for c in doc.categorieen if c.naam.startswith("Intentieverklaring")), None)
    if group is None:
        raise Missing("het deck 'kernteam' heeft geen categorie 'Intentieverklaring'")
    parts = [{"kop": f"{n}.", "tekst": k.tekst} for n, k in enumerate(group.kaarten, 1)]
    sheet = _base("intentieverklaring", group.naam, "Werkblad bij het deck 'kernteam'", [], doc.bron, casus)
    sheet.update({"parts": parts})
    return sheet


def _oefenblad(
    sheet_id: str, sources: Sources, oefening_id: str, casus: Casus | None, steps: list[int], area: dict, **fields
) -> dict:
    """A sheet to work on for one exercise: the steps it needs, word for word, and room to work."""
    _, item = oefening(sources, oefening_id)
    sheet = _oefening_base(sheet_id, sources, oefening_id, casus, **fields)
    sheet.update({"steps": _steps(item, steps), "area": area, "answers": None})
    return sheet


def _b1(sources: Sources, casus: Casus | None) -> dict:
    _, item = oefening(sources, "e2")
    words = first(step(item, 1).inhoud, "lijst", "stap 1 van oefening e2").lijst
    sheet = _oefenblad("b1-woorden", sources, "e2", casus, [1], {"soort": "woorden", "woorden": words})
    sheet["steps"][0]["blokken"] = [b for b in sheet["steps"][0]["blokken"] if b["soort"] != "lijst"]
    last = item.stappen[-1]
    # the answer key, from its heading on, goes on its own page: the source gives it to the procesbegeleider only
    sheet["answers"] = flow_blocks(
        last.inhoud[heading(last.inhoud, "Antwoorden", f"stap {last.nummer} van oefening e2") :]
    )
    return sheet


def _notitie(sources: Sources, casus: Casus | None) -> dict:
    area = {"soort": "regels", "regels": 20}
    return _oefenblad("notitie-aan-jezelf", sources, "h2", casus, [3], area, title="Notitie aan jezelf")


def _visualiseren(sources: Sources, casus: Casus | None) -> dict:
    return _oefenblad("visualiseren", sources, "e1", casus, [1], {"soort": "kader"})


SHEETS = [
    Werkblad(
        "feiten-of-interpretaties",
        "oefeningen",
        _feiten,
        "A4, 3 blz.: de 7 stappen met minuten, het blad met twee kolommen, de analysevragen met schrijfruimte",
    ),
    Werkblad(
        "tijdlijn",
        "werkkaarten",
        _tijdlijn,
        "A4 liggend: professionals boven de lijn, gezin eronder; 'Wat zien we? En wat doet dit met ons?'; "
        "uitleg op blz. 2",
    ),
    Werkblad(
        "perspectiefwissel",
        "werkkaarten",
        _perspectiefwissel,
        "A4: tabel met de betrokkenen, hun grootste dilemma of angst en hun gevoel",
    ),
    Werkblad(
        "spanningsveld-lijn",
        "spanningsvelden",
        _spanningsveld_lijn,
        "A4: de zes spanningsvelden als lijn tussen hun twee polen, om te markeren waar je staat",
    ),
    Werkblad(
        "hand-werkblad", "hand", _hand, "A4: getekende hand met bij elke vinger de vraag (de kaarten heten 'hand')"
    ),
    Werkblad(
        "incidentmethode",
        "oefeningen",
        _incident,
        "A4: de 7 stappen met hun minuten als sessieblad, met ruimte voor tijden en aantekeningen",
    ),
    Werkblad(
        "wijsheid-van-de-groep",
        "oefeningen",
        _wijsheid,
        "A4 liggend: de drie kolommen van de socratische keuze, met de vragen van stap 2",
    ),
    Werkblad(
        "b1-woorden",
        "oefeningen",
        _b1,
        "A4: de negen moeilijke woorden met ruimte voor eenvoudige woorden; de antwoorden op blz. 2 voor de "
        "procesbegeleider",
    ),
    Werkblad(
        "notitie-aan-jezelf",
        "oefeningen",
        _notitie,
        "A4: stap 3 van 'Afstand nemen van een situatie' met schrijfregels",
    ),
    Werkblad(
        "visualiseren",
        "oefeningen",
        _visualiseren,
        "A4: de casus van Coby en Thirza en een kader om het plan te tekenen",
    ),
    Werkblad(
        "dogma-overtuiging",
        "dogmas",
        _dogmas,
        "A4: de 17 dogma's en de 20 helpende overtuigingen naast elkaar om aan te kruisen, met schrijfregels",
    ),
    Werkblad(
        "zelfscan",
        "basisprincipes",
        _zelfscan,
        "A4: de 55 uitspraken over beoogd vakmanschap bij de zes basisprincipes, elk met een schaal van 1 tot 5",
    ),
    Werkblad(
        "casusanalyse-werkblad",
        "retrospectieve-casusanalyse",
        _retrospectief,
        "A4: de leidende vragen en de vijf stappen van een casusanalyse achteraf, met schrijfruimte",
    ),
    Werkblad(
        "welk-leren-werkblad",
        "welk-leren",
        _welk_leren,
        "A4 liggend: de tabel van eerste-, tweede- en derde-orde leren, met een vraag over de casus",
    ),
    Werkblad(
        "patronen-checklist",
        "patronen",
        _patronen,
        "A4: de 35 patronen uit het deck 'patronen' om aan te kruisen, met een vraag over de casus",
    ),
    Werkblad(
        "intentieverklaring",
        "kernteam",
        _intentieverklaring,
        "A4: de vijf punten van de intentieverklaring van een kernteam, elk met schrijfruimte",
    ),
    Werkblad(
        "teamoverleg",
        "werkzame-elementen",
        _teamoverleg,
        "A4: 'Doe een team met ouders en betrokkenen' (werkzame elementen) als agenda met schrijfruimte per onderdeel",
    ),
]


SESSIEPLAN = "sessieplan"


def sessieplan(sources: Sources, agenda: Agenda, casus: Casus | None) -> dict:
    """The session plan as a one-page A4: the timed agenda, from the exercises' own minutes."""
    sheet = _base(
        SESSIEPLAN,
        agenda.titel,
        "Sessieplan",
        [line for line in (agenda.organisatie, agenda.datum) if line],
        _plan_credit(sources, agenda),
        casus,
    )
    sheet["agenda"] = agenda.as_json()
    return sheet


def _plan_credit(sources: Sources, agenda: Agenda) -> str:
    """Where the plan's times and werkvormen come from: the oefeningen, and the werkkaarten it uses."""
    line = "Tijden uit de stappen van de oefeningen (Kom verder!, Programmateam Toekomstscenario) en uit het plan."
    if any(isinstance(row.what, Werkkaart) for row in agenda.rows):
        werkkaarten = next(doc for doc in sources.documents.values() if doc.soort == "werkkaarten")
        line += f" Werkkaarten: {werkkaarten.bron.credit.removeprefix('Bron: ')}."
    return line


def not_fitting(items: list[list[str]], casus: Casus, sheet_id: str) -> list[tuple[Loc, str]]:
    """What of the casus does not fit on a werkblad (the layout's report, see does-not-fit in
    layouts/werkblad.typ), as places in the casus file and what to do."""
    found = []
    for kind, *values in items:
        if kind == "gebeurtenis":
            index, needed, room = int(values[0]), float(values[1]), float(values[2])
            length = dutch_number(len(casus.gebeurtenissen[index].tekst))
            message = (
                f"past niet in een vak van de {sheet_id}: met {length} tekens wordt het vak {needed:.0f} mm hoog, "
                f"er is {room:.0f} mm; maak de tekst korter"
            )
            found.append((("gebeurtenissen", index, "tekst"), message))
        elif kind == "casus":
            needed, room = float(values[0]), float(values[1])
            fields = ("beschrijving", "titel", "inbrenger", "facilitator", "groep")
            field = max(fields, key=lambda name: len(getattr(casus, name) or ""))
            length = dutch_number(len(getattr(casus, field) or ""))
            message = (
                f"de casus wordt {needed:.0f} mm hoog op de {sheet_id}, er is {room:.0f} mm; "
                f"maak de {field} korter (nu {length} tekens)"
            )
            found.append(((field,), message))
    return found


def by_id(sheet_id: str) -> Werkblad:
    return next(sheet for sheet in SHEETS if sheet.id == sheet_id)

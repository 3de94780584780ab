"""A4 werkbladen: what each sheet holds, taken word for word from the sources, plus a casus.

Each builder finds its text in the validated sources (an oefening by id, a werkkaart section by
its heading) and returns the JSON the layout (layouts/werkblad.typ) draws. When the sources lack
what a sheet needs, that sheet is simply not offered (see `available`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from deck.cards import flow_blocks, oefening_meta
from deck.model import Blok, Oefening, Werkkaart
from deck.sources import Sources

if TYPE_CHECKING:  # only a build with a casus or a plan reads those
    from deck.casus import Casus
    from deck.plan import Agenda


class Werkblad(NamedTuple):
    """A kind of werkblad: id, title, how its data is built, whether the sources hold what it needs, summary."""

    id: str
    title: Callable[[Sources], str]
    build: Callable[[Sources, Casus | None], dict]
    needs: Callable[[Sources], bool]
    summary: str


def oefening(sources: Sources, oefening_id: str) -> Oefening | None:
    for doc in sources.of_kind("oefeningen"):
        for item in doc.oefeningen:
            if item.id == oefening_id:
                return item
    return None


def werkkaart(sources: Sources, nummer: int) -> Werkkaart | None:
    for doc in sources.of_kind("werkkaarten"):
        for kaart in doc.werkkaarten:
            if kaart.nummer == nummer:
                return kaart
    return None


def _bron_of(sources: Sources, soort: str) -> str:
    return sources.of_kind(soort)[0].bron.credit


def section(blokken: list[Blok], heading: str) -> list[Blok]:
    """The blocks under the heading that starts with `heading`, up to the next heading."""
    start = next(i for i, b in enumerate(blokken) if b.kop and b.kop.startswith(heading))
    end = next((i for i in range(start + 1, len(blokken)) if blokken[i].kop), len(blokken))
    return blokken[start + 1 : end]


def _steps(item: Oefening, numbers: list[int] | None = None) -> list[dict]:
    return [
        {"nummer": s.nummer, "titel": s.titel, "minuten": s.time, "blokken": flow_blocks(s.inhoud)}
        for s in item.stappen
        if numbers is None or s.nummer in numbers
    ]


def _principle(sources: Sources, item: Oefening) -> str:
    names = {p.id: p.naam for doc in sources.of_kind("oefeningen") for p in doc.basisprincipes}
    return f"Oefening bij het basisprincipe {names.get(item.basisprincipe, item.basisprincipe)}"


def _base(
    sheet_id: str, title: str, subtitle: str, meta: list[str], bron: str, casus: Casus | None, landscape: bool = False
) -> dict:
    return {
        "kind": sheet_id,
        "title": title,
        "subtitle": subtitle,
        "meta": meta,
        "bron": bron,
        "landscape": landscape,
        "casus": casus.as_json() if casus else None,
    }


# --- the sheets ---------------------------------------------------------------------------------


def _feiten(sources: Sources, casus: Casus | None) -> dict:
    item = oefening(sources, "l2")
    steps = _steps(item)
    analysis = next(b.lijst for b in item.stappen[4].inhoud if b.lijst)
    sheet = _base(
        "feiten-of-interpretaties",
        item.titel,
        _principle(sources, item),
        oefening_meta(item),
        _bron_of(sources, "oefeningen"),
        casus,
    )
    sheet.update(
        {
            "intro": flow_blocks(item.doel),
            "steps": steps,
            "analysis": analysis,
            "other-view": item.stappen[5].inhoud[0].tekst,
            "take-away": item.stappen[6].inhoud[0].tekst,
            "columns": ["Wat ik dacht en voelde", "Wat er gezegd werd: de dialoog"],
        }
    )
    return sheet


def _incident(sources: Sources, casus: Casus | None) -> dict:
    item = oefening(sources, "l1")
    sheet = _base(
        "incidentmethode",
        item.titel,
        _principle(sources, item),
        oefening_meta(item),
        _bron_of(sources, "oefeningen"),
        casus,
    )
    sheet.update({"intro": flow_blocks(item.doel), "steps": _steps(item)})
    return sheet


def _tijdlijn(sources: Sources, casus: Casus | None) -> dict:
    kaart = werkkaart(sources, 3)
    questions = "Wat zien we? En wat doet dit met ons?"
    sheet = _base(
        "tijdlijn",
        kaart.titel,
        f"Werkblad bij werkkaart 3 · {questions}",
        [],
        _bron_of(sources, "werkkaarten"),
        casus,
        landscape=True,
    )
    sheet.update(
        {
            "above": "Professionals en formele acties",
            "below": "Gezin en ervaringen",
            "question": questions,
            "events": casus.events_json() if casus else [],
            "instructions": [
                {
                    "kop": "Informatie verzamelen",
                    "blokken": flow_blocks(section(kaart.inhoud, "Informatie verzamelen")),
                },
                {"kop": "Tijdlijn maken", "blokken": flow_blocks(section(kaart.inhoud, "Tijdlijn maken"))},
                {"kop": "Tijdlijn gebruiken", "blokken": flow_blocks(section(kaart.inhoud, "Tijdlijn gebruiken"))},
            ],
        }
    )
    return sheet


def _perspectiefwissel(sources: Sources, casus: Casus | None) -> dict:
    kaart = werkkaart(sources, 5)
    form = next(b.kop for b in kaart.inhoud if b.kop and b.kop.startswith("3."))
    sheet = _base(
        "perspectiefwissel",
        kaart.titel,
        f"Werkblad bij werkkaart 5 · {form[3:]}",
        [],
        _bron_of(sources, "werkkaarten"),
        casus,
    )
    sheet.update(
        {
            "intro": flow_blocks(section(kaart.inhoud, "3.")),
            "columns": ["Betrokkene", "Grootste dilemma of angst", "Gevoel"],
            "rows": casus.betrokkenen if casus and casus.betrokkenen else [],
            "empty-rows": 7,
        }
    )
    return sheet


def _spanningsveld_lijn(sources: Sources, casus: Casus | None) -> dict:
    doc = sources.of_kind("spanningsvelden")[0]
    lines = []
    for veld in doc.spanningsvelden:
        prompt = next((q for q in veld.vragen if q.startswith("Als je dit spanningsveld ziet als een lijn")), None)
        lines.append({"nummer": veld.nummer, "titel": veld.titel, "polen": veld.polen, "vraag": prompt})
    sheet = _base(
        "spanningsveld-lijn", "Waar sta ik?", "Werkblad bij de zes spanningsvelden", [], doc.bron.credit, casus
    )
    sheet.update(
        {
            "prompt": "Als je dit spanningsveld ziet als een lijn tussen twee uitersten, waar op de lijn voel jij "
            "je dan van nature het meest comfortabel?",
            "lines": lines,
        }
    )
    return sheet


def _hand(sources: Sources, casus: Casus | None) -> dict:
    doc = sources.of_kind("hand")[0]
    sheet = _base(
        "hand-werkblad", doc.titel, "Werkblad bij de handoefening (de kaarten heten 'hand')", [], doc.bron.credit, casus
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
    item = oefening(sources, "r1")
    step = item.stappen[1]
    sheet = _base(
        "wijsheid-van-de-groep",
        "De wijsheid van de groep",
        f"{item.titel} · {_principle(sources, item)}",
        oefening_meta(item),
        _bron_of(sources, "oefeningen"),
        casus,
        landscape=True,
    )
    sheet.update(
        {"intro": flow_blocks(step.inhoud), "step": f"Stap {step.nummer}. {step.titel} ({step.time})", "columns": 3}
    )
    return sheet


def _oefenblad(
    sheet_id: str,
    item: Oefening,
    sources: Sources,
    casus: Casus | None,
    steps: list[int],
    area: dict,
    title: str | None = None,
) -> dict:
    """A sheet to work on for one exercise: the steps it needs, word for word, and room to work."""
    sheet = _base(
        sheet_id,
        title or item.titel,
        _principle(sources, item),
        oefening_meta(item),
        _bron_of(sources, "oefeningen"),
        casus,
    )
    sheet.update(
        {
            "steps": _steps(item, steps),
            "area": area,
            "answers": None,
        }
    )
    return sheet


def _b1(sources: Sources, casus: Casus | None) -> dict:
    item = oefening(sources, "e2")
    step1 = item.stappen[0]
    words = next(b.lijst for b in step1.inhoud if b.lijst)
    sheet = _oefenblad("b1-woorden", item, sources, casus, [1], {"soort": "woorden", "woorden": words})
    sheet["steps"][0]["blokken"] = [b for b in sheet["steps"][0]["blokken"] if b["soort"] != "lijst"]
    answers = item.stappen[-1].inhoud
    start = next(i for i, b in enumerate(answers) if b.kop and b.kop.startswith("Antwoorden"))
    # the answer key goes on its own page: the source gives it to the procesbegeleider only
    sheet["answers"] = flow_blocks(answers[start:])
    return sheet


def _notitie(sources: Sources, casus: Casus | None) -> dict:
    item = oefening(sources, "h2")
    return _oefenblad(
        "notitie-aan-jezelf", item, sources, casus, [3], {"soort": "regels", "regels": 20}, title="Notitie aan jezelf"
    )


def _visualiseren(sources: Sources, casus: Casus | None) -> dict:
    item = oefening(sources, "e1")
    return _oefenblad("visualiseren", item, sources, casus, [1], {"soort": "kader"})


SHEETS = [
    Werkblad(
        "feiten-of-interpretaties",
        lambda s: oefening(s, "l2").titel,
        _feiten,
        lambda s: oefening(s, "l2") is not None,
        "A4, 3 blz.: de 7 stappen met minuten, het blad met twee kolommen, de analysevragen met schrijfruimte",
    ),
    Werkblad(
        "tijdlijn",
        lambda s: werkkaart(s, 3).titel,
        _tijdlijn,
        lambda s: werkkaart(s, 3) is not None,
        "A4 liggend: professionals boven de lijn, gezin eronder; 'Wat zien we? En wat doet dit met ons?'; "
        "uitleg op blz. 2",
    ),
    Werkblad(
        "perspectiefwissel",
        lambda s: werkkaart(s, 5).titel,
        _perspectiefwissel,
        lambda s: werkkaart(s, 5) is not None,
        "A4: tabel met de betrokkenen, hun grootste dilemma of angst en hun gevoel",
    ),
    Werkblad(
        "spanningsveld-lijn",
        lambda s: "Waar sta ik?",
        _spanningsveld_lijn,
        lambda s: bool(s.of_kind("spanningsvelden")),
        "A4: de zes spanningsvelden als lijn tussen hun twee polen, om te markeren waar je staat",
    ),
    Werkblad(
        "hand-werkblad",
        lambda s: s.of_kind("hand")[0].titel,
        _hand,
        lambda s: bool(s.of_kind("hand")),
        "A4: getekende hand met bij elke vinger de vraag (de kaarten heten 'hand')",
    ),
    Werkblad(
        "incidentmethode",
        lambda s: oefening(s, "l1").titel,
        _incident,
        lambda s: oefening(s, "l1") is not None,
        "A4: de 7 stappen met hun minuten als sessieblad, met ruimte voor tijden en aantekeningen",
    ),
    Werkblad(
        "wijsheid-van-de-groep",
        lambda s: "De wijsheid van de groep",
        _wijsheid,
        lambda s: oefening(s, "r1") is not None,
        "A4 liggend: de drie kolommen van de socratische keuze, met de vragen van stap 2",
    ),
    Werkblad(
        "b1-woorden",
        lambda s: oefening(s, "e2").titel,
        _b1,
        lambda s: oefening(s, "e2") is not None,
        "A4: de negen moeilijke woorden met ruimte voor eenvoudige woorden; de antwoorden op blz. 2 voor de "
        "procesbegeleider",
    ),
    Werkblad(
        "notitie-aan-jezelf",
        lambda s: "Notitie aan jezelf",
        _notitie,
        lambda s: oefening(s, "h2") is not None,
        "A4: stap 3 van 'Afstand nemen van een situatie' met schrijfregels",
    ),
    Werkblad(
        "visualiseren",
        lambda s: oefening(s, "e1").titel,
        _visualiseren,
        lambda s: oefening(s, "e1") is not None,
        "A4: de casus van Coby en Thirza en een kader om het plan te tekenen",
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
        "Tijden uit de stappen van de oefeningen (Kom verder!, Programmateam Toekomstscenario) en uit het plan.",
        casus,
    )
    sheet["agenda"] = agenda.as_json()
    return sheet


def available(sources: Sources) -> list[Werkblad]:
    return [sheet for sheet in SHEETS if sheet.needs(sources)]


def by_id(sheet_id: str) -> Werkblad:
    return next(sheet for sheet in SHEETS if sheet.id == sheet_id)

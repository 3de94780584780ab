"""The facilitator booklet: which sections it holds, in order, from the validated sources."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date

from deck import __version__, cache
from deck.cards import flow_blocks, oefening_blocks, oefening_meta, werkkaart_blocks
from deck.casus import show_date
from deck.environment import source_date
from deck.model import HelpendeVragen, Kaarten, Spanningsvelden, Werkkaart
from deck.plan import Agenda, clock
from deck.sources import Sources

NOTE_PAGES = 2


def booklet_data(sources: Sources, agenda: Agenda | None = None) -> dict:
    """Cover, then with a plan its agenda (page 2) before the contents, and the plan's oefeningen and
    werkvormen in full in its order; then werkkaart 1, werkkaarten 2–7, the spanningsvelden,
    werkkaart 8, the hulpbronnen with QR codes, pages for notes, and the sources credited."""
    kaarten = [kaart for doc in sources.of_kind("werkkaarten") for kaart in doc.werkkaarten]
    role = [kaart for kaart in kaarten if kaart.nummer == 1]  # the facilitator's role opens the booklet
    rest = [kaart for kaart in kaarten if kaart.nummer != 1]
    sections = _plan(agenda) if agenda else []
    sections += [_introduction(doc) for doc in sources.of_kind("werkkaarten") if doc.inleiding]
    sections += [_werkkaart(kaart) for kaart in role]
    sections += [_werkkaart(kaart) for kaart in rest if not kaart.fasen]
    sections += [_spanningsvelden(doc) for doc in sources.of_kind("spanningsvelden")]
    sections += [_werkkaart(kaart) for kaart in rest if kaart.fasen]
    sections += [_leersessies(doc) for doc in sources.of_kind("helpende-vragen") if doc.leersessies]
    for deck_id in BOOKLET_DECKS:
        doc = sources.documents.get(deck_id)
        if isinstance(doc, Kaarten):
            sections.append(_deck_section(doc))
    sections.append(_hulpbronnen(sources.of_kind("helpende-vragen"), kaarten))
    sections.append({"kop": "Aantekeningen", "soort": "notities", "pagina's": NOTE_PAGES})
    sections.append(_bronnen(sources, agenda))
    return {
        "title": "Facilitatorboekje",
        "subtitle": (
            "Werkkaarten, spanningsvelden en hulpbronnen voor leerbijeenkomsten, intervisie en casusbesprekingen"
        ),
        "organisation": agenda.organisatie if agenda else None,
        "date": agenda.datum if agenda and agenda.datum else _today(),
        "session": agenda.titel if agenda else None,
        "sources": cover_sources(sources),
        "first": [{"kop": "Sessieplan", "soort": "agenda", "agenda": agenda.as_json()}] if agenda else [],
        "sections": sections,
    }


def _today() -> str:
    """The date on the cover without a plan: today, or SOURCE_DATE_EPOCH's day for reproducible builds."""
    moment = source_date()
    return show_date(moment.date() if moment else date.today())


def _plan(agenda: Agenda) -> list[dict]:
    """The oefeningen and werkvormen of the plan in full, in its order, headed by their times."""
    sections = []
    for row in agenda.rows:
        time = f"{clock(row.start)}–{clock(row.start + row.minutes)}"
        if isinstance(row.what, Werkkaart):
            blokken = werkkaart_blocks(row.what)
        elif row.what is not None:
            meta = [{"soort": "tekst", "tekst": line} for line in oefening_meta(row.what)]
            blokken = meta + oefening_blocks(row.what)
        else:
            continue
        sections.append({"kop": f"{time} · {row.title}", "soort": "tekst", "blokken": blokken})
    return sections


def _introduction(doc) -> dict:
    """The werkkaarten's own introduction (Bijlage 2), with its makers, word for word."""
    return {"kop": "Over de werkkaarten", "soort": "tekst", "blokken": flow_blocks(doc.inleiding)}


def _leersessies(doc: HelpendeVragen) -> dict:
    """Each leersessie in full: its introduction, its insights, its helpende vragen and quotes (the
    hulpbronnen have a section of their own)."""
    blokken = flow_blocks(doc.inleiding)
    for sessie in doc.leersessies:
        blokken.append({"soort": "kop", "tekst": f"Leersessie {sessie.nummer}. {sessie.titel}"})
        blokken += flow_blocks(sessie.inhoud)
        for inzicht in sessie.inzichten:
            blokken.append({"soort": "subkop", "tekst": inzicht.titel})
            blokken += flow_blocks(inzicht.inhoud)
        blokken.append({"soort": "subkop", "tekst": "Helpende vragen"})
        for vraag in sessie.helpende_vragen:
            blokken.append({"soort": "vraag", "tekst": vraag.vraag})
            if vraag.toelichting:
                blokken.append({"soort": "tekst", "tekst": vraag.toelichting})
            if vraag.lijst:
                blokken.append({"soort": "lijst", "items": list(vraag.lijst), "genummerd": False})
        blokken += [{"soort": "citaat", "tekst": quote, "wie": None} for quote in sessie.citaten]
    return {"kop": "De leersessies", "soort": "tekst", "blokken": blokken}


# decks the booklet prints in full, after the leersessies
BOOKLET_DECKS = ("amalia", "achtergrond", "samenwerken-ret", "leidinggevenden", "interviews", "verder-lezen")


def _deck_section(doc: Kaarten) -> dict:
    """A deck as running text: its introduction, then a heading per category with the part of the
    introduction that carries the same heading, each card's text, its paragraphs and points; a web
    address in the introduction gets a QR code."""
    preamble, intros = _split_introduction(flow_blocks(doc.inleiding), {c.naam for c in doc.categorieen})
    links = [b["url"] for b in preamble if b["soort"] == "link"]
    codes = qr_codes(links) if links else {}
    blokken = [dict(b, qr=codes[b["url"]]) if b["soort"] == "link" else b for b in preamble]
    for categorie in doc.categorieen:
        blokken.append({"soort": "kop", "tekst": categorie.naam})
        blokken += intros.get(categorie.naam, [])
        for kaart in categorie.kaarten:
            blokken.append({"soort": "subkop", "tekst": kaart.tekst})
            paragraphs = (kaart.toelichting or "").split("\n\n")
            blokken += [{"soort": "tekst", "tekst": p} for p in paragraphs if p.strip()]
            if kaart.lijst:
                blokken.append({"soort": "lijst", "items": list(kaart.lijst), "genummerd": False})
    return {"kop": doc.titel, "soort": "tekst", "blokken": blokken}


def _split_introduction(blokken: list[dict], names: set[str]) -> tuple[list[dict], dict[str, list[dict]]]:
    """The introduction's blocks before or under a heading of their own, and those under a heading
    that names a category (printed with that category, not twice)."""
    preamble, intros, current = [], {}, None
    for blok in blokken:
        if blok["soort"] == "kop":
            current = blok["tekst"] if blok["tekst"] in names else None
            if current is None:
                preamble.append(blok)
            continue
        (intros.setdefault(current, []) if current else preamble).append(blok)
    return preamble, intros


def _werkkaart(kaart) -> dict:
    return {"kop": f"Werkkaart {kaart.nummer}. {kaart.titel}", "soort": "tekst", "blokken": werkkaart_blocks(kaart)}


def _spanningsvelden(doc: Spanningsvelden) -> dict:
    blokken = flow_blocks(doc.inleiding)
    if doc.algemene_reflectievragen:
        blokken.append({"soort": "kop", "tekst": doc.algemene_reflectievragen.kop or "Algemene reflectievragen"})
        blokken.append({"soort": "lijst", "items": doc.algemene_reflectievragen.vragen, "genummerd": False})
    for veld in doc.spanningsvelden:
        blokken.append({"soort": "kop", "tekst": f"Spanningsveld {veld.nummer}. {veld.titel}"})
        blokken.append({"soort": "polen", "items": list(veld.polen)})
        blokken += flow_blocks(veld.beschrijving)
        for blok in veld.reflectievragen:
            blokken.append({"soort": "subkop", "tekst": blok.kop or "Reflectievragen"})
            blokken.append({"soort": "lijst", "items": blok.vragen, "genummerd": False})
        if veld.citaten:
            blokken.append({"soort": "subkop", "tekst": (veld.citaten_kop or "Citaten").rstrip(":")})
            blokken += [
                {"soort": "citaat", "tekst": c.tekst, "wie": (c.kop or "").rstrip(":") or None} for c in veld.citaten
            ]
    return {"kop": "De zes spanningsvelden", "soort": "tekst", "blokken": blokken}


def qr_codes(urls: list[str]) -> dict[str, dict]:
    """A QR code for every URL: its side in modules (with the quiet zone of four modules that
    scanners need) and its dark modules as rectangles [x, y, w, h], for the layout to draw in the
    text colour (an SVG image would print in RGB). The booklet's codes are kept in the cache folder
    between builds; one read back is used only when every number in it is a whole number inside
    the code."""
    name = "qr-" + hashlib.sha256(json.dumps([__version__, "rects", urls]).encode()).hexdigest()[:24] + ".json"
    try:
        kept = json.loads(cache.read(name) or b"null")
        if isinstance(kept, list) and len(kept) == len(urls) and all(map(_is_qr_code, kept)):
            return dict(zip(urls, kept, strict=True))
    except ValueError:
        pass
    codes = [_qr_code(url) for url in urls]
    cache.write(name, json.dumps(codes).encode())
    return dict(zip(urls, codes, strict=True))


def _qr_code(url: str) -> dict:
    import zxingcpp  # only the booklet needs it: imported here to keep every other start fast

    target = url if url.startswith(("http://", "https://")) else f"https://{url}"
    # zxing-cpp (Zint inside) encodes in C: 0.6 ms a code, against 4 ms for a pure-Python encoder.
    svg = zxingcpp.create_barcode(target, zxingcpp.BarcodeFormat.QRCode, ec_level="M").to_svg(add_quiet_zones=True)
    side = int(re.search(r'<svg width="(\d+)"', svg).group(1))
    path = re.search(r'<path d="([^"]+)"', svg).group(1)
    # Zint writes every dark run as one rectangle: MxyhWvHh-WZ
    rects = [[int(v) for v in run] for run in re.findall(r"M(\d+) (\d+)h(\d+)v(\d+)h-\d+Z", path)]
    return {"side": side, "rects": rects}


def _is_qr_code(code) -> bool:
    if not (isinstance(code, dict) and set(code) == {"side", "rects"} and isinstance(code["side"], int)):
        return False
    side, rects = code["side"], code["rects"]
    return (
        21 <= side <= 185
        and isinstance(rects, list)
        and len(rects) <= side * side
        and all(
            isinstance(r, list)
            and len(r) == 4
            and all(type(v) is int and v >= 0 for v in r)
            and r[0] + r[2] <= side
            and r[1] + r[3] <= side
            for r in rects
        )
    )


def _hulpbronnen(docs: list[HelpendeVragen], werkkaarten: list[Werkkaart]) -> dict:
    urls = [h.url for doc in docs for sessie in doc.leersessies for h in sessie.hulpbronnen]
    urls += [b.link.url for kaart in werkkaarten for b in kaart.inhoud if b.link]
    qr = qr_codes(list(dict.fromkeys(urls)))
    groups = []
    for doc in docs:
        for sessie in doc.leersessies:
            links = [
                {"titel": h.titel, "aanbieder": h.aanbieder, "url": h.url, "qr": qr[h.url]} for h in sessie.hulpbronnen
            ]
            if links:
                groups.append({"titel": f"Leersessie {sessie.nummer}: {sessie.titel}", "links": links})
    for kaart in werkkaarten:
        links = [
            {"titel": b.link.titel, "aanbieder": None, "url": b.link.url, "qr": qr[b.link.url]}
            for b in kaart.inhoud
            if b.link
        ]
        if links:
            groups.append({"titel": f"Werkkaart {kaart.nummer}. {kaart.titel}", "links": links})
    return {"kop": "Hulpbronnen", "soort": "links", "groepen": groups}


def _bronnen(sources: Sources, agenda: Agenda | None) -> dict:
    """Every publication the booklet quotes, with its makers, year and web address, and the rights
    notice of one that has it."""
    kinds = ["werkkaarten", "spanningsvelden", "helpende-vragen"]
    if agenda and any(row.what is not None and not isinstance(row.what, Werkkaart) for row in agenda.rows):
        kinds.append("oefeningen")
    brons = [doc.bron for doc in sources.documents.values() if doc.soort in kinds or doc.id in BOOKLET_DECKS]
    lines = list(dict.fromkeys(_credit(bron) for bron in brons))
    blokken = [
        {"soort": "tekst", "tekst": "De teksten in dit boekje zijn woordelijk overgenomen uit:"},
        {"soort": "lijst", "items": lines, "genummerd": False},
        {
            "soort": "tekst",
            "tekst": "Alleen fouten van het omzetten naar tekst zijn hersteld (afbrekingen, kop- en "
            "voetregels, de volgorde van de pagina's), en enkele kennelijke drukfouten. Wat is hersteld of "
            "afgeleid, staat in de aantekeningen van de bronbestanden. Gemaakt met deck.",
        },
    ]
    blokken += [{"soort": "tekst", "tekst": p} for p in dict.fromkeys(b.permission for b in brons if b.permission)]
    return {"kop": "Bronnen", "soort": "tekst", "blokken": blokken}


def _credit(bron) -> str:
    parts = [bron.credit.removeprefix("Bron: "), bron.makers, bron.jaar, bron.url]
    return "; ".join(part for part in parts if part)


def cover_sources(sources: Sources) -> str:
    """The line on the cover naming where the booklet's texts come from."""
    names = dict.fromkeys(
        f"{doc.bron.publicatie} ({doc.bron.uitgever})"
        for doc in sources.documents.values()
        if doc.soort in ("werkkaarten", "spanningsvelden", "helpende-vragen")
    )
    return "Met teksten uit: " + "; ".join(names)

"""Stage 3: content → JSON → Typst → PDF pages, for cards, werkbladen and the booklet.

Cards: layouts/cards.typ renders every card as a front page and a back page at trim size, plus
bleed in shop mode. On office paper the cards are drawn in place on the sheets in the same pass
(sheet.typ), unless long cards flow over several sides: then their pages are placed n-up in a
second pass (sheets.typ), backs mirrored for the duplex flip edge. The booklet is laid out on A5
and imposed on A4 the same way (impose.typ). Content reaches Typst only as JSON (typeset.py).
"""

from __future__ import annotations

import math
import re
import struct
import zlib
from typing import NamedTuple

from deck import geometry, sizes
from deck.cards import Card
from deck.errors import DeckError, Problem
from deck.style import DEFAULT_LOOK, INK, WHITE, Look, for_print, ink_on, print_colour, screen_colour
from deck.typeset import compile, inputs, on_disk, query

# Shrinking text: start and floor size in pt for a poker card. The start grows with the text area
# of a card, so that a tarot or A6 card is as full as a poker card; the floor with its sides.
SHOP_BLEED = 3  # mm around every card for a print shop

FIT = {
    "vraag": (15, 9),
    "polen": (15, 10),
    "woord": (26, 14),
    "vinger": (14, 9),
    "bronnen": (10, 6.5),
}


class CardOptions(NamedTuple):
    """How cards are printed: size in mm, office sheets or print shop, paper, flip edge, back offset, format."""

    size: tuple[float, float] | None = None  # in mm; None: each deck's own (cards.default_size)
    mode: str = "office"  # office | shop
    paper: str = "a4"
    flip: str = "long"  # long | short
    back_offset: tuple[float, float] = (0.0, 0.0)
    fmt: str = "pdf"  # pdf | png | svg | slides (16:9, a card a slide)
    gutter: float | None = None  # mm between cards on office sheets; None: geometry.office_grid chooses
    ppi: int = 300  # PNG resolution
    backs: bool = False  # images: also each distinct plain back once (achterkant-1.png, …; deck serve)


class Rendered(NamedTuple):
    """The output of one target: a PDF, or one image per card side."""

    pdf: bytes | None = None
    images: dict[str, bytes] | None = None
    pages: int = 0


def render_deck(
    deck_id: str,
    title: str,
    cards: list[Card],
    labels: list[str],
    colours: dict[str, str],
    options: CardOptions,
    look: Look = DEFAULT_LOOK,
    remembered: bool = True,
    band: dict | None = None,
) -> Rendered:
    """Cards as the requested output. The cards may be a selection: labels ('7/52'), category
    colours and the height of the category band (`band`: band_labels of the whole deck) come from
    the whole deck, so a reprinted card matches the rest. Without `remembered` every card is
    measured anew (deck check), whatever sizes earlier builds found."""
    office = options.mode == "office" and options.fmt == "pdf"
    grid = geometry.office_grid(options.paper, options.size, options.gutter) if office else None
    shop = options.mode == "shop" and options.fmt == "pdf"
    bleed = SHOP_BLEED if shop else grid.bleed if grid else 0
    payload = deck_payload(title, cards, labels, colours, options.size, bleed, look, shop)
    payload["band-labels"] = band or band_labels(cards, labels)
    kept = sizes.recall(payload, look.font, look.font_dirs, use=remembered)
    # every card one front and one back, on office paper: drawn on the sheets in a single pass
    on_sheets = office and all(card.vorm != "flow" for card in cards)
    if on_sheets:
        physical = [((index, "front"), (index, "back")) for index in range(len(cards))]
        payload.update(_sheet_payload(grid, physical, options, lambda side: {"card": side[0], "side": side[1]}))
    if options.fmt in ("png", "svg", "slides"):
        # an image per card side with text: a plain back is every card's
        payload["plain-backs"] = "once" if options.backs and options.fmt != "slides" else False
    files = inputs("cards.typ:deck", payload)
    flows = _checked_report(deck_id, cards, payload, files, kept, look, shop)
    if on_sheets:
        return Rendered(pdf=compile(files, look, deck_id), pages=len(payload["sheets"]))
    if options.fmt in ("png", "svg"):
        names = _image_names(cards, labels, flows, options.fmt)
        if options.backs:
            names += [f"achterkant-{n}.{options.fmt}" for n, _ in enumerate(plain_backs(cards), 1)]
        return _images(deck_id, files, options, names, look)
    pages_pdf = compile(files, look, deck_id, cmyk=shop)
    if options.fmt == "slides":
        return _slides(deck_id, pages_pdf, look)
    if shop:
        return Rendered(pdf=pages_pdf, pages=_count_sides(cards, flows))
    return _impose(deck_id, pages_pdf, _physical_cards(cards, flows), grid, options, look)


def band_labels(cards: list[Card], labels: list[str]) -> dict:
    """What the category band of a deck must hold: every plain card's category and number, and
    the category of every card whose text flows over several sides (layouts/cards.typ)."""
    return {
        "plain": [[card.categorie, label] for card, label in zip(cards, labels, strict=True) if card.vorm != "flow"],
        "flow": [card.categorie for card in cards if card.vorm == "flow"],
    }


def deck_payload(
    title: str,
    cards: list[Card],
    labels: list[str],
    colours: dict[str, str],
    size: tuple[float, float],
    bleed: float,
    look: Look = DEFAULT_LOOK,
    cmyk: bool = False,
) -> dict:
    """What cards.typ needs to lay out the cards; with `cmyk` every colour in CMYK (print shop)."""
    width, height = size
    safe, band = _margins(width, height)
    grow = math.sqrt(_text_area(width, height) / _text_area(63, 88))
    shrink = min(width / 63, height / 88)
    return {
        "title": title,
        "width": width,
        "height": height,
        "bleed": bleed,
        "safe": safe,
        "band": band,
        "fit": {vorm: {"start": _half(a * grow), "floor": _half(b * shrink)} for vorm, (a, b) in FIT.items()},
        **look.as_json(),
        "style": for_print(look.style) if cmyk else {**look.style, "ink": INK, "paper": WHITE},
        "cards": [
            card_json(card, index, label, colours, look, cmyk)
            for index, (card, label) in enumerate(zip(cards, labels, strict=True))
        ],
    }


def _margins(width: float, height: float) -> tuple[float, float]:
    """Safe margin and category band height of a card, in mm. The margin is half a millimetre more
    than the 5 mm (6 on large cards) that no text may cross: a glyph such as j reaches a little
    beyond the edge of its line."""
    return (5.5 if width < 90 else 6.5), round(11 * min(width / 63, height / 88, 1.3), 2)


def _text_area(width: float, height: float) -> float:
    """The box a front's text is fitted into (layouts/cards.typ, _front), in mm²."""
    safe, band = _margins(width, height)
    return (width - 2 * safe) * (height - band - 2.5 - 9)


def _half(points: float) -> float:
    return round(points * 2) / 2


def card_json(
    card: Card, index: int, label: str, colours: dict[str, str], look: Look = DEFAULT_LOOK, cmyk: bool = False
) -> dict:
    colour = _deck_colour(look.style) if card.vorm == "bronnen" else colours[card.categorie]
    ink = ink_on(colour) or WHITE  # the text on it
    return {
        "id": index,
        "vorm": card.vorm,
        "categorie": card.categorie,
        "kleur": print_colour(colour) if cmyk else screen_colour(colour),
        "inkt": print_colour(ink) if cmyk else ink,
        "nummer": label,
        "tekst": card.tekst,
        "titel": card.titel,
        "toelichting": card.toelichting,
        "lijst": card.lijst,
        "bron": _back_line(card),
        "meta": card.meta,
        "blokken": card.blokken,
        "woorden": sorted({word for word in card.words() if len(word) >= 8}),
    }


def _deck_colour(style: dict) -> str:
    """The deck's own colour, as the brand gave it (CMYK kept for the print shop)."""
    values = style.get("deck-cmyk")
    return f"cmyk({values[0]}%, {values[1]}%, {values[2]}%, {values[3]}%)" if values else style["deck"]


def _checked_report(
    deck_id: str, cards: list[Card], payload: dict, files: dict, kept: tuple, look: Look, cmyk: bool = False
) -> dict[int, int]:
    """What the layout reports about the deck: stop at text that did not fit, else keep the sizes
    found (deck/sizes.py). Returns the number of sides of every card whose text flows."""
    report = query(files, "<report>", look, deck_id, cmyk)
    frames = [item for item in report if item["kind"] == "frame"]
    if frames:
        raise DeckError([_frame_problem(deck_id, cards, payload, frames[0])])
    overflows = [item for item in report if item["kind"] == "overflow"]
    if overflows:
        raise DeckError([_overflow_problem(deck_id, cards, payload, item) for item in overflows])
    sizes.remember(kept, [item for item in report if item["kind"] == "fitted"])
    edges = [item for item in report if item["kind"] == "flow-edge"]
    starts = {e["flow"]: e["page"] for e in edges if e["edge"] == "start"}
    ends = {e["flow"]: e["page"] for e in edges if e["edge"] == "end"}
    return {index: ends[index] - starts[index] + 1 for index in starts}


def _overflow_problem(deck_id: str, cards: list[Card], payload: dict, item: dict) -> Problem:
    card = cards[item["card"]]
    data = payload["cards"][item["card"]]
    name = f"kaart {data['nummer'] or item['card'] + 1} ({card.categorie}: '{_excerpt(card.tekst)}')"
    if item["wide"]:
        word, width, line = item["wide"][0], item["wide-mm"][0], item["have-width-mm"]
        message = f"het woord '{word}' is {width - line:.1f} mm breder dan de regel ({line:.0f} mm)"
    else:
        extra = item["need-mm"] - item["have-mm"]
        message = (
            f"tekst past niet, ook niet in de kleinste letter ({item['floor-pt']:g} pt): {extra:.1f} mm te lang "
            f"voor {item['have-mm']:.0f} mm ruimte op een kaart van {payload['width']:g}×{payload['height']:g} mm; "
            "maak de tekst korter of kies een grotere --size"
        )
    return Problem(deck_id, None, name, message)


def _frame_problem(deck_id: str, cards: list[Card], payload: dict, item: dict) -> Problem:
    """The band (category names) or the foot (deck title) leaves too little of the card for text."""
    size = f"{payload['width']:g}×{payload['height']:g} mm"
    if item["band-mm"] > 0.4 * item["height-mm"]:
        longest = max((card.categorie for card in cards), key=len)
        what = f"de categorie '{_excerpt(longest)}' maakt de band {item['band-mm']:.0f} mm hoog"
    else:
        what = f"de titel '{_excerpt(payload['title'])}' maakt de voetregel {item['foot-mm']:.0f} mm hoog"
    advice = "maak de naam korter of kies een grotere --size"
    return Problem(deck_id, None, "", f"{what}: te veel voor een kaart van {size}; {advice}")


def _excerpt(text: str, length: int = 40) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _count_sides(cards: list[Card], flows: dict[int, int]) -> int:
    return sum(_sides(index, flows) for index in range(len(cards)))


def _sides(index: int, flows: dict[int, int]) -> int:
    """Pages of a card in pass 1: two for a plain card, a flow card's sides rounded up to even."""
    return flows[index] + flows[index] % 2 if index in flows else 2


def _physical_cards(cards: list[Card], flows: dict[int, int]) -> list[tuple[int, int]]:
    """(front page, back page), 1-based, for every physical card in pass 1's PDF."""
    result, page = [], 1
    for index in range(len(cards)):
        for _ in range(_sides(index, flows) // 2):
            result.append((page, page + 1))
            page += 2
    return result


def _sheet_payload(grid, physical: list, options: CardOptions, describe) -> dict:
    """The sheets for physical cards (front, back): fronts in the grid with crop marks, each
    followed by a sheet of backs mirrored for the flip edge. `describe` says what goes in a slot."""
    sheets = []
    for start in range(0, len(physical), grid.per_sheet):
        batch = physical[start : start + grid.per_sheet]
        number = start // grid.per_sheet + 1
        fronts = [dict(slot.as_json(), **describe(front)) for slot, (front, _) in zip(grid.slots, batch, strict=False)]
        backs = [
            dict(geometry.back_slot(grid, slot, options.flip, options.back_offset).as_json(), **describe(back))
            for slot, (_, back) in zip(grid.slots, batch, strict=False)
        ]
        sheets.append(
            {"slots": fronts, "marks": [m.as_json() for m in grid.marks], "note": _note(number, "voorkant", options)}
        )
        sheets.append({"slots": backs, "marks": [], "note": _note(number, "achterkant", options)})
    box = geometry.note_box(grid)
    paper = {"width": grid.width, "height": grid.height, "bleed": grid.bleed}
    paper["note-box"] = box.as_json() if box else None
    return {"sheets": sheets, "paper": paper}


def _impose(
    deck_id: str, pages_pdf: bytes, physical: list, grid: geometry.Grid, options: CardOptions, look: Look
) -> Rendered:
    """Long cards: their pages from pass 1 (with the grid's bleed) placed on the sheets (pass 2)."""
    sheet_data = _sheet_payload(grid, physical, options, lambda page: {"page": page})
    payload = {
        "width": grid.width,
        "height": grid.height,
        "sheets": sheet_data["sheets"],
        "font": look.font,
        "note-box": sheet_data["paper"]["note-box"],
        "bleed": grid.bleed,
    }
    with on_disk("kaarten.pdf", pages_pdf, deck_id) as source:
        pdf = compile(inputs("sheets.typ:sheets", {**payload, "source": source}), look, deck_id)
    return Rendered(pdf=pdf, pages=len(payload["sheets"]))


def _slides(deck_id: str, pages_pdf: bytes, look: Look) -> Rendered:
    """Every card side with text on a 16:9 slide of its own, for sharing a screen without a server."""
    count = page_count(pages_pdf)
    with on_disk("kaarten.pdf", pages_pdf, deck_id) as source:
        payload = {"source": source, "pages": count, "font": look.font}
        pdf = compile(inputs("slides.typ:slides", payload), look, deck_id)
    return Rendered(pdf=pdf, pages=count)


def _note(number: int, side: str, options: CardOptions) -> str:
    edge = "lange" if options.flip == "long" else "korte"
    return f"Vel {number}, {side} · 100 % · dubbelzijdig, {edge} kant"


def plain_backs(cards: list[Card]) -> dict[str, list[int]]:
    """The distinct plain backs of these cards, in the order cards.typ lays them out (one per
    source line), each with the indexes of the cards that have it."""
    backs: dict[str, list[int]] = {}
    for index, card in enumerate(cards):
        if card.vorm != "flow":
            backs.setdefault(_back_line(card), []).append(index)
    return backs


def _back_line(card: Card) -> str:
    """What a card's back says about where it comes from."""
    return card.bron.credit if card.bron else (card.herkomst or "")


def card_stem(label: str) -> str:
    """A numbered card's images are named after its number: '7/52' -> '007'."""
    return f"{int(label.split('/')[0]):03d}"


def _image_names(cards: list[Card], labels: list[str], flows: dict[int, int], fmt: str) -> list[str]:
    """A file name per page of the images, named after the card's number in the deck: 007.png for
    a front, 007-achterkant.png for a back with text (long cards; their second card is 007-2.png),
    bronnen.png for the credits card and bronnen-2.png for the rights card. Plain backs are not made."""
    names, unnumbered = [], 0
    for index, label in enumerate(labels):
        if not label:  # the cards with the sources: bronnen.png, then bronnen-2.png (the rights)
            unnumbered += 1
        stem = card_stem(label) if label else "bronnen" + (f"-{unnumbered}" if unnumbered > 1 else "")
        for side in range(flows.get(index, 1)):
            card = stem if side < 2 else f"{stem}-{side // 2 + 1}"
            names.append(f"{card}-achterkant.{fmt}" if side % 2 else f"{card}.{fmt}")
    return names


def _images(deck_id: str, files: dict, options: CardOptions, names: list[str], look: Look) -> Rendered:
    """One image per card front (and per back with text), PNG (300 ppi unless asked otherwise) or SVG."""
    fmt = options.fmt
    pages = compile(files, look, deck_id, format=fmt, ppi=options.ppi if fmt == "png" else None)
    pages = pages if isinstance(pages, list) else [pages]
    if fmt == "png":
        pages = [with_ppi(page, options.ppi) for page in pages]
    images = dict(zip(names, pages, strict=True))
    return Rendered(images=images, pages=len(images))


def with_ppi(png: bytes, ppi: int) -> bytes:
    """The PNG with its resolution stated (a pHYs chunk after the header), so an image program
    or a slide deck shows the card at its printed size; Typst writes none."""
    per_metre = round(ppi / 0.0254)
    data = b"pHYs" + struct.pack(">IIB", per_metre, per_metre, 1)
    chunk = struct.pack(">I", 9) + data + struct.pack(">I", zlib.crc32(data) & 0xFFFFFFFF)
    end_of_header = 8 + 4 + 4 + 13 + 4  # signature, then IHDR: length, type, data, crc
    return png[:end_of_header] + chunk + png[end_of_header:]


def render_alignment_sheet(paper: str, flip: str) -> bytes:
    """Two pages: lines on the front, millimetre rulers behind them on the back (see alignment.typ)."""
    width, height = geometry.PAPER_SIZES[paper]
    grid = geometry.Grid(width, height, 0, 0, (), ())
    front = geometry.Slot(width * 0.3, height * 0.62, 0, 0)
    back = geometry.back_slot(grid, front, flip)
    edge = "lange" if flip == "long" else "korte"
    payload = {
        "width": width,
        "height": height,
        "front": {"x": front.x, "y": front.y},
        "back": {"x": back.x, "y": back.y},
        "note": "Uitlijntest: achterkant",
        "font": DEFAULT_LOOK.font,
        "instructions": [
            f"1. Druk dit blad dubbelzijdig af op 100 % (werkelijke grootte), omslaan langs de {edge} kant.",
            "2. Houd het blad tegen het licht en kijk naar de achterkant.",
            "3. Lees op de linialen af waar de twee lijnen van deze voorkant vallen: X op de liggende liniaal, "
            "Y op de staande.",
            "4. Vallen ze op 0, dan is uw printer goed. Anders: deck build --back-offset X,Y "
            "(bijvoorbeeld --back-offset 1.5,-0.5). Die ene correctie geldt voor elk vel en elke kaartmaat: "
            "alle vellen van deck staan rechtop, net als dit blad.",
            "Ziet u de lijnen nergens bij de linialen, kies dan de andere kant om te omslaan (--flip).",
        ],
    }
    return compile(inputs("alignment.typ:alignment", payload), what="uitlijntest")


def render_werkblad(
    sheet: dict, pdf_standard: str | None = None, look: Look = DEFAULT_LOOK, paper: str = "a4", mode: str = "office"
) -> bytes:
    """A werkblad from its data (deck/werkbladen.py) on A4 or Letter, optionally PDF/UA-1 or
    PDF/A-2b; in CMYK for a print shop."""
    standards = [pdf_standard] if pdf_standard else []
    brand = look.as_json()
    if mode == "shop":
        brand["style"] = for_print(look.style)
    files = inputs("werkblad.typ:werkblad", {"sheet": sheet, "paper": geometry.TYPST_PAPER[paper], **brand})
    return compile(files, look, sheet["kind"], cmyk=mode == "shop", pdf_standards=standards)


def booklet_note(paper: str, mode: str = "office") -> str:
    if mode == "shop":
        return (
            "Voor de drukker: A5-pagina's met 3 mm afloop (TrimBox), kleuren in CMYK; afwerken als geniet boekje "
            "(twee nietjes in de rug)."
        )
    return (
        f"Afdrukken: facilitatorboekje-{paper}-drukvel.pdf op {geometry.PAPER_NAMES[paper]}, 100 % (werkelijke "
        "grootte), dubbelzijdig en omslaan langs de korte kant. Vouw de stapel dubbel en zet de nietjes in de vouw."
    )


def render_booklet(
    data: dict, look: Look = DEFAULT_LOOK, paper: str = "a4", mode: str = "office"
) -> tuple[bytes, bytes | None, int]:
    """The booklet to read (A5, or half Letter) and the same pages imposed two-up on A4 or Letter
    for saddle stitching, and the page count. For a print shop: A5 pages with bleed, in CMYK, and
    no imposed sheets (the shop imposes)."""
    shop = mode == "shop"
    brand = look.as_json()
    brand["organisation"] = data.get("organisation") or brand["organisation"]
    if shop:
        brand["style"] = for_print(look.style)
    width, height = (148, 210) if shop else geometry.BOOKLET_PAGE[paper]
    layout = {"page-width": width, "page-height": height, "bleed": SHOP_BLEED if shop else 0}
    layout["note"] = booklet_note(paper, mode)
    a5 = compile(inputs("boekje.typ:boekje", {**data, **brand, **layout}), look, "facilitatorboekje", cmyk=shop)
    pages = page_count(a5)
    if shop:
        return a5, None, pages
    payload = {
        "sheets": geometry.saddle_stitch(pages, blank_back=True),
        "font": look.font,
        "paper": geometry.TYPST_PAPER[paper],
        "page-width": width,
        "page-height": height,
    }
    with on_disk("boekje.pdf", a5, "facilitatorboekje") as source:
        a4 = compile(inputs("impose.typ:impose", {**payload, "source": source}), look, "facilitatorboekje")
    return a5, a4, pages


def page_count(pdf: bytes) -> int:
    """Pages in a PDF from Typst, which writes every page dictionary uncompressed."""
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def thumbnail(pdf: bytes, what: str, width: float = 50, ppi: int = 144) -> bytes:
    """The first page of a PDF as a small PNG, `width` mm wide (deck serve's overview; never a
    PDF with a casus, as the PDF is placed from a scratch file)."""
    with on_disk("pagina.pdf", pdf, what) as source:
        pages = compile(
            inputs("preview.typ:first-page", {"source": source, "width": width}),
            DEFAULT_LOOK,
            what,
            format="png",
            ppi=ppi,
        )
    return pages[0] if isinstance(pages, list) else pages

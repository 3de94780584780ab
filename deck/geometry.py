"""Sheet geometry in millimetres: card and paper sizes, the n-up grid, crop marks and duplex backs.

Everything here is computed from paper, card size, margin and gutter; no grid is written down
per size. Coordinates are from the top-left corner of the page, as Typst places things.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from deck.errors import DeckError, Problem

CARD_SIZES: dict[str, tuple[float, float]] = {
    "poker": (63, 88),
    "bridge": (57, 89),
    "tarot": (70, 120),
    "a6": (105, 148),
    "a7": (74, 105),
    "square": (70, 70),
}
PAPER_SIZES: dict[str, tuple[float, float]] = {"a4": (210, 297), "letter": (215.9, 279.4)}
TYPST_PAPER = {"a4": "a4", "letter": "us-letter"}
# The booklet's page: half the paper it is imposed on, a little narrower for the fold's creep.
BOOKLET_PAGE: dict[str, tuple[float, float]] = {"a4": (148, 210), "letter": (139.2, 215.9)}
PAPER_NAMES = {"a4": "A4", "letter": "Letter"}

PRINTABLE_EDGE = 5.0  # office printers print nothing closer to the paper's edge
MIN_MARK_LENGTH = 3.0
MARK_CARD_GAP = 1.0  # crop marks start this far outside a card's bleed, so no mark shows on a cut card
MAX_GUTTER = 3.0  # the widest gutter the default chooses


class Slot(NamedTuple):
    """Where a card side sits on a sheet: top-left corner, width and height of its place on the
    paper in mm, and how far the side is turned in it (degrees clockwise: 0, 90, 180, 270)."""

    x: float
    y: float
    w: float
    h: float
    turn: int = 0

    def as_json(self) -> dict:
        return {"x": round(self.x, 3), "y": round(self.y, 3), "w": self.w, "h": self.h, "turn": self.turn}


class Mark(NamedTuple):
    """One crop mark: a line from (x1, y1) to (x2, y2) in mm."""

    x1: float
    y1: float
    x2: float
    y2: float

    def as_json(self) -> dict:
        return {k: round(v, 3) for k, v in self._asdict().items()}


class Grid(NamedTuple):
    """An n-up sheet: the paper (always portrait, so one back offset fits every sheet), where the
    cards go, the crop marks around them, and the bleed each card has into the gutter."""

    width: float
    height: float
    columns: int
    rows: int
    slots: tuple[Slot, ...]
    marks: tuple[Mark, ...]
    gutter: float = 0.0

    @property
    def per_sheet(self) -> int:
        return len(self.slots)

    @property
    def bleed(self) -> float:
        return self.gutter / 2


def parse_size(value: str) -> tuple[float, float]:
    """'poker' or '63x88' (millimetres) -> (width, height); ValueError with a Dutch message."""
    name = value.strip().lower()
    if name in CARD_SIZES:
        return CARD_SIZES[name]
    match = re.fullmatch(r"(\d+(?:[.,]\d+)?)\s*[x×]\s*(\d+(?:[.,]\d+)?)", name)
    if not match:
        names = ", ".join(CARD_SIZES)
        raise ValueError(f"onbekende maat '{value}' (kies uit {names}, of BxH in mm zoals 63x88)")
    width, height = (float(part.replace(",", ".")) for part in match.groups())
    if not (20 <= width <= 200 and 20 <= height <= 280):
        raise ValueError(f"maat {value} mm valt buiten 20–200 × 20–280 mm")
    return width, height


def parse_gutter(value: str) -> float:
    """'2' or '1,5' (mm between cards on office sheets) -> 2.0; ValueError with a Dutch message."""
    match = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*", value)
    if not match:
        raise ValueError(f"'{value}' is geen tussenruimte; schrijf een maat in mm, bijvoorbeeld 2")
    gutter = float(match.group(1).replace(",", "."))
    if gutter > 10:
        raise ValueError(f"tussenruimte {value} mm is groter dan 10 mm")
    return gutter


def office_grid(paper: str, card: tuple[float, float], gutter: float | None = None) -> Grid:
    """The grid holding most cards on the paper, upright or turned a quarter (upright on a tie),
    with room for crop marks of MIN_MARK_LENGTH in the printable area. Cards are `gutter` mm
    apart and bleed half of it into the gap; without a gutter, the widest up to MAX_GUTTER that
    keeps as many cards on a sheet as none would."""
    if gutter is None:
        most = _best_grid(paper, card, 0.0).per_sheet
        steps = [g / 2 for g in range(int(MAX_GUTTER * 2), -1, -1)]
        gutter = next(g for g in steps if _best_grid(paper, card, g).per_sheet == most)
    best = _best_grid(paper, card, gutter)
    if best.per_sheet == 0:
        w, h = card
        room = f"{_margin(gutter):g} mm rand voor snijtekens"
        if gutter:
            room += f" en {gutter:g} mm tussenruimte"
        message = f"een kaart van {w:g}×{h:g} mm past niet op {PAPER_NAMES[paper]} met {room}"
        raise DeckError([Problem("--size", None, "", message)])
    return best


def _best_grid(paper: str, card: tuple[float, float], gutter: float) -> Grid:
    width, height = PAPER_SIZES[paper]
    upright = _grid(width, height, card, gutter, 0)
    turned = _grid(width, height, (card[1], card[0]), gutter, 90)
    return turned if turned.per_sheet > upright.per_sheet else upright


def _margin(gutter: float) -> float:
    """The paper margin around the cards' trim: the printable edge, a crop mark, its gap."""
    return PRINTABLE_EDGE + MIN_MARK_LENGTH + gutter / 2 + MARK_CARD_GAP


def _grid(page_w: float, page_h: float, place: tuple[float, float], gutter: float, turn: int) -> Grid:
    """Cards whose place on the paper is `place` (w × h mm), turned `turn` degrees, centred."""
    w, h = place
    margin = _margin(gutter)
    columns = max(0, int((page_w - 2 * margin + gutter) // (w + gutter)))
    rows = max(0, int((page_h - 2 * margin + gutter) // (h + gutter)))
    block_w = columns * w + (columns - 1) * gutter
    block_h = rows * h + (rows - 1) * gutter
    left, top = (page_w - block_w) / 2, (page_h - block_h) / 2
    slots = tuple(
        Slot(left + c * (w + gutter), top + r * (h + gutter), w, h, turn) for r in range(rows) for c in range(columns)
    )
    marks = _crop_marks(page_w, page_h, slots, gutter / 2) if slots else ()
    return Grid(page_w, page_h, columns, rows, slots, marks, gutter)


def _crop_marks(page_w: float, page_h: float, slots: tuple[Slot, ...], bleed: float) -> tuple[Mark, ...]:
    """Ticks in the margins on the line of every card edge: from the printable edge to just
    outside the cards' bleed."""
    xs = sorted({round(s.x, 3) for s in slots} | {round(s.x + s.w, 3) for s in slots})
    ys = sorted({round(s.y, 3) for s in slots} | {round(s.y + s.h, 3) for s in slots})
    gap = bleed + MARK_CARD_GAP
    top, bottom = min(s.y for s in slots) - gap, max(s.y + s.h for s in slots) + gap
    left, right = min(s.x for s in slots) - gap, max(s.x + s.w for s in slots) + gap
    marks = []
    for x in xs:
        marks += [Mark(x, PRINTABLE_EDGE, x, top), Mark(x, bottom, x, page_h - PRINTABLE_EDGE)]
    for y in ys:
        marks += [Mark(PRINTABLE_EDGE, y, left, y), Mark(right, y, page_w - PRINTABLE_EDGE, y)]
    return tuple(marks)


def back_slot(grid: Grid, slot: Slot, flip: str, offset: tuple[float, float] = (0.0, 0.0)) -> Slot:
    """Where and how turned the back of the card in `slot` goes, so that it lands behind its
    front and reads the right way up when the card is turned over like a book.

    `flip` is the paper edge the (portrait) sheet turns over: `long` turns it left to right and
    mirrors x; `short` turns it top over bottom and mirrors y. A card whose up runs along the
    turning axis turns like a book with the sheet; any other card turns top over bottom, so its
    back is turned half round. The offset corrects a printer's shift in the paper's frame.
    """
    turns_sideways = flip == "long"
    x = grid.width - slot.x - slot.w if turns_sideways else slot.x
    y = slot.y if turns_sideways else grid.height - slot.y - slot.h
    upright_on_page = slot.turn % 180 == 0
    turn = slot.turn if upright_on_page == turns_sideways else (slot.turn + 180) % 360
    return Slot(x + offset[0], y + offset[1], slot.w, slot.h, turn)


def parse_offset(value: str) -> tuple[float, float]:
    """'0.5,-1' (mm) -> (0.5, -1.0); ValueError with a Dutch message."""
    match = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*", value)
    if not match:
        raise ValueError(f"'{value}' is geen verschuiving; schrijf X,Y in mm, bijvoorbeeld 0.5,-1")
    x, y = (float(part) for part in match.groups())
    if abs(x) > 10 or abs(y) > 10:
        raise ValueError(f"verschuiving {value} mm is groter dan 10 mm; klopt de meting?")
    return x, y


def note_box(grid: Grid, text_height: float = 2.6) -> Slot | None:
    """Room for a line of text in the bottom margin: between two crop marks, in the printable
    area, below the cards and their bleed. None if there is none."""
    block_bottom = max(slot.y + slot.h for slot in grid.slots) + grid.bleed
    edge = PRINTABLE_EDGE
    top = grid.height - edge - text_height
    if top < block_bottom + 0.5:
        return None
    xs = sorted({mark.x1 for mark in grid.marks if mark.x1 == mark.x2} | {edge, grid.width - edge})
    left, right = max(zip(xs, xs[1:], strict=False), key=lambda pair: pair[1] - pair[0])
    return Slot(left + 2, top, right - left - 4, text_height)


def saddle_stitch(pages: int, blank_back: bool = False) -> list[tuple[int, int]]:
    """Sides of the A4 sheets for an A5 booklet of `pages` pages, padded to a multiple of four
    with blanks (0). Per sheet: front (last, first), back (second, second-to-last); the front
    of sheet 1 is the outside of the booklet. With `blank_back` the back cover is always blank
    (the booklet's last page holds the printing note, which belongs inside)."""
    total = -(-(pages + blank_back) // 4) * 4
    sides = []
    for sheet in range(total // 4):
        front = (total - 2 * sheet, 2 * sheet + 1)
        back = (2 * sheet + 2, total - 2 * sheet - 1)
        sides += [front, back]
    return [tuple(n if n <= pages else 0 for n in side) for side in sides]

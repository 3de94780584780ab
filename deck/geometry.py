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

MIN_MARGIN = 5.0  # office printers cannot print closer to the edge
MARK_EDGE_GAP = 2.0  # crop marks stop this far from the page edge
MARK_CARD_GAP = 1.5  # and this far from the cards, so no mark shows on a cut card
MIN_MARK_LENGTH = 2.0


class Slot(NamedTuple):
    """Where a card side sits on a sheet: top-left corner, width and height in mm."""

    x: float
    y: float
    w: float
    h: float

    def as_json(self) -> dict:
        return {"x": round(self.x, 3), "y": round(self.y, 3), "w": self.w, "h": self.h}


class Mark(NamedTuple):
    """One crop mark: a line from (x1, y1) to (x2, y2) in mm."""

    x1: float
    y1: float
    x2: float
    y2: float

    def as_json(self) -> dict:
        return {k: round(v, 3) for k, v in self._asdict().items()}


class Grid(NamedTuple):
    """An n-up sheet: page size, where the cards go, and the crop marks around them."""

    width: float
    height: float
    columns: int
    rows: int
    slots: tuple[Slot, ...]
    marks: tuple[Mark, ...]

    @property
    def per_sheet(self) -> int:
        return len(self.slots)


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


def office_grid(paper: str, card: tuple[float, float], gutter: float = 0.0, margin: float = MIN_MARGIN) -> Grid:
    """The grid holding most cards on the paper, portrait or landscape sheet (portrait on a tie)."""
    paper_w, paper_h = PAPER_SIZES[paper]
    portrait = _grid(paper_w, paper_h, card, gutter, margin)
    landscape = _grid(paper_h, paper_w, card, gutter, margin)
    best = landscape if landscape.per_sheet > portrait.per_sheet else portrait
    if best.per_sheet == 0:
        w, h = card
        raise DeckError(
            [
                Problem(
                    "--size",
                    None,
                    "",
                    f"een kaart van {w:g}×{h:g} mm past niet op {paper.upper()} met {margin:g} mm marge",
                )
            ]
        )
    return best


def _grid(page_w: float, page_h: float, card: tuple[float, float], gutter: float, margin: float) -> Grid:
    w, h = card
    columns = max(0, int((page_w - 2 * margin + gutter) // (w + gutter)))
    rows = max(0, int((page_h - 2 * margin + gutter) // (h + gutter)))
    block_w = columns * w + (columns - 1) * gutter
    block_h = rows * h + (rows - 1) * gutter
    left, top = (page_w - block_w) / 2, (page_h - block_h) / 2
    slots = tuple(
        Slot(left + c * (w + gutter), top + r * (h + gutter), w, h) for r in range(rows) for c in range(columns)
    )
    marks = _crop_marks(page_w, page_h, slots, left, top, block_w, block_h) if slots else ()
    return Grid(page_w, page_h, columns, rows, slots, marks)


def _crop_marks(page_w, page_h, slots, left, top, block_w, block_h) -> tuple[Mark, ...]:
    """Ticks in the margins on the line of every card edge, stopping short of page edge and cards."""
    xs = sorted({round(s.x, 3) for s in slots} | {round(s.x + s.w, 3) for s in slots})
    ys = sorted({round(s.y, 3) for s in slots} | {round(s.y + s.h, 3) for s in slots})
    marks = []
    for x in xs:
        marks += _tick_pair(lambda a, b, x=x: Mark(x, a, x, b), top, top + block_h, page_h)
    for y in ys:
        marks += _tick_pair(lambda a, b, y=y: Mark(a, y, b, y), left, left + block_w, page_w)
    return tuple(marks)


def _tick_pair(make, block_start: float, block_end: float, page_extent: float) -> list[Mark]:
    ticks = []
    if block_start - MARK_CARD_GAP - MARK_EDGE_GAP >= MIN_MARK_LENGTH:
        ticks.append(make(MARK_EDGE_GAP, block_start - MARK_CARD_GAP))
    if page_extent - block_end - MARK_CARD_GAP - MARK_EDGE_GAP >= MIN_MARK_LENGTH:
        ticks.append(make(block_end + MARK_CARD_GAP, page_extent - MARK_EDGE_GAP))
    return ticks


def back_slot(grid: Grid, slot: Slot, flip: str, offset: tuple[float, float] = (0.0, 0.0)) -> Slot:
    """Where the back of the card in `slot` goes so that it lands behind its front.

    `flip` is the paper edge the sheet turns over (the printer's duplex setting). Turning over
    the edge that runs up and down the page (portrait + long, landscape + short) mirrors x;
    turning over the edge that runs across mirrors y. The offset corrects a printer's shift.
    """
    portrait = grid.width <= grid.height
    mirror_x = (flip == "long") == portrait
    x = grid.width - slot.x - slot.w if mirror_x else slot.x
    y = slot.y if mirror_x else grid.height - slot.y - slot.h
    return Slot(x + offset[0], y + offset[1], slot.w, slot.h)


def parse_offset(value: str) -> tuple[float, float]:
    """'0.5,-1' (mm) -> (0.5, -1.0); ValueError with a Dutch message."""
    match = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*", value)
    if not match:
        raise ValueError(f"'{value}' is geen verschuiving; schrijf X,Y in mm, bijvoorbeeld 0.5,-1")
    x, y = (float(part) for part in match.groups())
    if abs(x) > 10 or abs(y) > 10:
        raise ValueError(f"verschuiving {value} mm is groter dan 10 mm; klopt de meting?")
    return x, y


def note_box(grid: Grid, text_height: float = 2.0, edge: float = 5.0) -> Slot | None:
    """Room for a line of text in the bottom margin: between two crop marks, at least `edge` mm
    from the paper's edge (printers cannot print closer), below the cards. None if there is none."""
    block_bottom = max(slot.y + slot.h for slot in grid.slots)
    top = grid.height - edge - text_height
    if top < block_bottom + 0.5:
        return None
    xs = sorted({mark.x1 for mark in grid.marks if mark.x1 == mark.x2} | {edge, grid.width - edge})
    left, right = max(zip(xs, xs[1:], strict=False), key=lambda pair: pair[1] - pair[0])
    return Slot(left + 2, top, right - left - 4, text_height)


def saddle_stitch(pages: int) -> list[tuple[int, int]]:
    """Sides of the A4 sheets for an A5 booklet of `pages` pages, padded to a multiple of four
    with blanks (0). Per sheet: front (last, first), back (second, second-to-last); the front
    of sheet 1 is the outside of the booklet."""
    total = -(-pages // 4) * 4
    sides = []
    for sheet in range(total // 4):
        front = (total - 2 * sheet, 2 * sheet + 1)
        back = (2 * sheet + 2, total - 2 * sheet - 1)
        sides += [front, back]
    return [tuple(n if n <= pages else 0 for n in side) for side in sides]

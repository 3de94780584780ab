"""What a printer or a print shop measures, measured from the PDFs: text 5 mm inside the trim,
crop marks in the printable area, no type under 6 pt, one colour space for the print shop."""

import math
import re
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest

from deck.build import Request, build_targets
from deck.cli import main
from deck.geometry import CARD_SIZES, PAPER_SIZES, PRINTABLE_EDGE, office_grid, parse_size
from deck.render import CardOptions
from tests.pdf import MM, colour_operators, streams, text_colours

SIZES = [*CARD_SIZES, "50x80"]
# A card of each kind: questions with two-line band labels, poles, a finger card, a long card
# that flows over two sides; and the credits card each deck ends with.
SAMPLES = {"helpende-vragen": "20-22", "spanningsvelden": "1-2", "hand": "1", "werkkaarten": "1"}


def glyph_boxes(page) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Every visible glyph on a PDF page with its box (left, bottom, right, top in points).

    PDFium misplaces a hyphen inside a word in a placed page (a form XObject) by a whole card:
    a glyph far from both its neighbours in the text is left out."""
    textpage = page.get_textpage()
    glyphs = []
    for index in range(textpage.count_chars()):
        char = textpage.get_text_range(index, 1)
        if char.strip() and char not in "\u00ad\u200b\ufffe":
            left, bottom, right, top = textpage.get_charbox(index)
            if right > left:
                glyphs.append((char, (left, bottom, right, top)))
    return [
        glyph
        for before, glyph, after in zip([None, *glyphs[:-1]], glyphs, [*glyphs[1:], None], strict=True)
        if not (before and after and _far(glyph, before) and _far(glyph, after))
    ]


def _far(glyph, other) -> bool:
    return abs(glyph[1][1] - other[1][1]) > 10 * MM


def closest_to_edge(boxes, frame) -> float:
    """The smallest distance in mm from a glyph to the edge of the frame (left, bottom, right, top), for
    glyphs inside it."""
    left, bottom, right, top = frame
    distances = [
        min(box[0] - left, right - box[2], box[1] - bottom, top - box[3]) / MM
        for _, box in boxes
        if left <= (box[0] + box[2]) / 2 <= right and bottom <= (box[1] + box[3]) / 2 <= top
    ]
    return min(distances, default=99)


def build_samples(sources, out: Path, options: CardOptions) -> list[Path]:
    paths = []
    for deck, cards in SAMPLES.items():
        built = build_targets(sources, [deck], out / deck, Request(options, cards=cards))
        paths += [item.path for item in built]
    return paths


@pytest.mark.parametrize("size", SIZES)
def test_no_text_within_5mm_of_the_trim_in_shop_pdfs(sources, tmp_path, size):
    for path in build_samples(sources, tmp_path, CardOptions(parse_size(size), mode="shop")):
        for number, page in enumerate(pypdfium2.PdfDocument(str(path))):
            assert closest_to_edge(glyph_boxes(page), page.get_trimbox()) >= 5, (path.name, number)


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("size", SIZES)
def test_no_text_within_5mm_of_the_trim_on_office_sheets(sources, tmp_path, size, paper):
    card = parse_size(size)
    grid = office_grid(paper, card)
    for path in build_samples(sources, tmp_path, CardOptions(card, paper=paper)):
        for number, page in enumerate(pypdfium2.PdfDocument(str(path))):
            boxes = glyph_boxes(page)
            height = page.get_height()
            for slot in grid.slots:  # fronts; the backs' places are the same slots, mirrored
                for x in (slot.x, grid.width - slot.x - slot.w):
                    frame = (x * MM, height - (slot.y + slot.h) * MM, (x + slot.w) * MM, height - slot.y * MM)
                    assert closest_to_edge(boxes, frame) >= 5, (path.name, number, slot)


def test_a_category_name_too_long_for_the_band_is_an_error_naming_size_and_category(runner, tmp_path):
    sources = tmp_path / "bronnen"
    sources.mkdir()
    name = "Een heel lange categorie " * 12
    (sources / "lang.yaml").write_text(
        f'soort: kaarten\nid: lang\ntitel: "Lang"\nbron: {{publicatie: "x", uitgever: "y"}}\n'
        f'categorieen:\n  - naam: "{name.strip()}"\n    kaarten:\n      - tekst: "Korte vraag?"\n',
        encoding="utf-8",
    )
    result = runner.invoke(
        main, ["build", "--sources", str(sources), "--size", "50x80", "--out", str(tmp_path / "uit")]
    )
    assert result.exit_code == 1
    assert re.fullmatch(
        r"Fout: lang: de categorie 'Een heel lange categorie Een heel lange…' maakt de band \d+ mm hoog: te veel "
        r"voor een kaart van 50×80 mm; maak de naam korter of kies een grotere --size\n",
        result.stderr,
    ), result.stderr
    assert not (tmp_path / "uit").exists()


def test_a_three_line_category_wraps_inside_a_taller_band(runner, tmp_path):
    sources = tmp_path / "bronnen"
    sources.mkdir()
    (sources / "drie.yaml").write_text(
        'soort: kaarten\nid: drie\ntitel: "Drie"\nbron: {publicatie: "x", uitgever: "y"}\n'
        'categorieen:\n  - naam: "Vragen over de samenwerking met ouders en het netwerk"\n'
        '    kaarten:\n      - tekst: "Wat zie je?"\n',
        encoding="utf-8",
    )
    out = tmp_path / "uit"
    assert (
        runner.invoke(
            main, ["build", "--sources", str(sources), "--size", "50x80", "--mode", "shop", "--out", str(out)]
        ).exit_code
        == 0
    )
    page = pypdfium2.PdfDocument(str(out / "drie.pdf"))[0]
    textpage = page.get_textpage()
    text = textpage.get_text_range()
    start, end = text.index("Vragen"), text.index("netwerk") + len("netwerk")
    label = [textpage.get_charbox(i) for i in range(start, end) if textpage.get_text_range(i, 1).strip()]
    tops = sorted(box[3] for box in label)
    lines = 1 + sum(1 for a, b in zip(tops, tops[1:], strict=False) if b - a > 4)  # 7 pt lines, 9 pt apart
    assert lines == 3  # wrapped, not clipped or white on white
    band = [
        obj.get_bounds()
        for obj in page.get_objects(max_depth=4)
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH and obj.get_bounds()[2] - obj.get_bounds()[0] > 50 * MM
    ]
    [(_, band_bottom, _, _)] = band  # the band: the card-wide rectangle at the top
    assert min(box[1] for box in label) > band_bottom + 1 * MM


@pytest.mark.parametrize("paper", list(PAPER_SIZES))
@pytest.mark.parametrize("size", SIZES)
def test_crop_marks_are_printable_and_long_enough(sources, tmp_path, size, paper):
    """Every mark at least 5 mm from the paper's edge and 3 mm long; every cut line marked at both ends."""
    card = parse_size(size)
    out = tmp_path / "uit"
    build_targets(sources, ["hand"], out, Request(CardOptions(card, paper=paper), cards="1"))
    page = pypdfium2.PdfDocument(str(out / "hand-kaart-1.pdf"))[0]
    width, height = page.get_width() / MM, page.get_height() / MM
    marks = []
    for obj in page.get_objects(max_depth=4):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = (v / MM for v in obj.get_bounds())
            if min(right - left, top - bottom) < 0.3 and max(right - left, top - bottom) > 1:
                marks.append((left, height - top, right, height - bottom))
    grid = office_grid(paper, card)
    assert marks
    for left, top, right, bottom in marks:
        assert min(left, top, width - right, height - bottom) >= PRINTABLE_EDGE - 0.15  # half the 0.3 pt stroke
        assert max(right - left, bottom - top) >= 3
    cuts = {round(x, 2) for s in grid.slots for x in (s.x, s.x + s.w)}
    vertical = [m for m in marks if m[2] - m[0] < 0.3]
    for x in cuts:
        ends = [m for m in vertical if abs((m[0] + m[2]) / 2 - x) < 0.05]
        assert len(ends) == 2, (x, ends)  # one above the cards, one below


def test_gutter_gives_every_card_bleed_into_it(sources, tmp_path):
    """With a 3 mm gutter every back's colour reaches 1.5 mm past its trim on every side: a cut
    that is off by a little shows the card's own colour, not a white edge or a neighbour."""
    card = CARD_SIZES["poker"]
    grid = office_grid("a4", card, 3)
    build_targets(sources, ["emoties"], tmp_path, Request(CardOptions(card, gutter=3)))
    backs = pypdfium2.PdfDocument(str(tmp_path / "emoties.pdf"))[1]
    sizes = []
    for obj in backs.get_objects(max_depth=6):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = (v / MM for v in obj.get_bounds())
            sizes.append((round(right - left, 1), round(top - bottom, 1)))
    filled = (91.0, 66.0) if grid.slots[0].turn == 90 else (66.0, 91.0)
    assert sizes.count(filled) >= grid.per_sheet  # fill and pattern of every back, with 1.5 mm of bleed
    assert office_grid("a4", card).gutter == 1.0 and office_grid("a4", card).per_sheet == 9


def font_sizes(path: Path) -> set[float]:
    sizes = set()
    for page in pypdfium2.PdfDocument(str(path)):
        textpage = page.get_textpage()
        for index in range(textpage.count_chars()):
            if textpage.get_text_range(index, 1).strip():
                sizes.add(round(pdfium_c.FPDFText_GetFontSize(textpage, index), 2))
    return sizes


def test_no_type_under_6pt_anywhere(office, printshop):
    small = {}
    for path in [*office.glob("*.pdf"), *printshop.glob("*.pdf")]:
        under = {size for size in font_sizes(path) if size < 6}
        if under:
            small[path.name] = under
    assert small == {}


@pytest.mark.parametrize("size", ["bridge", "square"])
def test_no_type_under_6pt_on_small_cards(sources, tmp_path, size):
    for path in build_samples(sources, tmp_path, CardOptions(CARD_SIZES[size], mode="shop")):
        assert min(font_sizes(path)) >= 6, path.name


def test_a_print_shop_gets_cmyk_only_and_text_in_black_ink(printshop):
    """Cards, werkbladen and the booklet: no RGB or grey next to CMYK, and text in black ink alone,
    never the rich black (about 75/66/61/70) that deck's near-black would separate into."""
    assert len(list(printshop.glob("*.pdf"))) == 41
    for path in printshop.glob("*.pdf"):
        assert colour_operators(path) <= {"k", "K"}, path.name
        colours = text_colours(path)
        assert (0, 0, 0, 100) in colours, path.name
        rich_black = [c for c in colours if c[3] > 80 and sum(c[:3]) > 0]
        assert rich_black == [], (path.name, rich_black)


def card_text_angles(path: Path) -> list[set[int]]:
    """Per sheet, the angles (degrees) at which the cards' text runs, the sheet's own note left out."""
    sheets = []
    for page in pypdfium2.PdfDocument(str(path)):
        textpage = page.get_textpage()
        angles = set()
        for index in range(textpage.count_chars()):
            bottom = textpage.get_charbox(index)[1]
            if textpage.get_text_range(index, 1).strip() and bottom > 10 * MM:
                angles.add(round(math.degrees(pdfium_c.FPDFText_GetCharAngle(textpage.raw, index))) % 360)
        sheets.append(angles)
    return sheets


@pytest.mark.parametrize(
    ("size", "flip", "front", "back"),
    [
        ("poker", "long", 0, 0),
        ("poker", "short", 0, 180),
        ("a6", "long", 90, 270),
        ("a6", "short", 90, 90),
    ],
)
def test_backs_read_upright_when_the_card_is_turned_like_a_book(sources, tmp_path, size, flip, front, back):
    """An A6 card lies turned a quarter on the portrait sheet. Turned over the long edge, the sheet
    turns such a card top over bottom, so its back is printed turned half round the other way."""
    options = CardOptions(CARD_SIZES[size], flip=flip)
    build_targets(sources, ["hand"], tmp_path, Request(options, cards="1"))
    assert card_text_angles(tmp_path / "hand-kaart-1.pdf") == [{front}, {back}]


def test_every_card_of_every_default_deck_keeps_5mm(office, sources):
    """Not samples: every side of every card in the default build."""
    from deck.cards import default_size
    from deck.targets import list_targets

    decks = [target.id for target in list_targets(sources) if target.soort == "kaarten"]
    assert len(decks) >= 6
    for deck in decks:
        path = office / f"{deck}.pdf"
        grid = office_grid("a4", default_size(sources.documents[deck]))
        for number, page in enumerate(pypdfium2.PdfDocument(str(path))):
            boxes, height = glyph_boxes(page), page.get_height()
            for slot in grid.slots:
                for x in (slot.x, grid.width - slot.x - slot.w):
                    frame = (x * MM, height - (slot.y + slot.h) * MM, (x + slot.w) * MM, height - slot.y * MM)
                    assert closest_to_edge(boxes, frame) >= 5, (path.name, number, slot)


def test_no_rule_thinner_than_a_quarter_point(office, printshop):
    thin = {}
    for path in [*office.glob("*.pdf"), *printshop.glob("*.pdf")]:
        widths = {float(w) for stream in streams(path) for w in re.findall(r"(?<![\w.])([\d.]+) w\b", stream)}
        if any(width < 0.25 for width in widths):
            thin[path.name] = sorted(widths)[:3]
    assert thin == {}

"""Card decks as printed: page sizes, counts, bleed, fonts, text, mirrored backs, overflow."""

import json
import re
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from pypdf import PdfReader

from deck.build import Request, build_targets
from deck.cards import deck_cards
from deck.cli import main
from deck.geometry import CARD_SIZES, PAPER_SIZES, Grid, Slot, back_slot, office_grid, parse_size
from deck.render import CardOptions
from deck.targets import list_targets
from tests.pdf import (
    A4,
    MM,
    fonts_in,
    hyphenated_words,
    normalise,
    pdf_text,
    printed,
    reader,
    running_text,
    size_of,
    tight,
)


def test_default_build_writes_every_deck_and_werkblad(office, sources):
    assert sorted(p.name for p in office.iterdir()) == [
        "achtergrond.pdf",
        "amalia.pdf",
        "b1-woorden.pdf",
        "basisprincipes.pdf",
        "casusanalyse-werkblad.pdf",
        "citaten.pdf",
        "dogma-overtuiging.pdf",
        "dogmas.pdf",
        "emoties.pdf",
        "facilitatorboekje-a4-drukvel.pdf",
        "facilitatorboekje.pdf",
        "feiten-of-interpretaties.pdf",
        "hand-werkblad.pdf",
        "hand.pdf",
        "helpende-vragen.pdf",
        "incidentmethode.pdf",
        "intentieverklaring.pdf",
        "interviews.pdf",
        "kennismaken.pdf",
        "kernteam.pdf",
        "leidinggevenden.pdf",
        "notitie-aan-jezelf.pdf",
        "oefeningen.pdf",
        "patronen-checklist.pdf",
        "patronen.pdf",
        "perspectiefwissel.pdf",
        "retrospectieve-casusanalyse.pdf",
        "samenwerken-ret.pdf",
        "spanningsveld-lijn.pdf",
        "spanningsvelden.pdf",
        "sprekende-verhalen.pdf",
        "teamoverleg.pdf",
        "tijdlijn.pdf",
        "verder-lezen.pdf",
        "visualiseren.pdf",
        "welk-leren-werkblad.pdf",
        "welk-leren.pdf",
        "werkkaarten.pdf",
        "werkwoorden.pdf",
        "werkzame-elementen.pdf",
        "wijsheid-van-de-groep.pdf",
        "zelfscan.pdf",
    ]


@pytest.mark.parametrize("deck", ["helpende-vragen", "spanningsvelden", "emoties", "hand", "werkkaarten", "oefeningen"])
def test_office_sheets_are_a4(office, deck):
    """Portrait, always: two A6 cards are turned a quarter on the sheet instead, so that one back
    offset (deck uitlijntest) holds for every sheet."""
    for page in reader(office / f"{deck}.pdf").pages:
        assert size_of(page.mediabox) == pytest.approx(A4, abs=0.01)


@pytest.mark.parametrize("deck", ["helpende-vragen", "spanningsvelden", "emoties", "hand"])
def test_poker_decks_have_nine_cards_per_sheet_and_a_back_sheet_each(office, sources, deck):
    cards = len(deck_cards(sources.documents[deck])) + 1  # + the credits card
    sheets = -(-cards // 9)
    assert len(reader(office / f"{deck}.pdf").pages) == 2 * sheets


@pytest.mark.parametrize("deck", ["helpende-vragen", "spanningsvelden", "emoties", "hand", "werkkaarten", "oefeningen"])
def test_only_the_bundled_font_is_used(office, deck):
    fonts = fonts_in(office / f"{deck}.pdf")
    assert fonts, "no fonts found"
    assert all("AtkinsonHyperlegible" in name for name in fonts), fonts


def test_every_question_is_in_the_helpende_vragen_pdf(office, sources):
    cards = deck_cards(sources.documents["helpende-vragen"])
    assert (
        printed(
            [card.tekst for card in cards] + [item for card in cards for item in card.lijst],
            office / "helpende-vragen.pdf",
        )
        == []
    )


@pytest.mark.parametrize("deck", ["spanningsvelden", "emoties", "hand"])
def test_every_item_is_in_the_deck_pdf(office, sources, deck):
    cards = deck_cards(sources.documents[deck])
    # a finger card shows the finger and its options, not the whole sentence they come from
    items = [card.titel if card.vorm == "vinger" else card.tekst for card in cards]
    items += [item for card in cards for item in card.lijst]
    assert printed(items, office / f"{deck}.pdf") == []


@pytest.fixture(scope="module")
def shop(tmp_path_factory, sources):
    """The long-card decks one side per page, so the running text can be read in order."""
    out = tmp_path_factory.mktemp("shop")
    build_targets(sources, ["werkkaarten", "oefeningen"], out, Request(CardOptions(mode="shop")))
    return out


def flow_items(cards) -> list[str]:
    items = [b.get("tekst") for card in cards for b in card.blokken if b.get("tekst")]
    return items + [item for card in cards for b in card.blokken for item in b.get("items", [])]


def test_werkkaarten_are_printed_in_full(shop, sources):
    items = flow_items(deck_cards(sources.documents["werkkaarten"]))
    assert len(items) > 300
    text = running_text(shop / "werkkaarten.pdf")
    assert [item for item in items if tight(item) not in text] == []
    kaart8 = sources.documents["werkkaarten"].werkkaarten[7]
    assert [quote for quote in kaart8.fasecitaten if tight(quote) not in text] == []


def test_oefeningen_are_printed_in_full(shop, sources):
    items = flow_items(deck_cards(sources.documents["oefeningen"]))
    text = running_text(shop / "oefeningen.pdf")
    assert [item for item in items if tight(item) not in text] == []


def test_long_cards_hyphenate_only_narrow_lines(shop, sources, tmp_path):
    """On A6 (93 mm of text, about 60 characters a line) running text reads better unbroken; at
    poker size (53 mm, about 35 characters) Dutch hyphenation keeps the right edge even."""
    assert hyphenated_words(shop / "werkkaarten.pdf") == []
    assert hyphenated_words(shop / "oefeningen.pdf") == []
    build_targets(sources, ["werkkaarten"], tmp_path, Request(CardOptions(CARD_SIZES["poker"], mode="shop"), cards="1"))
    words = hyphenated_words(tmp_path / "werkkaarten-kaart-1.pdf")
    assert len(words) >= 10
    first = deck_cards(sources.documents["werkkaarten"])[0]
    source = tight(" ".join([*flow_items([first]), first.bron.credit]))
    assert [word for word in words if word not in source] == []  # broken inside words of werkkaart 1 or its credit


def test_oefeningen_show_stated_and_summed_minutes(office):
    assert (
        printed(
            ["2 personen · 40-60 minuten", "Stappen samen: 50–65 min", "Stappen samen: 45 min"],
            office / "oefeningen.pdf",
        )
        == []
    )


def test_card_numbers_and_credits(office):
    text = pdf_text(office / "spanningsvelden.pdf")
    assert "7/58" in text and "58/58" in text
    assert "De tekst op deze kaarten komt woordelijk uit:" in text
    assert "Samen bereiken wat niemand alleen lukt (titel afgeleid), Nederlands Jeugdinstituut" in text
    assert "Anita Kraak, Nederlands Jeugdinstituut, in samenwerking met Marieke Rietbergen" in text
    assert tight("https://www.nji.nl/publicaties/samen-bereiken-wat-niemand-alleen-lukt") in tight(text)


def test_shop_mode_has_bleed_and_trimbox(tmp_path, sources):
    build_targets(sources, ["hand"], tmp_path, Request(CardOptions(mode="shop")))
    pdf = reader(tmp_path / "hand.pdf")
    assert len(pdf.pages) == 2 * 7  # five fingers, the credits card and the rights card, front and back
    for page in pdf.pages:
        assert size_of(page.mediabox) == pytest.approx((69 * MM, 94 * MM), abs=0.01)
        assert size_of(page.trimbox) == pytest.approx((63 * MM, 88 * MM), abs=0.01)
        assert float(page.trimbox.left) == pytest.approx(3 * MM, abs=0.01)


def test_letter_paper(tmp_path, sources):
    build_targets(sources, ["hand"], tmp_path, Request(CardOptions(paper="letter")))
    assert size_of(reader(tmp_path / "hand.pdf").pages[0].mediabox) == pytest.approx((612, 792), abs=0.01)


def test_same_input_gives_identical_bytes(tmp_path, sources):
    first, second = tmp_path / "a", tmp_path / "b"
    build_targets(sources, ["spanningsvelden"], first)
    build_targets(sources, ["spanningsvelden"], second)
    assert (first / "spanningsvelden.pdf").read_bytes() == (second / "spanningsvelden.pdf").read_bytes()


# --- the grid and the backs ------------------------------------------------------------------------


def test_poker_on_a4_is_three_by_three_with_margins_of_at_least_5mm():
    grid = office_grid("a4", CARD_SIZES["poker"])
    assert (grid.columns, grid.rows, grid.width, grid.height) == (3, 3, 210, 297)
    xs = [s.x for s in grid.slots]
    ys = [s.y for s in grid.slots]
    assert min(xs) >= 5 and 210 - max(x + 63 for x in xs) >= 5
    assert min(ys) >= 5 and 297 - max(y + 88 for y in ys) >= 5


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("size", list(CARD_SIZES))
def test_crop_marks_stay_outside_cards_and_off_the_page_edge(paper, size):
    grid = office_grid(paper, CARD_SIZES[size])
    assert grid.marks
    for mark in grid.marks:
        for x, y in ((mark.x1, mark.y1), (mark.x2, mark.y2)):
            assert 2 <= x <= grid.width - 2 and 2 <= y <= grid.height - 2
            assert not any(s.x < x < s.x + s.w and s.y < y < s.y + s.h for s in grid.slots)
    cut_lines = {round(s.x, 3) for s in grid.slots} | {round(s.x + s.w, 3) for s in grid.slots}
    vertical_marks = {round(m.x1, 3) for m in grid.marks if m.x1 == m.x2}
    assert vertical_marks == cut_lines


def test_grid_is_computed_not_tabled():
    assert office_grid("a4", (40, 40)).per_sheet == 4 * 6
    assert office_grid("a4", (100, 60)).per_sheet == 1 * 4 + 2  # turned a quarter: 3 × 2
    assert {slot.turn for slot in office_grid("a4", (100, 60)).slots} == {90}
    assert {slot.turn for slot in office_grid("a4", (60, 100)).slots} == {0}
    assert office_grid("a4", (60, 100)).width == 210


UP = {0: (0, -1), 90: (1, 0), 180: (0, 1), 270: (-1, 0)}  # where a side's top points on the page, per turn


def turned_over(vector, flip):
    """A direction on the back page as it lies after turning the sheet over the flip edge, in the front's frame."""
    dx, dy = vector
    return (-dx, dy) if flip == "long" else (dx, -dy)


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("size", [*CARD_SIZES, "50x80", "100x60"])
@pytest.mark.parametrize("flip", ["long", "short"])
def test_backs_land_behind_their_fronts_the_right_way_up(paper, size, flip):
    """Turning the (portrait) sheet over the chosen edge brings every back exactly behind its
    front, and a card turned over like a book (about its own up) shows its back upright."""
    grid = office_grid(paper, parse_size(size))
    assert grid.width < grid.height
    for slot in grid.slots:
        back = back_slot(grid, slot, flip)
        x = grid.width - back.x - back.w if flip == "long" else back.x
        y = back.y if flip == "long" else grid.height - back.y - back.h
        assert (x, y, back.w, back.h) == pytest.approx((slot.x, slot.y, slot.w, slot.h))
        front_up = UP[slot.turn]
        right = (-front_up[1], front_up[0])
        # like a book: the top stays where it was, the right-hand edge goes to the left
        assert turned_over(UP[back.turn], flip) == front_up
        back_right = (-UP[back.turn][1], UP[back.turn][0])
        assert turned_over(back_right, flip) == (-right[0], -right[1])


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("size", list(CARD_SIZES))
@pytest.mark.parametrize("flip", ["long", "short"])
def test_one_offset_read_from_the_alignment_sheet_corrects_every_sheet(paper, size, flip):
    """A printer shifts what it prints on the back by (-1.5, +0.5) mm in the paper's own frame. The
    alignment sheet's rulers shift with it, so the front's lines read (1.5, -0.5) on them; that
    offset, given to deck, puts every back of every size exactly behind its front."""
    shift = (-1.5, 0.5)
    width, height = PAPER_SIZES[paper]
    alignment = Grid(width, height, 0, 0, (), ())
    line = Slot(width * 0.3, height * 0.62, 0, 0)
    ruler_zero = back_slot(alignment, line, flip)
    printed_zero = (ruler_zero.x + shift[0], ruler_zero.y + shift[1])
    reading = (ruler_zero.x - printed_zero[0], ruler_zero.y - printed_zero[1])  # the line, on the ruler
    grid = office_grid(paper, CARD_SIZES[size])
    for slot in grid.slots:
        wanted = back_slot(grid, slot, flip)
        corrected = back_slot(grid, slot, flip, reading)
        assert (corrected.x + shift[0], corrected.y + shift[1]) == pytest.approx((wanted.x, wanted.y))


def test_back_offset_shifts_only_backs():
    grid = office_grid("a4", CARD_SIZES["poker"])
    slot = grid.slots[0]
    assert back_slot(grid, slot, "long", (0.5, -1)).x == pytest.approx(back_slot(grid, slot, "long").x + 0.5)
    assert back_slot(grid, slot, "long", (0.5, -1)).y == pytest.approx(slot.y - 1)


def card_rects(path: Path, page: int, width_mm: float, height_mm: float) -> set[tuple[float, float]]:
    """Top-left corners (mm) of the rectangles of this size on a sheet: the category bands of the
    fronts or the backgrounds of the backs, each with its bleed."""
    document = pypdfium2.PdfDocument(str(path))
    sheet = document[page]
    paper_height = sheet.get_height()
    found = set()
    for obj in sheet.get_objects(max_depth=6):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = obj.get_bounds()
            if abs((right - left) / MM - width_mm) < 0.2 and abs((top - bottom) / MM - height_mm) < 0.2:
                found.add((round(left / MM, 1), round((paper_height - top) / MM, 1)))
    return found


@pytest.mark.parametrize("flip", ["long", "short"])
def test_back_sheet_mirrors_front_sheet_in_the_pdf(tmp_path, sources, flip):
    options = CardOptions(flip=flip, back_offset=(2.0, -1.0))
    build_targets(sources, ["helpende-vragen"], tmp_path, Request(options))
    bleed = office_grid("a4", CARD_SIZES["poker"]).bleed
    assert bleed > 0
    pdf = tmp_path / "helpende-vragen.pdf"
    band = _band_height(pdf)
    fronts = {(x + bleed, y + bleed) for x, y in card_rects(pdf, 0, 63 + 2 * bleed, band + bleed)}
    backs = {(round(x + bleed, 1), round(y + bleed, 1)) for x, y in card_rects(pdf, 1, 63 + 2 * bleed, 88 + 2 * bleed)}
    assert len(fronts) == len(backs) == 9
    if flip == "long":
        expected = {(round(210 - x - 63 + 2, 1), round(y - 1, 1)) for x, y in fronts}
    else:
        expected = {(round(x + 2, 1), round(297 - y - 88 - 1, 1)) for x, y in fronts}
    assert backs == expected


def _band_height(pdf: Path) -> float:
    """The height of the fronts' bands on the first sheet: the tallest card-wide rectangle under 20 mm."""
    document = pypdfium2.PdfDocument(str(pdf))
    heights = []
    for obj in document[0].get_objects(max_depth=6):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            left, bottom, right, top = obj.get_bounds()
            if abs((right - left) / MM - 64) < 0.2 and (top - bottom) / MM < 20:
                heights.append(round((top - bottom) / MM, 2))
    return max(heights) - 0.5


@pytest.mark.parametrize("flip", ["long", "short"])
def test_each_back_sits_behind_its_own_front(flip):
    """Card by card: the back of card k is in the slot mirrored from the front of card k."""
    from deck.render import _sheet_payload

    grid = office_grid("a4", CARD_SIZES["poker"])
    physical = [((k, "front"), (k, "back")) for k in range(12)]
    sheets = _sheet_payload(grid, physical, CardOptions(flip=flip), lambda s: {"card": s[0]})["sheets"]
    for fronts, backs in zip(sheets[::2], sheets[1::2], strict=True):
        back_of = {slot["card"]: slot for slot in backs["slots"]}
        for front in fronts["slots"]:
            back = back_of[front["card"]]
            if flip == "long":
                assert (back["x"], back["y"]) == pytest.approx((210 - front["x"] - 63, front["y"]))
            else:
                assert (back["x"], back["y"]) == pytest.approx((front["x"], 297 - front["y"] - 88))


# --- text that does not fit ---------------------------------------------------------------------------


def write_deck(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "lang.yaml").write_text(
        'soort: kaarten\nid: lang\ntitel: "Te lang"\nbron: {publicatie: "x", uitgever: "y"}\n'
        f'categorieen:\n  - naam: "Test"\n    kaarten:\n      - tekst: "Korte vraag?"\n      - tekst: "{text}"\n',
        encoding="utf-8",
    )
    return folder


def test_text_too_long_stops_the_build_naming_the_card(runner, tmp_path):
    sources = write_deck(tmp_path / "src", " ".join(["Wat zie je gebeuren in deze situatie?"] * 30))
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "lang", "--sources", str(sources), "--out", str(out)])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert re.fullmatch(
        r"Fout: lang: kaart 2/2 \(Test: 'Wat zie je gebeuren in deze situatie\? W…'\): tekst past niet, "
        r"ook niet in de kleinste letter \(9 pt\): \d+\.\d mm te lang voor \d+ mm ruimte op een kaart van 63×88 mm; "
        r"maak de tekst korter of kies een grotere --size",
        line,
    ), line
    assert not out.exists()


def test_word_wider_than_the_card_stops_the_build(runner, tmp_path):
    number = "1234567890" * 5
    sources = write_deck(tmp_path / "src", f"Bel {number} als het niet lukt.")
    result = runner.invoke(main, ["build", "lang", "--sources", str(sources), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert re.fullmatch(
        rf"Fout: lang: kaart 2/2 \(Test: 'Bel {number[:35]}…'\): het woord '{number}' is "
        r"\d+\.\d mm breder dan de regel \(52 mm\)",
        line,
    ), line


def test_previous_output_survives_a_failed_build(runner, tmp_path):
    sources = write_deck(tmp_path / "src", "Korte tekst.")
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", "lang", "--sources", str(sources), "--out", str(out)]).exit_code == 0
    before = (out / "lang.pdf").read_bytes()
    write_deck(tmp_path / "src", " ".join(["Wat zie je gebeuren?"] * 80))
    assert runner.invoke(main, ["build", "lang", "--sources", str(sources), "--out", str(out)]).exit_code == 1
    assert (out / "lang.pdf").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["lang.pdf"]


def test_rebuilds_reuse_fitted_sizes_and_still_catch_text_that_does_not_fit(tmp_path, monkeypatch):
    """Each card's fitted size is kept (in memory and in the cache folder): the next build gives
    the same PDF without measuring, and an edited card is measured anew."""
    import deck.sizes as sizes
    from deck.errors import DeckError
    from deck.sources import load_sources

    monkeypatch.setenv("DECK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(sizes, "_memory", {})
    measured = []
    remember = sizes.remember
    monkeypatch.setattr(sizes, "remember", lambda kept, found: (measured.append(found), remember(kept, found)))
    sources = write_deck(tmp_path / "src", "Wat zie je gebeuren als het spannend wordt in het gezin?")
    build_targets(load_sources(sources), ["lang"], tmp_path / "koud")
    [cache] = (tmp_path / "cache").glob("maten-*.json")
    assert len(json.loads(cache.read_text())) == 3  # two cards and the credits card
    assert [len(found) for found in measured] == [3]
    monkeypatch.setattr(sizes, "_memory", {})  # as in a new process: only the file is left
    build_targets(load_sources(sources), ["lang"], tmp_path / "warm")
    assert [len(found) for found in measured] == [3, 0]  # nothing measured: every size was known
    assert (tmp_path / "warm" / "lang.pdf").read_bytes() == (tmp_path / "koud" / "lang.pdf").read_bytes()
    write_deck(tmp_path / "src", " ".join(["Wat zie je gebeuren in deze situatie?"] * 30))
    with pytest.raises(DeckError, match="tekst past niet"):
        build_targets(load_sources(sources), ["lang"], tmp_path / "warm")


def test_a_damaged_size_cache_is_ignored(tmp_path, monkeypatch):
    import deck.sizes as sizes
    from deck.sources import load_sources

    monkeypatch.setenv("DECK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(sizes, "_memory", {})
    sources = write_deck(tmp_path / "src", "Korte vraag?")
    build_targets(load_sources(sources), ["lang"], tmp_path / "eerst")
    [cache] = (tmp_path / "cache").glob("maten-*.json")
    damaged = {key: {"size": "groot", "hyph": 1} for key in json.loads(cache.read_text())}
    cache.write_text(json.dumps(damaged))
    monkeypatch.setattr(sizes, "_memory", {})
    build_targets(load_sources(sources), ["lang"], tmp_path / "daarna")
    assert (tmp_path / "daarna" / "lang.pdf").read_bytes() == (tmp_path / "eerst" / "lang.pdf").read_bytes()
    cache.write_text("{niet: json")
    monkeypatch.setattr(sizes, "_memory", {})
    build_targets(load_sources(sources), ["lang"], tmp_path / "weer")
    assert (tmp_path / "weer" / "lang.pdf").read_bytes() == (tmp_path / "eerst" / "lang.pdf").read_bytes()


def test_a_tampered_size_cache_cannot_make_text_clip_and_check_measures_anyway(tmp_path, monkeypatch, runner):
    """A remembered size is a hint: one that is too big for its card (or outside start and floor)
    is measured anew, so the PDF is the one a fresh build makes; deck check ignores the cache."""
    import deck.sizes as sizes
    from deck.cli import main
    from deck.sources import load_sources

    monkeypatch.setenv("DECK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(sizes, "_memory", {})
    sources = write_deck(tmp_path / "src", " ".join(["Wat zie je gebeuren in deze situatie?"] * 5))
    build_targets(load_sources(sources), ["lang"], tmp_path / "eerst")
    [cache] = (tmp_path / "cache").glob("maten-*.json")
    for size in (40, 200, 1):
        cache.write_text(json.dumps({key: {"size": size, "hyph": False} for key in json.loads(cache.read_text())}))
        monkeypatch.setattr(sizes, "_memory", {})
        build_targets(load_sources(sources), ["lang"], tmp_path / "daarna")
        assert (tmp_path / "daarna" / "lang.pdf").read_bytes() == (tmp_path / "eerst" / "lang.pdf").read_bytes()
    measured = []
    remember = sizes.remember
    monkeypatch.setattr(sizes, "remember", lambda kept, found: (measured.append(len(found)), remember(kept, found)))
    monkeypatch.setattr(sizes, "_memory", {})
    assert runner.invoke(main, ["check", "lang", "--sources", str(sources)]).exit_code == 0
    assert measured == [3]  # every card of the deck measured, none taken from the cache


# --- images and selections --------------------------------------------------------------------------


def test_png_export_one_file_per_card_at_300_ppi(tmp_path, sources):
    from PIL import Image

    build_targets(sources, ["hand"], tmp_path, Request(CardOptions(fmt="png"), cards="1-3"))
    files = sorted(p.name for p in (tmp_path / "hand-kaarten-1-3").iterdir())
    assert files == ["001.png", "002.png", "003.png"]
    with Image.open(tmp_path / "hand-kaarten-1-3" / "001.png") as image:
        assert image.size == (744, 1039)  # 63 × 88 mm at 300 ppi
        assert tuple(round(value) for value in image.info["dpi"]) == (300, 300)  # and says so
        image.load()  # the added chunk keeps the file whole


def test_png_export_of_a_whole_deck_keeps_both_cards_with_the_sources(tmp_path, sources):
    build_targets(sources, ["hand"], tmp_path, Request(CardOptions(fmt="png")))
    files = sorted(p.name for p in (tmp_path / "hand").iterdir())
    assert files == ["001.png", "002.png", "003.png", "004.png", "005.png", "bronnen-2.png", "bronnen.png"]


def test_images_rendered_in_two_shares_are_the_images_of_one(tmp_path, sources):
    """PNG export splits a deck into a share per process; together the shares are exactly the deck
    (rendered one after the other here: a process that has used Typst never forks)."""
    request = Request(CardOptions(fmt="png"), cards="1-5")
    build_targets(sources, ["hand"], tmp_path / "een", request, jobs=1)
    build_targets(sources, ["hand"], tmp_path / "twee", request, jobs=2)
    one, two = (sorted((tmp_path / name / "hand-kaarten-1-5").iterdir()) for name in ("een", "twee"))
    assert [p.name for p in two] == ["001.png", "002.png", "003.png", "004.png", "005.png"]
    assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two]
    build_targets(sources, ["hand"], tmp_path / "een-kaart", Request(CardOptions(fmt="png"), cards="2"), jobs=2)
    assert [p.name for p in (tmp_path / "een-kaart" / "hand-kaart-2").iterdir()] == ["002.png"]


def test_cards_selection_keeps_the_deck_numbers(tmp_path, sources):
    build_targets(sources, ["spanningsvelden"], tmp_path, Request(CardOptions(mode="shop"), cards="3,7-9"))
    pdf = reader(tmp_path / "spanningsvelden-kaarten-3,7-9.pdf")
    assert len(pdf.pages) == 8
    fronts = [normalise(pdf.pages[i].extract_text()) for i in range(0, 8, 2)]
    assert ["3/58" in fronts[0], "7/58" in fronts[1], "9/58" in fronts[3]] == [True, True, True]


def test_content_is_never_evaluated_as_typst(tmp_path, runner):
    sources = write_deck(tmp_path / "src", '#panic(\\"x\\") $5 *per* uur_ <b> @ref [x] {y} \\\\ /')
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "lang", "--sources", str(sources), "--out", str(out), "--mode", "shop"])
    assert result.exit_code == 0, result.stderr
    # straight quotes are set as Dutch curly quotes; every other character prints as typed
    assert "#panic(“x”) $5 *per* uur_ <b> @ref [x] {y} \\ /" in pdf_text(out / "lang.pdf")


def test_svg_and_long_card_images_are_named_after_the_deck_numbers(tmp_path, sources):
    build_targets(sources, ["werkkaarten"], tmp_path, Request(CardOptions(fmt="svg"), cards="3"))
    files = sorted(p.name for p in (tmp_path / "werkkaarten-kaart-3").iterdir())
    # three sides of text: the fourth side of the printed card would be a plain back, not made as an image
    assert files == ["003-2.svg", "003-achterkant.svg", "003.svg"]
    assert (tmp_path / "werkkaarten-kaart-3" / "003.svg").read_bytes().startswith(b"<svg")


def test_check_reports_cards_that_do_not_fit(runner, tmp_path):
    number = "1234567890" * 5
    sources = write_deck(tmp_path / "src", f"Bel {number} als het niet lukt.")
    result = runner.invoke(main, ["check", "--sources", str(sources)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Fout: lang: kaart 2/2 (Test: 'Bel 1234")
    assert not (tmp_path / "build").exists()


def test_alignment_sheet(runner, tmp_path):
    result = runner.invoke(main, ["uitlijntest", "--out", str(tmp_path), "--flip", "short"])
    assert result.exit_code == 0, result.stderr
    pdf = reader(tmp_path / "uitlijntest.pdf")
    assert len(pdf.pages) == 2
    assert all(size_of(page.mediabox) == pytest.approx(A4, abs=0.01) for page in pdf.pages)
    front, back = (normalise(page.extract_text()) for page in pdf.pages)
    assert "omslaan langs de korte kant" in front and "--back-offset X,Y" in front
    assert "Uitlijntest: achterkant" in back and "-10" in back.replace("−", "-")


@pytest.mark.parametrize("deck", ["helpende-vragen", "emoties", "werkkaarten"])
def test_shop_text_stays_in_the_safe_zone(tmp_path, sources, deck):
    """Every line of text starts at least 4 mm inside the trim (3 mm bleed around it)."""
    build_targets(sources, [deck], tmp_path, Request(CardOptions(mode="shop")))
    for page in reader(tmp_path / f"{deck}.pdf").pages:
        trim = page.trimbox
        left, top, bottom = float(trim.left), float(trim.top), float(trim.bottom)
        starts = []

        def visit(text, cm, tm, font, size, starts=starts, left=left, top=top, bottom=bottom):
            if text.strip():
                starts.append(
                    (
                        (tm[4] * cm[0] + cm[4] - left) / MM,
                        (top - (tm[5] * cm[3] + cm[5])) / MM,
                        ((tm[5] * cm[3] + cm[5]) - bottom) / MM,
                    )
                )

        page.extract_text(visitor_text=visit)
        assert starts
        for from_left, from_top, from_bottom in starts:
            assert from_left >= 4 and from_top >= 4 and from_bottom >= 4, (from_left, from_top, from_bottom)


def test_rebuilds_in_one_process_print_the_new_text_not_the_old(tmp_path):
    """Typst gets its data from one file per compiler, rewritten for every build (deck/typeset.py):
    texts of the same length, rebuilt at once, must each reach the PDF."""
    from deck.sources import load_sources

    for word in ("Vraag Aap?", "Vraag Bok?", "Vraag Cor?"):
        sources = write_deck(tmp_path / "src", word)
        build_targets(load_sources(sources), ["lang"], tmp_path / "uit", jobs=1)
        text = tight(" ".join(page.extract_text() for page in PdfReader(tmp_path / "uit" / "lang.pdf").pages))
        assert tight(word) in text
        assert not any(tight(other) in text for other in ("Vraag Aap?", "Vraag Bok?", "Vraag Cor?") if other != word)


def test_slides_put_every_card_side_with_text_on_a_16_9_page(tmp_path, sources):
    built = build_targets(sources, ["werkkaarten"], tmp_path, Request(CardOptions(fmt="slides"), cards="1"))
    assert [item.path.name for item in built] == ["werkkaarten-kaart-1-dia.pdf"]
    pages = reader(tmp_path / "werkkaarten-kaart-1-dia.pdf").pages
    assert len(pages) >= 2 and len(pages) == built[0].pages  # werkkaart 1 runs over several sides, each a slide
    for page in pages:
        assert size_of(page.mediabox) == pytest.approx((338.67 * MM, 190.5 * MM), abs=0.01)
    assert "De rol van facilitator vervullen" in pages[0].extract_text()


def test_a_reprinted_card_is_the_card_of_the_whole_deck(sources):
    """A selection keeps the whole deck's band: a category elsewhere in the deck that needs two
    lines makes every band two lines tall, also on a card printed again on its own."""
    from deck.build import render_targets

    def images(deck_id: str, cards: str | None = None) -> dict[str, bytes]:
        return render_targets(sources, [deck_id], Request(CardOptions(fmt="png", ppi=30), cards), jobs=1)[0][2].images

    for target in (t for t in list_targets(sources) if t.soort == "kaarten"):
        whole = images(target.id)
        numbered = sorted(name for name in whole if re.fullmatch(r"\d{3}\.png", name))
        first, last = numbered[0], numbered[-1]
        again = images(target.id, f"{int(first[:3])},{int(last[:3])}")
        assert (again[first], again[last]) == (whole[first], whole[last]), target.id

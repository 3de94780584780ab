"""A long, messy real-life casus on every werkblad: every word printed, nothing over anything,
nothing off the page; what cannot fit stops the build with the field, its length and the room."""

import re

import pytest

from deck.cli import main
from deck.werkbladen import SHEETS
from tests.pdf import MM, overlapping, pdf_text, reader, text_boxes, tight

WORDS = (
    "moeder vader José school gesprek melding jeugdbeschermer afspraak zorgen veiligheid thuis oma "
    "buurvrouw huisarts plan overleg verwijzing ruzie wijkteam Çelik Müller één zoë"
).split()


def text_of(length: int, seed: int) -> str:
    """Ordinary Dutch-looking text of exactly `length` characters, ending in a full stop."""
    words, index = [], seed
    while len(" ".join(words)) < length:
        words.append(WORDS[index % len(WORDS)])
        index = index * 7 + 3
    return (" ".join(words)[: length - 1].rstrip() + ".").ljust(length, "x")[:length]


def longest_casus(path):
    """Every field at its longest, every list at its most: 16 events, 12 betrokkenen."""
    lines = [
        f'titel: "{text_of(150, 1)}"',
        "datum: 2026-11-23",
        f'inbrenger: "{text_of(100, 2)}"',
        f'facilitator: "{text_of(100, 3)}"',
        f'groep: "{text_of(100, 4)}"',
        f'beschrijving: "{text_of(2000, 5)}"',
        "gebeurtenissen:",
    ]
    for number in range(16):
        place = "boven" if number % 3 else "onder"
        lines += [
            f'  - datum: "{text_of(40, number)}"',
            f'    tekst: "{text_of(300, 10 + number)}"',
            f"    plek: {place}",
        ]
    lines += ["betrokkenen:", *(f'  - "{text_of(100, 40 + n)}"' for n in range(12))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lang")
    casus = longest_casus(folder / "casus.yaml")
    sheets = [sheet.id for sheet in SHEETS]
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["build", *sheets, "--casus", str(casus), "--out", str(folder / "uit")])
    assert result.exit_code == 0, result.stderr
    return folder


@pytest.mark.parametrize("sheet", [sheet.id for sheet in SHEETS])
def test_the_longest_casus_puts_no_text_over_text_and_nothing_off_the_page(built, sheet):
    pdf = built / "uit" / f"{sheet}.pdf"
    for number, (page, boxes) in enumerate(zip(reader(pdf).pages, text_boxes(pdf), strict=True), 1):
        assert overlapping(boxes) == [], (sheet, number)
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        # office printers leave the outer 4 to 5 mm blank: every word at least 6 mm inside the edge
        outside = [
            t for t, (left, bottom, right, top) in boxes if min(left, bottom, width - right, height - top) < 6 * MM
        ]
        assert outside == [], (sheet, number)


def test_every_event_and_betrokkene_is_printed_in_full(built):
    casus = (built / "casus.yaml").read_text(encoding="utf-8")
    tijdlijn = tight(pdf_text(built / "uit" / "tijdlijn.pdf"))
    events = re.findall(r'    tekst: "(.*)"', casus)
    assert len(events) == 16 and [e for e in events if tight(e) not in tijdlijn] == []
    table = tight(pdf_text(built / "uit" / "perspectiefwissel.pdf"))
    people = re.findall(r'  - "(.*)"', casus)
    assert len(people) == 12 and [p for p in people if tight(p) not in table] == []
    assert len(reader(built / "uit" / "tijdlijn.pdf").pages) == 1 + 3 + 1  # casus, three stretches of seven, how


def test_an_event_too_tall_for_any_box_names_its_line_length_and_room(runner, tmp_path):
    casus = longest_casus(tmp_path / "casus.yaml")
    wide = ("WMW " * 75)[:300]
    casus.write_text(casus.read_text(encoding="utf-8").replace(text_of(300, 12), wide), encoding="utf-8")
    for command in (["check", "tijdlijn"], ["build", "tijdlijn", "--out", str(tmp_path / "uit")]):
        result = runner.invoke(main, [*command, "--casus", str(casus)])
        assert result.exit_code == 1
        assert re.fullmatch(
            rf"Fout: {re.escape(str(casus))}:15: gebeurtenissen\[3\]\.tekst: past niet in een vak van de tijdlijn: "
            r"met 300 tekens wordt het vak (\d+) mm hoog, er is (\d+) mm; maak de tekst korter\n",
            result.stderr,
        ), result.stderr
    assert not (tmp_path / "uit").exists()


@pytest.mark.parametrize(
    "lines, where, most",
    [
        (['titel: "' + "x" * 151 + '"'], "1: titel", 150),
        (['titel: "J."', "betrokkenen:", '  - "' + "x" * 101 + '"'], "3: betrokkenen[1]", 100),
        (
            ['titel: "J."', "gebeurtenissen:", "  - datum: mei", '    tekst: "' + "x" * 301 + '"', "    plek: boven"],
            "4: gebeurtenissen[1].tekst",
            300,
        ),
    ],
)
def test_a_field_longer_than_a_werkblad_holds_is_refused_with_its_length(runner, tmp_path, lines, where, most):
    casus = tmp_path / "casus.yaml"
    casus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(main, ["check", "tijdlijn", "--casus", str(casus)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Fout: {casus}:{where}: is te lang ({most + 1} tekens, hoogstens {most})\n",
    )


def test_on_letter_paper_the_longest_casus_fits_too(runner, tmp_path):
    casus = longest_casus(tmp_path / "casus.yaml")
    out = tmp_path / "uit"
    args = ["build", "tijdlijn", "perspectiefwissel", "--paper", "letter", "--casus", str(casus), "--out", str(out)]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.stderr
    for name, size in (("tijdlijn", (279.4, 215.9)), ("perspectiefwissel", (215.9, 279.4))):
        pdf = out / f"{name}.pdf"
        pages = reader(pdf).pages
        assert {(round(float(p.mediabox.width) / MM, 1), round(float(p.mediabox.height) / MM, 1)) for p in pages} in (
            {size},
            {size, size[::-1]},
        )
        assert all(overlapping(boxes) == [] for boxes in text_boxes(pdf)), name

"""A trainer's own deck: her colours, her credits (or none), ids that cannot clash, reprints that
keep the full deck, text that grows with the card."""

import json
from pathlib import Path

import pypdfium2
import pytest

from deck.cli import main
from deck.geometry import CARD_SIZES, office_grid
from tests.pdf import colour_operators, in_cmyk, paints_in_cmyk, pdf_text, reader

MAGENTA, GREEN, YELLOW, BACK = "#a0186b", "#2e7d32", "#ffd700", "#123c69"


def own_deck(folder: Path, *, bron: str = "", kleur: str = "", deck_id: str = "eigen", categories=None) -> Path:
    """A folder with one own deck in YAML: 25 questions in three categories by default."""
    folder.mkdir(parents=True, exist_ok=True)
    categories = categories or [("Openers", MAGENTA, 9), ("Verdieping", GREEN, 8), ("Afsluiten", YELLOW, 8)]
    lines = ["soort: kaarten", f"id: {deck_id}", 'titel: "Mijn vragen"']
    lines += [bron] if bron else []
    lines += [f'kleur: "{kleur}"'] if kleur else []
    lines.append("categorieen:")
    number = 0
    for name, colour, count in categories:
        lines += [f'  - naam: "{name}"', f'    kleur: "{colour}"', "    kaarten:"]
        for _ in range(count):
            number += 1
            lines.append(f'      - tekst: "Vraag {number}: wat zie je gebeuren?"')
    (folder / f"{deck_id}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def rendered(pdf: Path, page: int):
    return pypdfium2.PdfDocument(str(pdf))[page].render(scale=150 / 72).to_pil().convert("RGB")


def at(image, x_mm: float, y_mm: float) -> tuple[int, int, int]:
    return image.getpixel((round(x_mm / 25.4 * 150), round(y_mm / 25.4 * 150)))


def darkest(image, box_mm) -> tuple[int, int, int]:
    left, top, right, bottom = (round(v / 25.4 * 150) for v in box_mm)
    data = image.crop((left, top, right, bottom)).tobytes()
    return min((tuple(data[i : i + 3]) for i in range(0, len(data), 3)), key=sum)


def near(colour: tuple[int, int, int], hex_colour: str, tolerance: int = 4) -> bool:
    target = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return all(abs(a - b) <= tolerance for a, b in zip(colour, target, strict=True))


def test_categories_and_backs_print_in_her_colours_with_readable_labels(runner, tmp_path):
    sources = own_deck(tmp_path / "bronnen", kleur=BACK)
    result = runner.invoke(main, ["build", "--sources", str(sources), "--mode", "shop", "--out", str(tmp_path / "uit")])
    assert result.exit_code == 0, result.stderr
    pdf = tmp_path / "uit" / "eigen.pdf"
    for card, colour, label in ((0, MAGENTA, "#ffffff"), (9, GREEN, "#ffffff"), (17, YELLOW, "#1d2327")):
        # the band and its label, in CMYK for the print shop; near-black as black ink alone
        assert paints_in_cmyk(pdf, 2 * card, colour) and paints_in_cmyk(pdf, 2 * card, label), card
    assert in_cmyk(YELLOW) != in_cmyk(GREEN) and in_cmyk("#1d2327") == (0, 0, 0, 100)
    assert paints_in_cmyk(pdf, 1, BACK)
    assert colour_operators(pdf) <= {"k", "K"}  # CMYK only, nothing in RGB or grey
    # on office sheets the same colours on screen and paper, as given
    office = runner.invoke(main, ["build", "--sources", str(sources), "--out", str(tmp_path / "kantoor")])
    assert office.exit_code == 0, office.stderr
    sheet = tmp_path / "kantoor" / "eigen.pdf"
    band = office_grid("a4", CARD_SIZES["poker"]).slots[0]
    front = rendered(sheet, 0)
    assert near(at(front, band.x + 5, band.y + 2), MAGENTA)
    assert near(max_light(front, (band.x + 5, band.y + 5.5, band.x + 40, band.y + 9)), "#ffffff", 12)
    assert colour_operators(sheet) == {"scn", "SCN"}  # Typst's sRGB


def max_light(image, box_mm) -> tuple[int, int, int]:
    left, top, right, bottom = (round(v / 25.4 * 150) for v in box_mm)
    data = image.crop((left, top, right, bottom)).tobytes()
    return max((tuple(data[i : i + 3]) for i in range(0, len(data), 3)), key=sum)


def test_a_colour_no_text_reads_on_is_an_error_naming_its_line(runner, tmp_path):
    sources = own_deck(tmp_path / "bronnen", categories=[("Openers", "#808080", 2)])
    result = runner.invoke(main, ["check", "--sources", str(sources)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Fout: {sources / 'eigen.yaml'}:6: categorieen[1].kleur: op #808080 is geen tekst goed leesbaar: wit haalt "
        f"een contrast van 3.9:1, zwart 4.0:1, nodig is "
        "4.5:1 (WCAG AA); kies een lichtere of donkerdere kleur\n"
    )


def test_without_a_source_there_is_no_credits_card_and_the_count_is_what_is_printed(runner, tmp_path):
    sources = own_deck(tmp_path / "bronnen")
    listed = json.loads(runner.invoke(main, ["list", "--json", "--sources", str(sources)]).stdout)
    assert (listed[0]["id"], listed[0]["aantal"]) == ("eigen", 25)
    result = runner.invoke(main, ["build", "--sources", str(sources), "--mode", "shop", "--out", str(tmp_path / "uit")])
    assert result.exit_code == 0, result.stderr
    pdf = tmp_path / "uit" / "eigen.pdf"
    assert len(reader(pdf).pages) == 2 * 25
    assert "woordelijk" not in pdf_text(pdf) and "Bron" not in pdf_text(pdf)


def test_her_own_source_is_credited_in_her_words_without_claiming_a_publication(runner, tmp_path):
    bron = 'bron: {publicatie: "Eigen vragen van Team Noord", onderdeel: "versie 2026"}'
    sources = own_deck(tmp_path / "bronnen", bron=bron)
    listed = json.loads(runner.invoke(main, ["list", "--json", "--sources", str(sources)]).stdout)
    assert listed[0]["aantal"] == 26
    result = runner.invoke(main, ["build", "--sources", str(sources), "--mode", "shop", "--out", str(tmp_path / "uit")])
    assert result.exit_code == 0, result.stderr
    pdf = tmp_path / "uit" / "eigen.pdf"
    assert len(reader(pdf).pages) == 2 * 26
    credits = " ".join(reader(pdf).pages[50].extract_text().split())
    assert "Deze kaarten komen uit:" in credits and "Eigen vragen van Team Noord, versie 2026" in credits
    assert "woordelijk" not in pdf_text(pdf) and "omzetten" not in pdf_text(pdf)


@pytest.mark.parametrize(
    "deck_id, what",
    [
        ("tijdlijn", "het werkblad 'tijdlijn'"),
        ("facilitatorboekje-a4-drukvel", "het facilitatorboekje op A4 (facilitatorboekje-a4-drukvel.pdf)"),
        ("uitlijntest", "de uitlijntest (uitlijntest.pdf)"),
    ],
)
def test_an_id_that_is_the_name_of_another_output_is_an_error(runner, tmp_path, deck_id, what):
    sources = own_deck(tmp_path / "bronnen", deck_id=deck_id)
    for command in (["list"], ["check"], ["build", "--out", str(tmp_path / "uit")]):
        result = runner.invoke(main, [*command, "--sources", str(sources)])
        assert result.exit_code == 1
        assert (
            result.stderr
            == f"Fout: {sources / (deck_id + '.yaml')}:2: id: '{deck_id}' is ook de naam van {what}: kies een andere id\n"
        )
    assert not (tmp_path / "uit").exists()


def test_text_after_a_hash_is_a_warning_every_time_and_an_emptied_colour_an_error(runner, tmp_path):
    sources = own_deck(tmp_path / "bronnen", categories=[("Openers", MAGENTA, 2)])
    path = sources / "eigen.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"Vraag 1: wat zie je gebeuren?"', "Waar ben je trots op? #trots"),
        encoding="utf-8",
    )
    for _ in range(2):  # the second time the parsed file comes from the cache: the warning still comes
        result = runner.invoke(main, ["build", "--sources", str(sources), "--out", str(tmp_path / "uit"), "--quiet"])
        assert result.exit_code == 0
        assert result.stderr == (
            f"Let op: {path}:8: categorieen[1].kaarten[1].tekst: alles na # is commentaar en komt "
            "niet op papier (#trots); zet de tekst tussen aanhalingstekens\n"
        )
    path.write_text(path.read_text(encoding="utf-8").replace(f'kleur: "{MAGENTA}"', "kleur: #8b4a1f"), encoding="utf-8")
    result = runner.invoke(main, ["check", "--sources", str(sources)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Fout: {path}:6: categorieen[1].kleur: leeg: alles na # is commentaar; zet de tekst "
        'tussen aanhalingstekens, bijvoorbeeld "#8b4a1f"\n'
    )


def test_the_bundled_files_and_examples_say_nothing_about_hashes(runner):
    from tests.conftest import ROOT

    for args in (
        ["check"],
        ["check", "--sources", str(ROOT / "examples" / "eigen-deck")],
        ["build", "sessieplan", "--plan", str(ROOT / "examples" / "plan.yaml"), "--out", "/dev/null/x"],
    ):
        result = runner.invoke(main, args)
        assert "Let op" not in result.stderr, result.stderr


def test_a_reprint_is_a_file_of_its_own_beside_the_full_deck(runner, tmp_path):
    out = tmp_path / "uit"
    assert runner.invoke(main, ["build", "hand", "--out", str(out), "--quiet"]).exit_code == 0
    full = (out / "hand.pdf").read_bytes()
    result = runner.invoke(main, ["build", "hand", "--cards", "4-2", "--out", str(out)])  # a range either way round
    assert result.exit_code == 0, result.stderr
    assert (
        result.stdout
        == f"Bronnen: sources (de meegeleverde bronnen)\n{out / 'hand-kaarten-2-4.pdf'}  (1 vel, 2 pagina's)\n"
    )
    assert sorted(p.name for p in out.iterdir()) == ["hand-kaarten-2-4.pdf", "hand.pdf"]
    assert (out / "hand.pdf").read_bytes() == full
    text = pdf_text(out / "hand-kaarten-2-4.pdf")
    assert ["2/5" in text, "3/5" in text, "4/5" in text, "1/5" in text, "5/5" in text] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert runner.invoke(main, ["build", "hand", "--cards", "5", "--out", str(out), "--quiet"]).exit_code == 0
    assert (out / "hand-kaart-5.pdf").exists()


@pytest.mark.parametrize("ids", [[], ["hand", "emoties"], ["tijdlijn"]])
def test_a_selection_of_cards_belongs_to_one_deck(runner, tmp_path, ids):
    result = runner.invoke(main, ["build", *ids, "--cards", "3", "--out", str(tmp_path / "uit")])
    assert result.exit_code == 1
    assert (
        result.stderr
        == "Fout: --cards: hoort bij één deck: noem het deck, bijvoorbeeld deck build emoties --cards 3,7\n"
    )
    assert not (tmp_path / "uit").exists()


def test_a_card_outside_the_deck_names_the_deck_and_its_cards(runner, tmp_path):
    result = runner.invoke(main, ["build", "emoties", "--cards", "3,70", "--out", str(tmp_path / "uit")])
    assert (result.exit_code, result.stderr) == (
        1,
        "Fout: --cards: '70' valt buiten de kaarten van emoties: dat heeft kaart 1 tot en met 60\n",
    )


def question_size(pdf: Path) -> float:
    """The size in pt of the first question on the first page."""
    import pypdfium2.raw as pdfium_c

    page = pypdfium2.PdfDocument(str(pdf))[0].get_textpage()
    return pdfium_c.FPDFText_GetFontSize(page, page.get_text_range().index("Vraag 1"))


def test_text_grows_with_the_card_and_fills_it_as_on_a_poker_card(runner, tmp_path):
    """Start sizes grow with the square root of the text area: as much of a tarot or A6 card is
    covered by the same question as of a poker card."""
    sources = own_deck(tmp_path / "bronnen", categories=[("Openers", MAGENTA, 2)])
    sizes = {}
    for size in ("poker", "tarot", "a6", "90x130"):
        out = tmp_path / size
        result = runner.invoke(
            main, ["build", "--sources", str(sources), "--size", size, "--mode", "shop", "--out", str(out)]
        )
        assert result.exit_code == 0, result.stderr
        sizes[size] = question_size(out / "eigen.pdf")
    assert sizes == {"poker": 15.0, "tarot": 19.5, "a6": 27.5, "90x130": 23.0}


def test_an_apostrophe_word_does_not_turn_the_quotes_after_it(runner, tmp_path):
    """'s avonds is a word, not an opening quote: the closing quote after it still closes."""
    sources = tmp_path / "bronnen"
    sources.mkdir()
    (sources / "quotes.csv").write_text(
        'categorie,tekst\nCitaten,"Zij zei: ""Open tot \'s avonds, en \'t werkt."" Daarna ging het."\n',
        encoding="utf-8",
    )
    result = runner.invoke(main, ["build", "--sources", str(sources), "--mode", "shop", "--out", str(tmp_path / "uit")])
    assert result.exit_code == 0, result.stderr
    text = " ".join(pdf_text(tmp_path / "uit" / "quotes.pdf").split())
    assert "“Open tot ’s avonds, en ’t werkt.” Daarna" in text

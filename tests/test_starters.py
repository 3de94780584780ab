"""Where a trainer starts: a deck to fill in (`deck kaarten nieuw`), and a folder of her own with
the bundled sources to edit (`deck init`) that every later build reads and names."""

import os
import shutil
import threading
import time
from pathlib import Path

import openpyxl
import pytest

from deck.build import Inputs
from deck.cli import main
from deck.render import CardOptions
from deck.watch import watch
from tests.conftest import ROOT
from tests.pdf import paints_in_cmyk, pdf_text, reader

STARTER_COLOURS = ("#1f6f8b", "#2e7d32", "#ffd700")


@pytest.fixture
def inside(tmp_path):
    """Run the test in tmp_path, as a trainer works in her own folder."""
    before = Path.cwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(before)


@pytest.mark.parametrize("name", ["vragen.xlsx", "vragen.csv", "vragen.yaml"])
def test_a_new_deck_builds_as_it_is_in_three_colours(runner, tmp_path, name):
    folder = tmp_path / "mijn-deck"
    folder.mkdir()
    result = runner.invoke(main, ["kaarten", "nieuw", str(folder / name)])
    assert (result.exit_code, result.stdout) == (
        0,
        f"{folder / name}  (vul het in en bouw het met: deck build vragen --sources {folder})\n",
    )
    out = tmp_path / "uit"
    built = runner.invoke(main, ["build", "--sources", str(folder), "--mode", "shop", "--out", str(out)])
    assert built.exit_code == 0, built.stderr
    pdf = next(out.glob("*.pdf"))
    assert len(reader(pdf).pages) == 2 * 5
    for card, colour in zip((0, 2, 4), STARTER_COLOURS, strict=True):
        assert paints_in_cmyk(pdf, 2 * card, colour)
    assert "Noem het kort, dan kun je het even laten liggen." in pdf_text(pdf)


def test_the_new_excel_deck_explains_itself_on_a_sheet_of_its_own(runner, tmp_path):
    path = tmp_path / "vragen.xlsx"
    runner.invoke(main, ["kaarten", "nieuw", str(path)])
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["Kaarten", "Uitleg"]
    assert [cell.value for cell in workbook["Kaarten"][4]] == ["categorie", "tekst", "toelichting", "kleur"]
    assert workbook["Kaarten"]["D5"].fill.fgColor.rgb == "FF1F6F8B"
    explanation = " ".join(str(row[0].value or "") for row in workbook["Uitleg"].iter_rows())
    assert "Elke rij onder de kopregel" in explanation and "deck build --sources MAP" in explanation


def test_a_new_deck_never_overwrites_and_asks_for_a_known_format(runner, tmp_path):
    path = tmp_path / "vragen.csv"
    path.write_text("mijn eigen werk", encoding="utf-8")
    result = runner.invoke(main, ["kaarten", "nieuw", str(path)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Fout: {path}: bestaat al; kies een andere naam of verwijder het eerst\n",
    )
    assert path.read_text(encoding="utf-8") == "mijn eigen werk"
    result = runner.invoke(main, ["kaarten", "nieuw", str(tmp_path / "vragen.docx")])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Fout: {tmp_path / 'vragen.docx'}: kies een naam die eindigt op .xlsx, .csv of .yaml\n",
    )
    result = runner.invoke(main, ["kaarten", "nieuw", str(tmp_path / "nergens" / "vragen.xlsx")])
    assert result.stderr == f"Fout: {tmp_path / 'nergens' / 'vragen.xlsx'}: de map bestaat niet\n"


def test_init_makes_a_folder_with_the_sources_and_the_examples(runner, inside):
    result = runner.invoke(main, ["init", "mijn-map"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "Ga naar de map en bouw: cd mijn-map && deck build"
    copied = sorted(p.name for p in (inside / "mijn-map" / "bronnen").iterdir())
    assert copied == sorted(p.name for p in (ROOT / "sources").glob("*.yaml"))
    examples = {p.relative_to(inside / "mijn-map" / "voorbeelden").as_posix() for p in inside.rglob("voorbeelden/**/*")}
    assert {
        "plan.yaml",
        "huisstijl/brand.yaml",
        "eigen-deck/casusvragen.xlsx",
        "eigen-deck/afsluitvragen.csv",
    } <= examples
    again = runner.invoke(main, ["init", "mijn-map"])
    assert (again.exit_code, again.stderr) == (1, "Fout: mijn-map: bestaat al en is niet leeg; kies een nieuwe map\n")


def test_a_build_beside_her_folder_reads_it_says_so_and_shows_her_edit(runner, inside):
    runner.invoke(main, ["init", "mijn-map"])
    os.chdir(inside / "mijn-map")
    emoties = Path("bronnen/emoties.yaml")
    emoties.write_text(emoties.read_text(encoding="utf-8").replace("Blij", "Heel blij", 1), encoding="utf-8")
    result = runner.invoke(main, ["build", "emoties"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Bronnen: bronnen"
    assert "Heel blij" in pdf_text(Path("build/emoties.pdf"))
    shutil.copy(Path("voorbeelden/eigen-deck/casusvragen.xlsx"), Path("bronnen"))
    listed = runner.invoke(main, ["list"])
    assert "casusvragen" in listed.stdout


def test_a_build_without_her_folder_names_the_bundled_sources(runner, inside):
    result = runner.invoke(main, ["build", "hand"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"Bronnen: {ROOT / 'sources'} (de meegeleverde bronnen)"
    quiet = runner.invoke(main, ["build", "hand", "--quiet"])
    assert (quiet.exit_code, quiet.stdout) == (0, "")


def test_watch_sees_an_edit_in_a_spreadsheet(tmp_path):
    sources = tmp_path / "bronnen"
    sources.mkdir()
    path = sources / "afsluitvragen.csv"
    shutil.copy(ROOT / "examples" / "eigen-deck" / path.name, path)
    lines: list[str] = []

    def edit():
        time.sleep(0.8)
        text = path.read_bytes().decode("cp1252").replace("Eén ding is genoeg.", "Eén ding is écht genoeg.")
        path.write_bytes(text.encode("cp1252"))

    editor = threading.Thread(target=edit)
    editor.start()
    watch([], tmp_path / "uit", Inputs(sources), CardOptions(), lines.append, lines.append, interval=0.1, rounds=20)
    editor.join()
    assert len(lines) == 2 and all(line.startswith("Bijgewerkt in") for line in lines), lines
    assert "écht genoeg" in pdf_text(tmp_path / "uit" / "afsluitvragen.pdf")


def test_the_trainers_walk_excel_deck_reprint_edit_rebuild(runner, inside):
    """The issue's 'done when': 25 questions in three coloured categories from Excel, cards 3 and 7
    reprinted beside the full deck, a question edited and seen in the next build."""
    runner.invoke(main, ["init", "team"])
    os.chdir(inside / "team")
    path = Path("bronnen/teamvragen.xlsx")
    made = runner.invoke(main, ["kaarten", "nieuw", str(path)])
    assert made.stdout == f"{path}  (vul het in en bouw het met: deck build teamvragen)\n"
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Kaarten"]
    sheet.delete_rows(5, sheet.max_row)
    for number in range(1, 26):
        category, colour = [("Openen", "#a0186b"), ("Verdiepen", "#2e7d32"), ("Afsluiten", "#ffd700")][
            (number - 1) // 9
        ]
        sheet.append([category, f"Vraag {number}: wat valt je op?", None, colour])
    workbook.save(path)
    built = runner.invoke(main, ["build", "teamvragen", "--mode", "shop"])
    assert built.exit_code == 0, built.stderr
    full = Path("build/teamvragen.pdf")
    assert len(reader(full).pages) == 50
    for card, colour in ((0, "#a0186b"), (9, "#2e7d32"), (24, "#ffd700")):
        assert paints_in_cmyk(full, 2 * card, colour)
    reprint = runner.invoke(main, ["build", "teamvragen", "--cards", "3,7", "--mode", "shop"])
    assert reprint.exit_code == 0, reprint.stderr
    assert len(reader(Path("build/teamvragen-kaarten-3,7.pdf")).pages) == 4 and len(reader(full).pages) == 50
    workbook = openpyxl.load_workbook(path)
    workbook["Kaarten"]["B7"] = "Vraag 3: wat hoor je echt?"
    workbook.save(path)
    assert runner.invoke(main, ["build", "teamvragen"]).exit_code == 0
    assert "wat hoor je echt?" in pdf_text(full)

"""A deck kept in a spreadsheet: CSV as Excel and LibreOffice save it, and .xlsx; each problem
names the row and column a trainer sees in her spreadsheet."""

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from deck.cli import main
from tests.pdf import paints_in_cmyk, pdf_text, reader

ROWS = [
    ["Titel", "Incheckvragen voor het team"],
    ["Kleur", "#1f3f4f"],
    [],
    ["Categorie", "Tekst", "Toelichting", "Kleur"],
    ["Hoe zit je erbij?", "Met welk gevoel kom je vandaag binnen?", "", "#a0186b"],
    ["", "Wat neem je mee uit je vorige afspraak?", "Noem het kort, één zin.", ""],
    ["Terugkijken", "Waar ben je trots op? #trots", "", "#ffd700"],
    ["", "", "", ""],
    ["Terugkijken", "Wat laat je hier achter?", "", ""],
]


def write_csv(path: Path, rows, *, delimiter: str = ";", encoding: str = "cp1252") -> Path:
    """A CSV file the way a spreadsheet saves one: every cell quoted only when it must be."""
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, rows) -> Path:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append([cell if cell != "" else None for cell in row])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


def listed(runner, sources: Path) -> list[dict]:
    result = runner.invoke(main, ["list", "--json", "--sources", str(sources)])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "delimiter, encoding",
    [(";", "cp1252"), (";", "utf-8-sig"), (",", "utf-8"), ("\t", "utf-8"), (",", "cp1252")],
)
def test_a_csv_deck_reads_in_every_way_spreadsheets_save_one(runner, tmp_path, delimiter, encoding):
    sources = tmp_path / "bronnen"
    write_csv(sources / "Team Noord.csv", ROWS, delimiter=delimiter, encoding=encoding)
    [deck] = listed(runner, sources)
    assert (deck["id"], deck["titel"], deck["aantal"]) == ("team-noord", "Incheckvragen voor het team", 4)
    assert deck["inhoud"] == "4 kaarten in 2 categorieën (Hoe zit je erbij?, Terugkijken)"
    result = runner.invoke(main, ["build", "--sources", str(sources), "--out", str(tmp_path / "uit")])
    assert result.exit_code == 0, result.stderr
    assert "Let op" not in result.stderr  # a '#' in a cell is text, not a YAML comment
    text = pdf_text(tmp_path / "uit" / "team-noord.pdf")
    for words in ("Noem het kort, één zin.", "Waar ben je trots op? #trots", "Wat laat je hier achter?"):
        assert words in text


def test_an_excel_deck_prints_its_categories_in_their_colours(runner, tmp_path):
    sources = tmp_path / "bronnen"
    write_xlsx(sources / "mijn vragen.xlsx", ROWS)
    [deck] = listed(runner, sources)
    assert (deck["id"], deck["aantal"]) == ("mijn-vragen", 4)
    out = tmp_path / "uit"
    result = runner.invoke(main, ["build", "--sources", str(sources), "--mode", "shop", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    pdf = out / "mijn-vragen.pdf"
    assert len(reader(pdf).pages) == 2 * 4
    assert paints_in_cmyk(pdf, 0, "#a0186b")
    assert paints_in_cmyk(pdf, 4, "#ffd700")
    assert paints_in_cmyk(pdf, 1, "#1f3f4f")
    assert "één zin" in pdf_text(pdf)


def test_numbers_and_dates_in_excel_read_as_written(runner, tmp_path):
    sources = tmp_path / "bronnen"
    write_xlsx(sources / "getallen.xlsx", [["categorie", "tekst"], ["Tellen", 3], ["", 2.5]])
    result = runner.invoke(main, ["build", "--sources", str(sources), "--out", str(tmp_path / "uit")])
    assert result.exit_code == 0, result.stderr
    text = pdf_text(tmp_path / "uit" / "getallen.pdf")
    assert "3" in text.split() and "2.5" in text.split() and "3.0" not in text


def test_content_in_a_cell_is_printed_as_it_stands_never_run(runner, tmp_path):
    sources = tmp_path / "bronnen"
    hostile = "#read(x) $x^2$ *vet* <label> @ref \\ ] #{"
    write_csv(sources / "vreemd.csv", [["categorie", "tekst"], ["Proef", hostile]], encoding="utf-8")
    result = runner.invoke(main, ["build", "--sources", str(sources), "--out", str(tmp_path / "uit")])
    assert result.exit_code == 0, result.stderr
    assert hostile in pdf_text(tmp_path / "uit" / "vreemd.pdf")  # straight quotes would print curly


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize(
    "row, column, value, where, message",
    [
        (9, 2, "", "rij 9, kolom tekst", "leeg"),
        (5, 1, "", "rij 5, kolom categorie", "leeg, en er staat geen categorie boven"),
        (4, 3, "Uitleg", "rij 4", "onbekende kolom 'uitleg' (toegestaan: categorie, tekst, toelichting, kleur)"),
        (2, 1, "Kleuren", "rij 2, kolom A", "onbekende eigenschap 'Kleuren' (toegestaan: titel, id, kleur, bron)"),
        (7, 4, "geel", "rij 7, kolom kleur", None),
        (9, 4, "#2e7d32", "rij 9, kolom kleur", "categorie 'Terugkijken' heeft al de kleur #ffd700"),
    ],
)
def test_a_problem_names_row_and_column_as_the_spreadsheet_shows_them(
    runner, tmp_path, suffix, row, column, value, where, message
):
    rows = [list(cells) for cells in ROWS]
    rows[5][0] = "Hoe zit je erbij?"  # so that emptying row 5's categorie leaves one problem
    rows[row - 1][column - 1] = value
    sources = tmp_path / "bronnen"
    path = (write_xlsx if suffix == ".xlsx" else write_csv)(sources / f"team{suffix}", rows)
    out = tmp_path / "uit"
    for command in (["check"], ["build", "--out", str(out)]):
        result = runner.invoke(main, [*command, "--sources", str(sources)])
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Fout: {path}: {where}: "), result.stderr
        assert result.stderr.count("\n") == 1
        if message:
            assert result.stderr == f"Fout: {path}: {where}: {message}\n"
    assert not out.exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "geen kopregel gevonden: zet de kolomnamen categorie en tekst in één rij boven de kaarten"),
        (
            b"vraag;antwoord\r\nwie;ik\r\n",
            "geen kopregel gevonden: zet de kolomnamen categorie en tekst in één rij boven de kaarten",
        ),
        (b"categorie;tekst\r\n", "rij 2: geen kaarten onder de kopregel"),
        (b"categorie;tekst\r\nA;" + b"x" * 200_000 + b"\r\n", "rij 2: een cel is te lang voor een kaart"),
        (
            b"categorie;tekst\r\nA;" + b"x" * 20_001 + b"\r\n",
            "rij 2, kolom tekst: tekst is te lang (20.001 tekens, hoogstens 20.000)",
        ),
        (
            b"Titel;a\x01\r\ncategorie;tekst\r\nA;b\r\n",
            "rij 1, kolom B: bevat een onzichtbaar stuurteken (U+0001); verwijder het",
        ),
    ],
)
def test_a_csv_without_cards_or_with_bad_cells_says_what_is_wrong(runner, tmp_path, content, message):
    sources = tmp_path / "bronnen"
    sources.mkdir()
    (sources / "leeg.csv").write_bytes(content)
    result = runner.invoke(main, ["check", "--sources", str(sources)])
    assert (result.exit_code, result.stderr) == (1, f"Fout: {sources / 'leeg.csv'}: {message}\n")


def test_a_file_that_is_no_excel_file_or_a_zip_bomb_is_refused(runner, tmp_path):
    sources = tmp_path / "bronnen"
    sources.mkdir()
    (sources / "kapot.xlsx").write_bytes(b"PK\x03\x04 dit is geen werkmap")
    result = runner.invoke(main, ["check", "--sources", str(sources)])
    assert result.stderr == (
        f"Fout: {sources / 'kapot.xlsx'}: geen Excel-bestand (.xlsx) dat deck kan lezen; sla het op als .xlsx of .csv\n"
    )
    (sources / "kapot.xlsx").unlink()
    with zipfile.ZipFile(sources / "bom.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 60_000_000)
    result = runner.invoke(main, ["check", "--sources", str(sources)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Fout: {sources / 'bom.xlsx'}: uitgepakt is het bestand te groot voor een kaartendeck\n",
    )


def test_an_excel_file_with_a_damaged_inside_is_one_line_not_a_traceback(runner, tmp_path):
    sources = tmp_path / "bronnen"
    sources.mkdir()
    with zipfile.ZipFile(sources / "half.xlsx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types")
    result = runner.invoke(main, ["check", "--sources", str(sources)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Fout: {sources / 'half.xlsx'}: het Excel-bestand is beschadigd of onleesbaar (")
    assert result.stderr.count("\n") == 1

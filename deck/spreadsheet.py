"""A deck from a spreadsheet (.csv or .xlsx): a row per card, read into the same data as a YAML
deck of soort `kaarten` and checked by the same records.

    Titel      | Incheckvragen voor het team          rows before the header: the deck's properties
    Kleur      | #1f3f4f                              (titel, id, kleur, bron), name and value
    categorie  | tekst                     | toelichting | kleur      the header row
    Openers    | Met welk gevoel kom je … |             | #1f6f8b
               | Wat neem je mee uit …    | Noem het kort.            an empty categorie: as above

CSV may be separated by commas, semicolons or tabs, in UTF-8 (with or without BOM) or in the
Windows-1252 that Excel writes when it saves "CSV (gescheiden door lijstscheidingsteken)".
Problems name the row and column, as a spreadsheet shows them: "team.xlsx: rij 14, kolom tekst".
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from pathlib import Path

from deck.errors import Loc, Problem, dutch_number, os_reason, text_problem
from deck.load import MAX_FILE_BYTES, YamlFile, input_problem

SUFFIXES = (".csv", ".xlsx")
COLUMNS = ("categorie", "tekst", "toelichting", "kleur")
PROPERTIES = ("titel", "id", "kleur", "bron")
SHEET = "Kaarten"  # the sheet read from a workbook that has one by this name; otherwise the first
MAX_ROWS = 5_000
MAX_UNZIPPED = 50_000_000  # an .xlsx is a zip: more than this unpacked is a bomb, not a deck


class SpreadsheetFile(YamlFile):
    """A spreadsheet read as a deck; a problem names the row and column of the value at fault."""

    def __init__(self, path: Path):
        super().__init__(path)
        self.cells: dict[Loc, tuple[int | None, str]] = {}  # where each value came from

    def problem(self, loc: Loc, message: str) -> Problem:
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.cells:
                row, column = self.cells[loc[:end]]
                return Problem(self.shown, None, f"rij {row}, kolom {column}" if row else column, message)
        return Problem(self.shown, None, "", message)

    def line_of(self, loc: Loc) -> int | None:
        return None


def read_spreadsheet(path: Path) -> tuple[SpreadsheetFile, list[Problem]]:
    """The deck in a .csv or .xlsx file, as data for the record of soort kaarten; and the problems."""
    file = SpreadsheetFile(path)
    problem = input_problem(path, MAX_FILE_BYTES)
    if problem:
        return file, [file.problem((), problem)]
    try:
        rows = _xlsx_rows(path) if path.suffix.lower() == ".xlsx" else _csv_rows(path)
    except _Unreadable as error:
        return file, [file.problem((), str(error))]
    except OSError as error:
        return file, [file.problem((), f"kan het bestand niet lezen ({os_reason(error)})")]
    problems = _fill(file, rows)
    return file, problems


class _Unreadable(Exception):
    pass


def _csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's "CSV" in Dutch Windows
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    try:
        return [[cell.strip() for cell in row] for row in reader]
    except csv.Error:  # the one error left with strict off: a cell longer than csv's field limit
        raise _Unreadable(f"rij {reader.line_num}: een cel is te lang voor een kaart") from None


def _delimiter(text: str) -> str:
    """The separator that splits the header row into its columns; the property rows above it have
    fewer cells, which is why csv.Sniffer, looking for rows of equal length, gives up on them."""
    for line in text.splitlines():
        for delimiter in (";", "\t", ","):
            cells = {cell.strip().lower() for cell in next(csv.reader([line], delimiter=delimiter), [])}
            if {"categorie", "tekst"} <= cells:
                return delimiter
    return ","


def _xlsx_rows(path: Path) -> list[list[str]]:
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(entry.file_size for entry in archive.infolist()) > MAX_UNZIPPED:
                raise _Unreadable("uitgepakt is het bestand te groot voor een kaartendeck")
    except zipfile.BadZipFile:
        raise _Unreadable("geen Excel-bestand (.xlsx) dat deck kan lezen; sla het op als .xlsx of .csv") from None
    import openpyxl  # imported here: only a deck in Excel needs it, and its import takes a while

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl reports a broken file in many ways
        raise _Unreadable(f"het Excel-bestand is beschadigd of onleesbaar ({type(error).__name__})") from None
    try:
        sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
        return [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 50)]
    finally:
        workbook.close()


def _cell(value) -> str:
    """A cell as text: numbers as written (3, not 3.0), empty cells as ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _fill(file: SpreadsheetFile, rows: list[list[str]]) -> list[Problem]:
    """The deck's data from the rows: properties, the header, a card per row."""
    header = next(
        (number for number, row in enumerate(rows) if {"categorie", "tekst"} <= {c.lower() for c in row}), None
    )
    if header is None:
        return [
            file.problem((), "geen kopregel gevonden: zet de kolomnamen categorie en tekst in één rij boven de kaarten")
        ]
    problems = _text_problems(file, rows, header)
    if problems:
        return problems
    data: dict = {"soort": "kaarten", "id": slug(file.path.stem), "titel": file.path.stem}
    file.cells[("id",)] = (None, "bestandsnaam")
    file.cells[("titel",)] = (None, "bestandsnaam")
    for number, row in enumerate(rows[:header], 1):
        name, value = (row + ["", ""])[:2]
        if not name:
            continue
        if name.lower() not in PROPERTIES:
            problems.append(
                Problem(
                    file.shown,
                    None,
                    f"rij {number}, kolom A",
                    f"onbekende eigenschap '{name}' (toegestaan: {', '.join(PROPERTIES)})",
                )
            )
            continue
        key = name.lower()
        data[key] = {"publicatie": value} if key == "bron" else value
        file.cells[(key,)] = (number, "B")
        if key == "bron":
            file.cells[("bron", "publicatie")] = (number, "B")
    problems += _cards(file, rows, header, data)
    file.data = data
    return problems


def _text_problems(file: SpreadsheetFile, rows: list[list[str]], header: int) -> list[Problem]:
    """Every cell against the rules for any text in a source: not too long, no control characters."""
    names = [cell.lower() for cell in rows[header]]
    problems = []
    for number, row in enumerate(rows, 1):
        for index, cell in enumerate(row):
            problem = text_problem(cell)
            if problem:
                column = names[index] if number > header + 1 and index < len(names) and names[index] else _letter(index)
                problems.append(Problem(file.shown, None, f"rij {number}, kolom {column}", problem))
    return problems


def _letter(index: int) -> str:
    """The spreadsheet's name of a column: 0 -> A, 25 -> Z, 26 -> AA."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _cards(file: SpreadsheetFile, rows: list[list[str]], header: int, data: dict) -> list[Problem]:
    names = [cell.lower() for cell in rows[header]]
    unknown = [name for name in names if name and name not in COLUMNS]
    if unknown:
        message = f"onbekende kolom '{unknown[0]}' (toegestaan: {', '.join(COLUMNS)})"
        return [Problem(file.shown, None, f"rij {header + 1}", message)]
    if len(rows) - header - 1 > MAX_ROWS:
        return [file.problem((), f"te veel rijen (hoogstens {dutch_number(MAX_ROWS)} kaarten)")]
    column = {name: index for index, name in enumerate(names) if name}
    categories: dict[str, dict] = {}
    problems, current = [], ""
    for number, row in enumerate(rows[header + 1 :], header + 2):
        cell = {name: row[index] if index < len(row) else "" for name, index in column.items()}
        if not any(cell.values()):
            continue
        current = cell["categorie"] or current
        if not current:
            problems.append(
                Problem(file.shown, None, f"rij {number}, kolom categorie", "leeg, en er staat geen categorie boven")
            )
            continue
        if current not in categories:
            index = len(categories)
            categories[current] = {"naam": current, "kaarten": []}
            file.cells[("categorieen", index)] = (number, "categorie")
            file.cells[("categorieen", index, "naam")] = (number, "categorie")
        category = categories[current]
        place = ("categorieen", list(categories).index(current))
        if cell.get("kleur"):
            if category.get("kleur") not in (None, cell["kleur"]):
                problems.append(
                    Problem(
                        file.shown,
                        None,
                        f"rij {number}, kolom kleur",
                        f"categorie '{current}' heeft al de kleur {category['kleur']}",
                    )
                )
            category["kleur"] = cell["kleur"]
            file.cells[place + ("kleur",)] = (number, "kleur")
        if not cell["tekst"]:
            problems.append(Problem(file.shown, None, f"rij {number}, kolom tekst", "leeg"))
            continue
        card = {"tekst": cell["tekst"]}
        if cell.get("toelichting"):
            card["toelichting"] = cell["toelichting"]
        index = len(category["kaarten"])
        category["kaarten"].append(card)
        file.cells[place + ("kaarten", index)] = (number, "tekst")
        file.cells[place + ("kaarten", index, "toelichting")] = (number, "toelichting")
    data["categorieen"] = list(categories.values())
    if not categories and not problems:
        problems.append(Problem(file.shown, None, f"rij {header + 2}", "geen kaarten onder de kopregel"))
    return problems


def slug(name: str) -> str:
    """'Incheckvragen Team Noord' -> 'incheckvragen-team-noord': the deck's id from its file name."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "deck"

"""Files to start from: a deck to fill in (Excel, CSV or YAML), a casus, a session plan, and a
folder of one's own with a copy of the bundled sources and the examples (`deck init`). None
overwrites a file."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import date
from pathlib import Path

from deck.casus import MAX_EVENTS, MAX_PEOPLE, TEMPLATE
from deck.errors import DeckError, Problem, display_path, os_reason
from deck.paths import bundled
from deck.sources import LOCAL_SOURCES, Sources
from deck.spreadsheet import COLUMNS, SHEET, slug

DECK_SUFFIXES = (".xlsx", ".csv", ".yaml")
EXAMPLES = "voorbeelden"

# The starter deck: three categories in three colours, with questions written for it.
STARTER_TITLE, STARTER_BACK = "Mijn kaarten", "#123c69"
STARTER_CARDS = [  # in the order of the columns: categorie, tekst, toelichting, kleur
    ("Openen", "Met welk gevoel kom je vandaag binnen?", "", "#1f6f8b"),
    ("", "Wat neem je mee uit je vorige afspraak?", "Noem het kort, dan kun je het even laten liggen.", ""),
    ("Verdiepen", "Wat zie je gebeuren in deze situatie?", "", "#2e7d32"),
    ("", "Wat zou het kind zelf zeggen als het hier zat?", "", ""),
    ("Afsluiten", "Wat neem je mee naar je volgende gesprek?", "", "#ffd700"),
]
EXPLANATION = [
    "Zo maakt u van dit bestand een kaartendeck:",
    "",
    "Elke rij onder de kopregel (categorie, tekst, toelichting, kleur) is een kaart.",
    "categorie: de naam bovenaan de kaart. Leeg: dezelfde categorie als de rij erboven.",
    "tekst: de vraag of tekst op de kaart. Verplicht.",
    "toelichting: een kleinere tekst onder de vraag. Mag leeg blijven.",
    "kleur: de kleur van de categorie, als #1f6f8b. Eén keer per categorie is genoeg.",
    "",
    "Boven de kopregel, elk op een eigen rij, met de waarde in kolom B:",
    "Titel: de naam van het deck, op de achterkant van elke kaart.",
    "Kleur: de kleur van de achterkanten.",
    "Id: de naam van het PDF-bestand (standaard de naam van dit bestand).",
    "Bron: alleen als de tekst uit een publicatie komt; dan komt er een kaart met de bron bij.",
    "",
    "Alleen het tabblad 'Kaarten' wordt gelezen. Bouw het deck met: deck build --sources MAP",
    "(MAP is de map waarin dit bestand staat).",
]


def new_deck(path: Path) -> str:
    """A starter deck to fill in, in the format the file name asks for; returns its id."""
    suffix = path.suffix.lower()
    if suffix not in DECK_SUFFIXES:
        message = f"kies een naam die eindigt op {', '.join(DECK_SUFFIXES[:-1])} of {DECK_SUFFIXES[-1]}"
        raise DeckError([Problem(display_path(path), None, "", message)])
    deck_id = slug(path.stem)
    write_new(path, starter_deck(suffix, deck_id))
    return deck_id


def starter_deck(suffix: str, deck_id: str) -> bytes:
    """The content of a starter deck in this format (.xlsx, .csv or .yaml)."""
    return {".xlsx": _starter_xlsx, ".csv": _starter_csv, ".yaml": _starter_yaml}[suffix](deck_id)


def new_casus(path: Path) -> None:
    """A commented casus file to fill in."""
    write_new(path, TEMPLATE.format(name=path.name, events=MAX_EVENTS, people=MAX_PEOPLE).encode())


def new_plan(path: Path, sources: Sources) -> None:
    """A commented plan for a session of two hours, from the oefeningen and werkkaarten there are,
    with every one of them listed to choose from."""
    oefeningen = [o for doc in sources.of_kind("oefeningen") for o in doc.oefeningen]
    kaarten = [k for doc in sources.of_kind("werkkaarten") for k in doc.werkkaarten]
    timed = next((o for o in oefeningen if not any(stap.minuten_per for stap in o.stappen)), None)
    lines = [
        "# Sessieplan voor deck. Gebruik:",
        f"#   deck build sessieplan facilitatorboekje --plan {path.name}",
        "# Het facilitatorboekje opent dan met deze agenda, gevolgd door de oefeningen en werkvormen",
        '# van het plan in hun geheel. Zet tekst tussen "aanhalingstekens".',
        "",
        'titel: "Leerbijeenkomst"',
        f"datum: {date.today().isoformat()}",
        'organisatie: "Mijn organisatie"      # mag weg',
        'start: "13:30"',
        "beschikbaar: 120                     # minuten: deck zegt het als het plan langer duurt",
        "",
        "# Per onderdeel één van:",
        "#   oefening: <id>       de tijd komt uit de stappen van de oefening (de lijst staat onderaan)",
        "#   werkkaart: <nummer>  een werkvorm van een werkkaart, met minuten",
        '#   onderdeel: "..."     iets anders (welkom, pauze, afsluiting), met minuten',
        "# 'aantal' hoort bij een oefening met stappen die per persoon of per situatie duren.",
        "onderdelen:",
        '  - onderdeel: "Welkom en inchecken"',
        "    minuten: 10",
    ]
    if timed:
        lines += [f"  - oefening: {timed.id}             # {timed.titel} ({timed.step_minutes})"]
    lines += ['  - onderdeel: "Pauze"', "    minuten: 10"]
    if kaarten:
        lines += [f"  - werkkaart: {kaarten[0].nummer}             # {kaarten[0].titel}", "    minuten: 20"]
    lines += ['  - onderdeel: "Afsluiting: wat neem je mee?"', "    minuten: 10", ""]
    if oefeningen:
        lines.append("# De oefeningen (oefening: <id>), met de minuten van hun stappen:")
        lines += [f"#   {o.id:<4} {o.titel} ({o.step_minutes})" for o in oefeningen]
    if kaarten:
        lines.append("# De werkkaarten (werkkaart: <nummer>, met minuten):")
        lines += [f"#   {k.nummer:<4} {k.titel}" for k in kaarten]
    write_new(path, ("\n".join(lines) + "\n").encode())


def new_folder(folder: Path) -> tuple[Path, Path]:
    """A folder of one's own: the bundled sources to edit (bronnen/) and the examples
    (voorbeelden/). Returns both; the folder must be new or empty."""
    shown = display_path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise DeckError([Problem(shown, None, "", "bestaat al en is niet leeg; kies een nieuwe map")])
    sources, examples = folder / LOCAL_SOURCES, folder / EXAMPLES
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copytree(bundled("sources"), sources, ignore=shutil.ignore_patterns(".*", "__pycache__"))
        shutil.copytree(bundled("examples"), examples, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    except OSError as error:
        raise DeckError([Problem(shown, None, "", f"kan niet schrijven ({os_reason(error)})")]) from None
    return sources, examples


def write_new(path: Path, content: bytes) -> None:
    """Write a file that does not exist yet, in a folder that does."""
    shown = display_path(path)
    if path.exists():
        raise DeckError([Problem(shown, None, "", "bestaat al; kies een andere naam of verwijder het eerst")])
    if not path.parent.is_dir():
        raise DeckError([Problem(shown, None, "", "de map bestaat niet")])
    try:
        with path.open("xb") as stream:
            stream.write(content)
    except OSError as error:
        raise DeckError([Problem(shown, None, "", f"kan niet schrijven ({os_reason(error)})")]) from None


def _starter_rows() -> list[list[str]]:
    return [["Titel", STARTER_TITLE], ["Kleur", STARTER_BACK], [], list(COLUMNS)] + [list(r) for r in STARTER_CARDS]


def _starter_csv(deck_id: str) -> bytes:
    """Semicolons and UTF-8 with a BOM: what Excel in Dutch opens in columns, accents intact."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(_starter_rows())
    return buffer.getvalue().encode("utf-8-sig")


def _starter_xlsx(deck_id: str) -> bytes:
    import openpyxl  # imported here: its import takes a while
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    cards = workbook.active
    cards.title = SHEET
    for row in _starter_rows():
        cards.append(row or [None])
    header = len(_starter_rows()) - len(STARTER_CARDS)
    for cell in cards[header]:
        cell.font = Font(bold=True)
    for row in cards.iter_rows(min_row=header + 1, min_col=4, max_col=4):
        for cell in row:
            if cell.value:
                cell.fill = _fill(cell.value)
    cards["B2"].fill = _fill(STARTER_BACK)
    for column, width in zip("ABCD", (22, 60, 50, 12), strict=True):
        cards.column_dimensions[column].width = width
    explanation = workbook.create_sheet("Uitleg")
    for line in EXPLANATION:
        explanation.append([line])
    explanation.column_dimensions["A"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill(colour: str):
    """A cell filled with a '#rrggbb' colour, as Excel writes one: opaque ARGB."""
    from openpyxl.styles import PatternFill

    return PatternFill("solid", fgColor="FF" + colour.lstrip("#").upper())


def _starter_yaml(deck_id: str) -> bytes:
    lines = [
        "# Een eigen kaartendeck voor deck. Bouw het met: deck build --sources MAP",
        '# (MAP is de map waarin dit bestand staat). Zet tekst altijd tussen "aanhalingstekens":',
        "# dan blijft een # of een dubbele punt in de tekst gewoon tekst.",
        "",
        "soort: kaarten",
        f"id: {deck_id}                 # de naam van het PDF-bestand",
        f'titel: "{STARTER_TITLE}"          # op de achterkant van elke kaart',
        f'kleur: "{STARTER_BACK}"                # de kleur van de achterkanten',
        "",
        "# Komt de tekst uit een publicatie? Noem die dan; er komt een kaart met de bron bij:",
        '# bron: {publicatie: "Titel van de publicatie", uitgever: "Uitgever", onderdeel: "hoofdstuk 2"}',
        "",
        "categorieen:",
    ]
    for categorie, tekst, toelichting, kleur in STARTER_CARDS:
        if categorie:
            lines += [f'  - naam: "{categorie}"', f'    kleur: "{kleur}"', "    kaarten:"]
        lines.append(f'      - tekst: "{tekst}"')
        lines += [f'        toelichting: "{toelichting}"'] if toelichting else []
    return ("\n".join(lines) + "\n").encode()

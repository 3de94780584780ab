"""Every bad-input path: exact `Error:` lines (file, line, field, Dutch message), exit code 1, no traceback."""

import os
import shutil
from pathlib import Path

import pytest

from deck.cli import main
from tests.conftest import DATA, ROOT

BAD = DATA / "bad"
UNCLOSED = "aanhalingsteken niet gesloten: sluit de tekst af met hetzelfde aanhalingsteken als aan het begin"

TAGS = "YAML leest een ! aan het begin als tag, en tags worden niet ondersteund: zet de tekst tussen aanhalingstekens"
EXPECTED = {
    "tab-indentation.yaml": ["5: tab gevonden: spring in met spaties, niet met tabs"],
    "unclosed-bracket.yaml": ["5: lijst met [ is niet gesloten met ]"],
    "bad-indentation.yaml": ["6: verkeerde inspringing: deze regel past niet bij de regels erboven"],
    "unquoted-colon.yaml": ["3: onverwachte dubbele punt: zet tekst met ': ' tussen aanhalingstekens"],
    # the parser reads on into line 9 and stumbles there; the quote was opened on line 8
    "unclosed-quote.yaml": [f"8: {UNCLOSED}"],
    # open to the end of the file: reported where the quote was opened, not at the end
    "unclosed-quote-at-end.yaml": [f"3: {UNCLOSED}"],
    "unknown-key.yaml": [
        "9: categorieen[1].kaarten[1].tekts: onbekend veld; bedoelt u 'tekst'? (toegestaan: tekst, toelichting, lijst)"
    ],
    "wrong-types.yaml": [
        "3: titel: moet tekst zijn, gevonden: een getal; zet de tekst tussen aanhalingstekens",
        "5: categorieen: moet een lijst (regels met '- ') zijn, gevonden: velden",
    ],
    "missing-required.yaml": [
        "1: titel: ontbreekt (verplicht veld)",
        "3: bron.publicatie: ontbreekt (verplicht veld)",
        "7: categorieen[1].kaarten[1].tekst: ontbreekt (verplicht veld)",
    ],
    "empty-values.yaml": [
        "3: titel: mag niet leeg zijn",
        "4: bron.publicatie: moet tekst zijn, gevonden: niets (leeg)",
        "5: categorieen: mag niet leeg zijn",
    ],
    "unknown-soort.yaml": [
        "1: soort: onbekende soort 'kaartjes' (toegestaan: kaarten, spanningsvelden, werkkaarten, "
        "helpende-vragen, oefeningen, hand, emoties)"
    ],
    "soort-is-list.yaml": [
        "1: soort: onbekende soort '[]' (toegestaan: kaarten, spanningsvelden, werkkaarten, helpende-vragen, "
        "oefeningen, hand, emoties)"
    ],
    "bad-id.yaml": ["2: id: gebruik alleen kleine letters, cijfers en streepjes (bijvoorbeeld 'mijn-deck')"],
    "duplicate-key.yaml": ["4: titel: veld staat twee keer op dezelfde plaats"],
    "duplicate-category.yaml": ["9: categorieen[2].naam: 'A' komt meer dan één keer voor"],
    "alias-bomb.yaml": ["2: aliassen (*naam) worden niet ondersteund (18 keer in dit bestand); schrijf de waarde uit"],
    "bad-block.yaml": [
        "6: inleiding[1]: een blok heeft precies één van kop, tekst, vraag, lijst, citaat, link (gevonden: kop, tekst)",
        "8: inleiding[2]: 'genummerd' hoort alleen bij een 'lijst'",
    ],
    "not-utf8.yaml": ["3: bestand is geen UTF-8; sla het op als UTF-8 (in Kladblok: Opslaan als > Codering: UTF-8)"],
    "control-character.yaml": ["3: bevat een onzichtbaar stuurteken (U+0007); verwijder het"],
    "empty-file.yaml": ["1: bestand is leeg"],
    "not-a-mapping.yaml": ["1: het bestand moet velden bevatten (soort, id, titel, bron, ...)"],
    # YAML mistakes, each named by its real cause
    "quote-inside-quotes.yaml": [
        '8: een " binnen de tekst sluit de tekst af: schrijf het als \\" of zet de tekst tussen enkele '
        "aanhalingstekens ('...')"
    ],
    "single-quote-inside.yaml": [
        "8: een ' binnen de tekst sluit de tekst af: schrijf het twee keer ('') of zet de tekst tussen dubbele "
        "aanhalingstekens"
    ],
    "missing-colon.yaml": [
        "8: categorieen[1].kaarten[1]: de dubbele punt ontbreekt na 'tekst': schrijf tekst: \"Wat zie je?\""
    ],
    "list-under-a-value.yaml": [
        "4: een lijstregel ('- ') mag hier niet: het veld erboven heeft al een waarde, of de regel springt te ver in"
    ],
    "impossible-date.yaml": [
        "3: titel: lijkt een datum maar die bestaat niet; schrijf een datum als 2026-11-23, of zet de tekst tussen "
        "aanhalingstekens"
    ],
    "dash-without-space.yaml": ["8: categorieen[1].kaarten.-tekst: na het streepje hoort een spatie: schrijf - tekst:"],
    "percent-start.yaml": ["3: een waarde mag niet met % beginnen; zet de tekst tussen aanhalingstekens"],
    "second-document.yaml": ["3: '---' begint een tweede document; een bestand heeft er één: haal die regel weg"],
    "yes-as-text.yaml": [
        "8: categorieen[1].kaarten[1].tekst: moet tekst zijn, gevonden: ja/nee; zet de tekst tussen aanhalingstekens"
    ],
    "unknown-escape.yaml": ["3: onbekende code na \\ in tekst tussen aanhalingstekens; schrijf een \\ als \\\\"],
    # refused before they can do harm: merge keys, tags on any node, keys that are not text, deep nesting
    "merge-key.yaml": ["3: samenvoegen met << wordt niet ondersteund; schrijf de velden uit"],
    "tagged-key.yaml": [f"3: {TAGS}"],
    "tagged-mapping.yaml": [f"4: bron: {TAGS}"],
    "tagged-list.yaml": [f"4: categorieen: {TAGS}"],
    "bang-text.yaml": [f"3: titel: {TAGS}"],
    "date-key.yaml": ["3: een veldnaam moet tekst zijn, niet '2026-01-01'"],
    "deep-flow.yaml": ["3: te diep genest (meer dan 30 niveaus)"],
}

# Words of PyYAML, Python and Click that must never reach a user (whole words, any case).
ENGLISH = [
    "found", "expected", "while", "could", "must", "allowed", "invalid", "error", "month", "convert", "string",
    "float", "mapping", "sequence", "scalar", "document start", "token", "stream", "character", "unknown",
    "traceback", "usage", "option", "options", "missing", "value", "the", "not", "cannot", "file",
]  # fmt: skip


def check_folder(runner, folder: Path):
    return runner.invoke(main, ["check", "--sources", str(folder)])


def error_lines(result) -> list[str]:
    return result.stderr.splitlines()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_source_gives_exact_error_lines(runner, tmp_path, name):
    shutil.copy(BAD / name, tmp_path / name)
    result = check_folder(runner, tmp_path)
    assert result.exit_code == 1
    assert error_lines(result) == [f"Fout: {tmp_path / name}:{line}" for line in EXPECTED[name]]
    assert result.stdout == ""
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_no_message_for_any_bad_file_has_an_english_word(runner, tmp_path):
    """Every file in tests/data/bad and the catalogue, each in a folder of its own: the messages
    are collected and searched for English words."""
    import re

    said = []
    for path in [*BAD.glob("*.yaml"), *(DATA / "catalogus").glob("*.yaml")]:
        folder = tmp_path / path.stem
        folder.mkdir()
        shutil.copy(path, folder / path.name)
        said += [line.split(": ", 2)[-1] for line in error_lines(check_folder(runner, folder))]
        for option in ("--casus", "--plan", "--brand"):
            result = runner.invoke(main, ["check", option, str(path)])
            said += [line.split(": ", 2)[-1] for line in error_lines(result)]
    assert len(said) > 60
    english = {word for line in said for word in ENGLISH if re.search(rf"\b{word}\b", line, re.IGNORECASE)}
    assert english == set(), [line for line in said if any(re.search(rf"\b{w}\b", line, re.I) for w in english)]


def test_every_fixture_has_an_expectation():
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(EXPECTED)


def test_all_problems_of_all_files_are_reported_at_once(runner, tmp_path):
    for name in ("unknown-key.yaml", "wrong-types.yaml", "tab-indentation.yaml"):
        shutil.copy(BAD / name, tmp_path / name)
    result = check_folder(runner, tmp_path)
    assert result.exit_code == 1
    assert len(error_lines(result)) == 4
    assert all(line.startswith(f"Fout: {tmp_path}") for line in error_lines(result))


def test_duplicate_id_across_files(runner, tmp_path):
    text = (DATA / "good" / "incheckvragen.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    result = check_folder(runner, tmp_path)
    assert result.exit_code == 1
    id_line = text.splitlines().index("id: incheckvragen") + 1
    assert error_lines(result) == [
        f"Fout: {tmp_path / 'b.yaml'}:{id_line}: id: 'incheckvragen' komt ook voor in {tmp_path / 'a.yaml'}"
    ]


def test_file_too_big_is_refused_before_parsing(runner, tmp_path):
    (tmp_path / "groot.yaml").write_text("soort: kaarten\n# " + "x" * 2_100_000 + "\n", encoding="utf-8")
    result = check_folder(runner, tmp_path)
    assert result.exit_code == 1
    assert error_lines(result) == [
        f"Fout: {tmp_path / 'groot.yaml'}: bestand is te groot (2.100.018 bytes, hoogstens 2.000.000)"
    ]


def test_absurdly_long_text_is_refused(runner, tmp_path):
    (tmp_path / "lang.yaml").write_text(f'soort: kaarten\nid: lang\ntitel: "{"a" * 25_000}"\n', encoding="utf-8")
    result = check_folder(runner, tmp_path)
    assert error_lines(result) == [
        f"Fout: {tmp_path / 'lang.yaml'}:3: titel: tekst is te lang (25.000 tekens, hoogstens 20.000)"
    ]


def test_deep_nesting_is_refused(runner, tmp_path):
    (tmp_path / "diep.yaml").write_text("soort: kaarten\nid: diep\nx: " + "[" * 40 + "]" * 40 + "\n", encoding="utf-8")
    result = check_folder(runner, tmp_path)
    assert result.exit_code == 1
    assert error_lines(result)[0].endswith("te diep genest (meer dan 30 niveaus)")
    assert len(error_lines(result)) == 1


def test_missing_sources_folder(runner, tmp_path):
    result = check_folder(runner, tmp_path / "bestaat-niet")
    assert result.exit_code == 1
    assert error_lines(result) == [f"Fout: {tmp_path / 'bestaat-niet'}: map met bronnen bestaat niet"]


def test_folder_without_sources(runner, tmp_path):
    result = check_folder(runner, tmp_path)
    assert error_lines(result) == [f"Fout: {tmp_path}: map bevat geen bronbestanden (.yaml, .csv of .xlsx)"]


def test_hand_option_must_stand_in_its_line(runner, tmp_path):
    (tmp_path / "hand.yaml").write_text(
        'soort: hand\nid: hand\ntitel: "Hand"\nbron: {publicatie: "x", uitgever: "y"}\n'
        'vingers:\n  - vinger: "Duim"\n    tekst: "Vertel waar je goed in bent."\n'
        '    opties: ["waar je trots op bent"]\n',
        encoding="utf-8",
    )
    result = check_folder(runner, tmp_path)
    assert error_lines(result) == [
        f"Fout: {tmp_path / 'hand.yaml'}:8: vingers[1].opties[1]: "
        "optie 'waar je trots op bent' staat niet letterlijk in de tekst van de duim"
    ]


def test_unknown_basisprincipe(runner, tmp_path):
    (tmp_path / "oef.yaml").write_text(
        'soort: oefeningen\nid: oef\ntitel: "Oefeningen"\nbron: {publicatie: "x", uitgever: "y"}\n'
        "basisprincipes:\n  - {id: lerend, naam: Lerend}\n"
        'oefeningen:\n  - id: o1\n    basisprincipe: lerent\n    nummer: 1\n    titel: "Oefening"\n'
        "    stappen:\n      - {nummer: 1, titel: Start, minuten: 5}\n",
        encoding="utf-8",
    )
    result = check_folder(runner, tmp_path)
    assert error_lines(result) == [
        f"Fout: {tmp_path / 'oef.yaml'}:9: oefeningen[1].basisprincipe: onbekend basisprincipe 'lerent' (bekend: lerend)"
    ]


@pytest.mark.parametrize(
    "variable, value, message",
    [
        ("DECK_JOBS", "abc", "'abc' is geen aantal processen: gebruik 1 of 2"),
        ("DECK_JOBS", "0", "'0' is geen aantal processen: gebruik 1 of 2"),
        (
            "SOURCE_DATE_EPOCH",
            "99999999999999",
            "'99999999999999' is geen tijdstip: geef de seconden sinds 1 januari 1970, zoals 1767225600",
        ),
        (
            "SOURCE_DATE_EPOCH",
            "gisteren",
            "'gisteren' is geen tijdstip: geef de seconden sinds 1 januari 1970, zoals 1767225600",
        ),
    ],
)
def test_a_bad_environment_variable_is_one_line_naming_it(runner, tmp_path, monkeypatch, variable, value, message):
    monkeypatch.setenv(variable, value)
    result = runner.invoke(main, ["build", "hand", "facilitatorboekje", "--out", str(tmp_path / "uit")])
    assert (result.exit_code, result.stderr) == (1, f"Fout: {variable}: {message}\n")
    assert not (tmp_path / "uit").exists()


def test_nesting_deep_enough_to_crash_a_parser_is_one_line(runner, tmp_path):
    """A hundred thousand levels overflow the YAML parsers' stack (a crash, not an error): refused first."""
    (tmp_path / "diep.yaml").write_text("soort: kaarten\nid: k\nx: " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = check_folder(runner, tmp_path)
    assert error_lines(result) == [f"Fout: {tmp_path / 'diep.yaml'}:3: te diep genest (meer dan 30 niveaus)"]


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _dangling(path: Path) -> None:
    path.symlink_to(path.parent / "weg.yaml")


def _loop(path: Path) -> None:
    path.symlink_to(path.parent / "lus-b")
    (path.parent / "lus-b").symlink_to(path)


def _folder(path: Path) -> None:
    path.mkdir()


SPECIAL = {
    "fifo": (_fifo, "is geen gewoon bestand (maar een pijp, een apparaat of een socket)"),
    "dev-zero": (_zero, "is geen gewoon bestand (maar een pijp, een apparaat of een socket)"),
    "dangling": (_dangling, "is een koppeling naar een bestand dat niet bestaat"),
    "loop": (_loop, "kan het bestand niet lezen (de koppelingen verwijzen in een kring naar elkaar)"),
    "folder": (_folder, "is een map, geen bestand"),
}


@pytest.mark.parametrize("kind", list(SPECIAL))
@pytest.mark.parametrize("role", ["bron", "casus", "plan", "huisstijl"])
def test_only_regular_files_are_read_whatever_stands_under_the_name(runner, tmp_path, kind, role):
    """A pipe or /dev/zero under a file's name would hang deck or fill its memory; a dangling link or
    a loop would be a traceback: each is one line naming the path, at once."""
    make, message = SPECIAL[kind]
    sources = tmp_path / "bronnen"
    sources.mkdir()
    shutil.copy(DATA / "good" / "incheckvragen.yaml", sources)
    path = (sources if role == "bron" else tmp_path) / f"{role}.yaml"
    make(path)
    option = {
        "bron": [],
        "casus": ["--casus", str(path)],
        "plan": ["--plan", str(path)],
        "huisstijl": ["--brand", str(path)],
    }
    result = runner.invoke(main, ["check", "--sources", str(sources), *option[role]])
    assert (result.exit_code, result.stderr) == (1, f"Fout: {path}: {message}\n")


def test_a_path_too_long_for_the_system_is_one_line(runner, tmp_path):
    path = tmp_path / ("c" * 300 + ".yaml")
    result = runner.invoke(main, ["check", "--casus", str(path)])
    assert (result.exit_code, result.stderr) == (1, f"Fout: {path}: kan het bestand niet lezen (de naam is te lang)\n")


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "dangling"])
@pytest.mark.parametrize("what", ["logo", "font"])
def test_a_logo_or_font_that_is_no_regular_file_is_named(runner, tmp_path, kind, what):
    kit = tmp_path / "huisstijl"
    shutil.copytree(ROOT / "examples" / "huisstijl", kit)
    target = kit / "logo.png" if what == "logo" else kit / "fonts" / "Vreemd.ttf"
    target.unlink(missing_ok=True)
    SPECIAL[kind][0](target)
    result = runner.invoke(main, ["check", "--brand", str(kit / "brand.yaml")])
    assert result.exit_code == 1
    assert result.stderr.endswith(f"{target}: {SPECIAL[kind][1]}\n") and result.stderr.count("\n") == 1, result.stderr


def test_control_characters_in_names_are_shown_as_codes_never_acted_on(runner, tmp_path):
    """A file name with a newline and an escape sequence could fake or erase a 'Fout:' line."""
    name = "team\n\x1b[2KFout: alles goed\u202e.yaml"
    shutil.copy(BAD / "unknown-key.yaml", tmp_path / name)
    result = check_folder(runner, tmp_path)
    shown = "team\\x0a\\x1b[2KFout: alles goed\\u202e.yaml"
    assert result.stderr == (
        f"Fout: {tmp_path}/{shown}:9: categorieen[1].kaarten[1].tekts: onbekend veld; bedoelt u 'tekst'? "
        "(toegestaan: tekst, toelichting, lijst)\n"
    )
    assert "\x1b" not in result.output


def test_a_source_whose_extension_is_in_capitals_is_read(runner, tmp_path):
    shutil.copy(DATA / "good" / "incheckvragen.yaml", tmp_path / "Team.YAML")
    (tmp_path / "Vragen.CSV").write_text("categorie;tekst\nA;Wat zie je?\n", encoding="utf-8")
    result = runner.invoke(main, ["list", "--sources", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines() if not line.startswith(" ")] == [
        "incheckvragen",
        "vragen",
    ]


def test_odd_places_for_sources_and_output_are_one_line(runner, tmp_path):
    long = tmp_path / ("x" * 300)
    result = runner.invoke(main, ["check", "--sources", str(long)])
    assert result.stderr == f"Fout: {long}: kan de map niet lezen (de naam is te lang)\n"
    result = runner.invoke(main, ["build", "hand", "--out", str(long)])
    assert result.stderr == f"Fout: {long}: uitvoermap kan niet worden gemaakt (de naam is te lang)\n"
    (tmp_path / "uit").symlink_to(tmp_path / "nergens")
    result = runner.invoke(main, ["build", "hand", "--out", str(tmp_path / "uit")])
    assert result.stderr == f"Fout: {tmp_path / 'uit'}: uitvoermap is een koppeling naar een map die niet bestaat\n"


def test_a_web_address_too_long_for_a_qr_code_is_refused_at_its_line(runner, tmp_path):
    text = (DATA / "good" / "incheckvragen.yaml").read_text(encoding="utf-8")
    (tmp_path / "k.yaml").write_text(text.replace("bron:\n", f'bron:\n  url: "https://example.org/{"a" * 2000}"\n', 1))
    result = check_folder(runner, tmp_path)
    assert result.stderr.endswith("bron.url: webadres is te lang voor een QR-code (2.020 tekens, hoogstens 2.000)\n")
    assert result.stderr.count("\n") == 1

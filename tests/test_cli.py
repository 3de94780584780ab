"""`deck list` and `deck check` as a user runs them."""

import json
import os
import re
import shutil
import subprocess
import sys

import click
import pytest

from deck.cli import main
from tests.conftest import ROOT
from tests.pdf import pdf_text

CREDITS = "; en een kaart met de bronnen"
RIGHTS = "; en twee kaarten met de bronnen en de toestemming"  # Kom verder!'s rights notice has a card of its own
FAMILY_COUNTS = {  # the cards printed: every item, and the cards with the sources
    "spanningsvelden": (
        59,
        "6 spanningsvelden (hun polen) met 43 reflectievragen; 9 algemene reflectievragen (de 21 citaten staan in "
        "het facilitatorboekje)" + CREDITS,
    ),
    "werkkaarten": (9, "8 werkkaarten met 13 citaten; werkkaart 8: 3 fasen, 12 subcategorieën, 104 citaten" + CREDITS),
    "oefeningen": (14, "12 oefeningen bij 6 basisprincipes, 51 stappen" + RIGHTS),
    "hand": (7, "5 vingers met 14 opties" + RIGHTS),
    "emoties": (62, "60 woorden in 12 families (23 positief, 37 negatief)" + RIGHTS),
}


def test_list_json_shows_every_family_with_inventory_counts(runner):
    result = runner.invoke(main, ["list", "--json"])
    assert result.exit_code == 0
    targets = {t["id"]: t for t in json.loads(result.stdout)}
    for target_id, (count, content) in FAMILY_COUNTS.items():
        assert (targets[target_id]["aantal"], targets[target_id]["inhoud"]) == (count, content)
        assert targets[target_id]["soort"] == "kaarten"
    assert targets["helpende-vragen"]["inhoud"].startswith(
        "23 helpende vragen uit 6 leersessies (hun 18 inzichten, 29 citaten en 28 hulpbronnen staan in het "
        "facilitatorboekje)"
    )
    assert {t["soort"] for t in targets.values()} == {"kaarten", "werkblad", "boekje"}
    assert targets["feiten-of-interpretaties"]["soort"] == "werkblad"
    assert targets["facilitatorboekje"]["soort"] == "boekje"


def test_list_table_has_one_row_per_target(runner):
    result = runner.invoke(main, ["list"])
    assert result.exit_code == 0
    rows = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert [row.split()[0] for row in rows] == [
        "achtergrond",
        "amalia",
        "basisprincipes",
        "citaten",
        "dogmas",
        "emoties",
        "hand",
        "helpende-vragen",
        "interviews",
        "kennismaken",
        "kernteam",
        "leidinggevenden",
        "oefeningen",
        "patronen",
        "retrospectieve-casusanalyse",
        "samenwerken-ret",
        "spanningsvelden",
        "sprekende-verhalen",
        "verder-lezen",
        "welk-leren",
        "werkkaarten",
        "werkwoorden",
        "werkzame-elementen",
        "feiten-of-interpretaties",
        "tijdlijn",
        "perspectiefwissel",
        "spanningsveld-lijn",
        "hand-werkblad",
        "incidentmethode",
        "wijsheid-van-de-groep",
        "b1-woorden",
        "notitie-aan-jezelf",
        "visualiseren",
        "dogma-overtuiging",
        "zelfscan",
        "casusanalyse-werkblad",
        "welk-leren-werkblad",
        "patronen-checklist",
        "intentieverklaring",
        "teamoverleg",
        "sessieplan",
        "facilitatorboekje",
    ]
    assert rows[16].split()[1:4] == ["kaarten", "59", "kaarten"]  # spanningsvelden: 58 and the credits card


def test_check_on_bundled_sources(runner):
    result = runner.invoke(main, ["check"])
    assert (result.exit_code, result.stdout) == (0, "In orde: 23 bronbestanden, 42 doelen.\n")


def test_check_accepts_the_example_deck(runner):
    result = runner.invoke(main, ["check", "--sources", str(ROOT / "examples" / "eigen-deck")])
    assert (result.exit_code, result.stdout) == (0, "In orde: 3 bronbestanden, 3 doelen.\n")


def test_five_mistakes_give_five_lines(runner, tmp_path):
    """The issue's acceptance check: a copy of sources/ with five different mistakes."""
    copy = tmp_path / "sources"
    shutil.copytree(ROOT / "sources", copy)
    edits = {
        "hand.yaml": ('  - vinger: "Pink"', "  - vinger: 5"),
        "emoties.yaml": ("lading: positief", "lading: vrolijk"),
        "spanningsvelden.yaml": ("    polen:", "    pollen:"),
        "oefeningen.yaml": ("    basisprincipe: lerend", "    basisprincipe: lerent"),
        "werkkaarten.yaml": ('titel: "Werkkaarten"', 'titel: "Werkkaarten"\ntitel: "Nog eens"'),
    }
    for name, (old, new) in edits.items():
        text = (copy / name).read_text(encoding="utf-8")
        assert old in text
        (copy / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    result = runner.invoke(main, ["check", "--sources", str(copy)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 5
    fields = [line.split(": ")[2] for line in lines]
    assert fields == [
        "families[8].lading",
        "vingers[5].vinger",
        "oefeningen[11].basisprincipe",
        "spanningsvelden[1].pollen",
        "titel",
    ]
    assert "bedoelt u 'polen'?" in lines[3]
    for line, name in zip(lines, ["emoties", "hand", "oefeningen", "spanningsvelden", "werkkaarten"], strict=True):
        assert line.startswith(f"Fout: {copy / name}.yaml:")
        assert line.split(":")[2].isdigit()


def every_command(group: click.Group, path=()) -> list[list[str]]:
    """deck itself and each of its commands and subcommands, as typed."""
    found = [list(path)]
    for name, command in group.commands.items():
        found += every_command(command, (*path, name)) if isinstance(command, click.Group) else [[*path, name]]
    return found


COMMANDS = every_command(main)
CLICK_ENGLISH = [
    "Usage:", "Options:", "Commands:", "Show this message", "Show the version", "[default:", "[required]",
    "[OPTIONS]", "COMMAND", "[ARGS]", "FILE", "PATH", "TEXT", "INTEGER", "office", "shop", "long|short", "Error",
]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS, ids=lambda command: " ".join(command) or "deck")
def test_help_is_dutch(runner, command):
    """Every command's help, in Click's words and deck's: the headings, and a Dutch line for every
    option, and the placeholders of the usage line."""
    result = runner.invoke(main, [*command, "--help"], prog_name="deck")
    assert result.exit_code == 0
    assert [word for word in CLICK_ENGLISH if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", result.stdout)] == []
    assert result.stdout.startswith("Gebruik: deck") and "Opties:" in result.stdout
    options = [line for line in result.stdout.splitlines() if line.startswith("  -")]
    assert options and all(re.match(r"  -\S.*?\s{2,}\S", line) for line in options), options


def test_installed_command_works_from_any_directory(tmp_path):
    """After `pip install .` the command carries its own sources (README's test command installs it)."""
    deck = shutil.which("deck")
    assert deck, "deck is not installed: run the README's test command"
    result = subprocess.run([deck, "check"], cwd=tmp_path, capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (0, "In orde: 23 bronbestanden, 42 doelen.\n")
    built = subprocess.run([deck, "build", "hand"], cwd=tmp_path, capture_output=True, text=True)
    assert built.stdout.splitlines()[0] == (
        "Bronnen: de meegeleverde bronnen; een eigen kopie om te bewerken maakt u met 'deck init MAP'"
    )


def test_the_installed_command_gives_a_copy_to_edit_with_the_examples(tmp_path):
    deck = shutil.which("deck")
    assert subprocess.run([deck, "init", "mijn-map"], cwd=tmp_path, capture_output=True).returncode == 0
    assert (tmp_path / "mijn-map" / "voorbeelden" / "eigen-deck" / "casusvragen.xlsx").is_file()
    hand = tmp_path / "mijn-map" / "bronnen" / "hand.yaml"
    hand.write_text(hand.read_text(encoding="utf-8").replace("Duim", "Grote duim", 1), encoding="utf-8")
    built = subprocess.run([deck, "build", "hand"], cwd=tmp_path / "mijn-map", capture_output=True, text=True)
    assert built.stdout.splitlines() == ["Bronnen: bronnen", "build/hand.pdf  (1 vel, 2 pagina's)"]
    assert "Grote duim" in pdf_text(tmp_path / "mijn-map" / "build" / "hand.pdf")


def test_click_speaks_dutch(runner):
    help_text = " ".join(runner.invoke(main, ["build", "--help"]).stdout.split())
    assert help_text.startswith("Gebruik: ") and "Opties:" in help_text and "[standaard: a4]" in help_text
    assert "-h, --help Toon deze hulp en stop." in help_text


def test_bare_deck_shows_the_help_and_succeeds():
    result = subprocess.run([sys.executable, "-m", "deck"], cwd=ROOT, capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("Gebruik: deck [OPTIES] COMMANDO [ARGUMENTEN]...\n\n  Drukklare kaarten")
    assert "Commando's:" in result.stdout and "  build " in result.stdout


USAGE_ERRORS = {
    ("build", "--paper", "a5"): "ongeldige waarde voor '--paper': 'a5' is niet een van 'a4', 'letter'",
    ("bouw",): "onbekend commando 'bouw'",
    ("build", "hand", "--size", "groot"): "ongeldige waarde voor '--size': onbekende maat 'groot' (kies uit poker, "
    "bridge, tarot, a6, a7, square, of BxH in mm zoals 63x88)",
    (
        "build",
        "hand",
        "--size",
        "10x10",
    ): "ongeldige waarde voor '--size': maat 10x10 mm valt buiten 20–200 × 20–280 mm",
    ("build", "hand", "--back-offset", "links"): "ongeldige waarde voor '--back-offset': 'links' is geen verschuiving; "
    "schrijf X,Y in mm, bijvoorbeeld 0.5,-1",
}


@pytest.mark.parametrize("args", list(USAGE_ERRORS))
def test_a_mistake_in_the_command_line_shows_the_usage_and_one_error_line(runner, args):
    """Click's usage errors, in Dutch: the usage line, where to find help, and what is wrong; exit code 2."""
    result = runner.invoke(main, list(args), prog_name="deck")
    command = "deck" if args[0] == "bouw" else "deck build"
    usage = "deck [OPTIES] COMMANDO [ARGUMENTEN]..." if args[0] == "bouw" else "deck build [OPTIES] [DOELEN]..."
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"Gebruik: {usage}\nZie '{command} --help'.\n\nFout: {USAGE_ERRORS[args]}\n"


def test_a_build_leaves_nothing_in_the_temporary_folder(tmp_path):
    """Long cards pass through a temporary folder on their way to the sheets; it is gone after."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    environment = {**os.environ, "TMPDIR": str(scratch), "DECK_CACHE": str(tmp_path / "cache")}
    built = subprocess.run(
        [sys.executable, "-m", "deck", "build", "hand", "werkkaarten", "--out", str(tmp_path / "uit")],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    assert built.stdout.endswith("werkkaarten.pdf  (13 vellen, 26 pagina's)\n")
    assert list(scratch.iterdir()) == []

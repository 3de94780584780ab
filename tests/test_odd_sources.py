"""Own sources that lack what a werkblad or the booklet reads: every target is tried, none ends in
a traceback, `deck list` says what is missing, and `deck check` refuses what `deck build` refuses."""

import json
import shutil

import pytest
import yaml

from deck.cli import main
from tests.conftest import ROOT
from tests.pdf import pdf_text, reader

MISSING = {
    "feiten-of-interpretaties": "oefening l2 heeft geen stap 5",
    "tijdlijn": "de bronnen hebben geen werkkaart 3",
    "perspectiefwissel": "werkkaart 5 heeft geen kop die begint met '3.'",
    "wijsheid-van-de-groep": "de bronnen hebben geen oefening met id 'r1'",
    "b1-woorden": "stap 4 van oefening e2 heeft geen kop die begint met 'Antwoorden'",
    "notitie-aan-jezelf": "oefening h2 heeft geen stap 3",
}


def rewrite(path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def by_id(items, key, value):
    return next(item for item in items if item[key] == value)


def odd(oefeningen: dict) -> None:
    items = oefeningen["oefeningen"]
    by_id(items, "id", "l2")["stappen"] = [s for s in by_id(items, "id", "l2")["stappen"] if s["nummer"] != 5]
    oefeningen["oefeningen"] = [o for o in items if o["id"] != "r1"]
    last = by_id(items, "id", "e2")["stappen"][-1]
    last["inhoud"] = [b for b in last["inhoud"] if not str(b.get("kop", "")).startswith("Antwoorden")]
    h2 = by_id(items, "id", "h2")
    h2["stappen"] = [s for s in h2["stappen"] if s["nummer"] != 3]


def odd_werkkaarten(werkkaarten: dict) -> None:
    werkkaarten["werkkaarten"] = [k for k in werkkaarten["werkkaarten"] if k["nummer"] not in (1, 3)]
    vijf = by_id(werkkaarten["werkkaarten"], "nummer", 5)
    vijf["inhoud"] = [b for b in vijf["inhoud"] if not str(b.get("kop", "")).startswith("3.")]


@pytest.fixture(scope="module")
def odd_sources(tmp_path_factory):
    folder = tmp_path_factory.mktemp("odd") / "bronnen"
    shutil.copytree(ROOT / "sources", folder)
    rewrite(folder / "oefeningen.yaml", odd)
    rewrite(folder / "werkkaarten.yaml", odd_werkkaarten)
    return folder


def test_list_says_what_each_sheet_misses(runner, odd_sources):
    result = runner.invoke(main, ["list", "--json", "--sources", str(odd_sources)])
    assert result.exit_code == 0, result.stderr
    listed = {target["id"]: target for target in json.loads(result.stdout)}
    assert {i: t["ontbreekt"] for i, t in listed.items() if not t["bouwbaar"]} == MISSING
    text = runner.invoke(main, ["list", "--sources", str(odd_sources)]).stdout
    assert "(niet te maken: de bronnen hebben geen werkkaart 3)" in text


@pytest.mark.parametrize("command", ["check", "build"])
def test_everything_else_is_made_and_what_is_left_out_is_said(runner, odd_sources, tmp_path, command):
    out = ["--out", str(tmp_path / "uit")] if command == "build" else []
    result = runner.invoke(main, [command, "--sources", str(odd_sources), *out])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"Let op: werkblad '{sheet}' wordt niet gemaakt: {missing}" for sheet, missing in MISSING.items()
    ]
    if command == "build":
        made = sorted(path.stem for path in (tmp_path / "uit").glob("*.pdf"))
        assert not set(MISSING) & set(made) and "incidentmethode" in made and "facilitatorboekje" in made
        booklet = pdf_text(tmp_path / "uit" / "facilitatorboekje.pdf")
        assert "Werkkaart 2." in booklet and "Werkkaart 3." not in booklet
        assert len(reader(tmp_path / "uit" / "facilitatorboekje-a4-drukvel.pdf").pages) > 10


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("sheet", list(MISSING))
def test_naming_a_sheet_that_cannot_be_made_is_one_error_in_check_and_build(
    runner, odd_sources, tmp_path, command, sheet
):
    out = ["--out", str(tmp_path / "uit")] if command == "build" else []
    result = runner.invoke(main, [command, sheet, "--sources", str(odd_sources), *out])
    assert (result.exit_code, result.stderr) == (1, f"Fout: {sheet}: niet te maken: {MISSING[sheet]}\n")
    assert not (tmp_path / "uit").exists()


def test_a_plan_that_names_what_the_sources_lack_is_an_error_in_check_and_build(runner, odd_sources, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        'titel: "Sessie"\nstart: "13:00"\nbeschikbaar: 120\nonderdelen:\n  - oefening: r1\n  - werkkaart: 3\n    minuten: 20\n',
        encoding="utf-8",
    )
    for command in (["check"], ["build", "--out", str(tmp_path / "uit")]):
        result = runner.invoke(
            main, [*command, "facilitatorboekje", "--sources", str(odd_sources), "--plan", str(plan)]
        )
        assert result.exit_code == 1
        lines = result.stderr.splitlines()
        assert [line.split(": ")[2] for line in lines] == ["onderdelen[1].oefening", "onderdelen[2].werkkaart"], lines

"""The catalogue of bad input: every scenario ends in Dutch `Error:` lines naming file, line and
field where there is one, exit code 1, no traceback, no partial file, and the previous output intact.

Each scenario sets up its input in a temporary folder and names the command line; `{t}` in the
arguments and the expected lines stands for that folder.
"""

import errno
import os
import shutil
import signal
import sys
from pathlib import Path

import pytest
from PIL import Image

from deck.cli import main
from tests.conftest import DATA, ROOT

CATALOGUE = DATA / "catalogus"
BAD = DATA / "bad"
KIT = ROOT / "examples" / "huisstijl"
PREVIOUS = b"%PDF-1.7 de vorige uitvoer\n"


def copy(*names, into="src", folder=CATALOGUE):
    def setup(t: Path):
        (t / into).mkdir(exist_ok=True)
        for name in names:
            shutil.copy(folder / name, t / into / name)

    return setup


def brand_kit(edit=None):
    def setup(t: Path):
        shutil.copytree(KIT, t / "kit")
        if edit:
            edit(t / "kit")

    return setup


def replace_in(name, old, new):
    def edit(kit: Path):
        text = (kit / name).read_text(encoding="utf-8")
        assert old in text
        (kit / name).write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def write(name, text):
    def setup(t: Path):
        (t / "src").mkdir(exist_ok=True)
        (t / "src" / name).write_text(text, encoding="utf-8")

    return setup


def nothing(t: Path):
    pass


def line_in(path: Path, start: str) -> int:
    return next(
        n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.lstrip().startswith(start)
    )


BUILD = ["build", "--out", "{t}/uit"]
SOURCES = BUILD + ["--sources", "{t}/src"]
LOGO_LINE = line_in(KIT / "brand.yaml", "logo:")

SCENARIOS = {
    # --- sources ---
    "yaml-tab": (
        copy("tab-indentation.yaml", folder=BAD),
        SOURCES,
        ["{t}/src/tab-indentation.yaml:5: tab gevonden: spring in met spaties, niet met tabs"],
    ),
    "yaml-open-haakje": (
        copy("unclosed-bracket.yaml", folder=BAD),
        SOURCES,
        ["{t}/src/unclosed-bracket.yaml:5: lijst met [ is niet gesloten met ]"],
    ),
    "yaml-inspringing": (
        copy("bad-indentation.yaml", folder=BAD),
        SOURCES,
        ["{t}/src/bad-indentation.yaml:6: verkeerde inspringing: deze regel past niet bij de regels erboven"],
    ),
    "alias-bom": (
        copy("alias-bomb.yaml", folder=BAD),
        SOURCES,
        [
            "{t}/src/alias-bomb.yaml:2: aliassen (*naam) worden niet ondersteund (18 keer in dit bestand); schrijf de waarde uit"
        ],
    ),
    "tekst-van-10-mb": (
        write("groot.yaml", 'soort: kaarten\nid: groot\ntitel: "' + "a" * 10_000_000 + '"\n'),
        SOURCES,
        ["{t}/src/groot.yaml: bestand is te groot (10.000.035 bytes, hoogstens 2.000.000)"],
    ),
    "diep-genest": (
        write("diep.yaml", "soort: kaarten\nid: diep\nx: " + "[" * 40 + "]" * 40 + "\n"),
        SOURCES,
        ["{t}/src/diep.yaml:3: x" + "[1]" * 30 + ": te diep genest (meer dan 30 niveaus)"],
    ),
    "verkeerd-type": (
        copy("wrong-types.yaml", folder=BAD),
        SOURCES,
        [
            "{t}/src/wrong-types.yaml:3: titel: moet tekst zijn, gevonden: een getal; zet de tekst tussen aanhalingstekens",
            "{t}/src/wrong-types.yaml:5: categorieen: moet een lijst (regels met '- ') zijn, gevonden: velden",
        ],
    ),
    "onbekend-veld": (
        copy("unknown-key.yaml", folder=BAD),
        SOURCES,
        [
            "{t}/src/unknown-key.yaml:9: categorieen[1].kaarten[1].tekts: onbekend veld; bedoelt u 'tekst'? "
            "(toegestaan: tekst, toelichting, lijst)"
        ],
    ),
    "dubbel-id": (
        copy("dubbel-id-a.yaml", "dubbel-id-b.yaml"),
        SOURCES,
        ["{t}/src/dubbel-id-b.yaml:2: id: 'team' komt ook voor in {t}/src/dubbel-id-a.yaml"],
    ),
    "leeg-deck": (
        copy("leeg-deck.yaml"),
        SOURCES,
        ["{t}/src/leeg-deck.yaml:7: categorieen[1].kaarten: mag niet leeg zijn"],
    ),
    "geen-utf8": (
        copy("not-utf8.yaml", folder=BAD),
        SOURCES,
        [
            "{t}/src/not-utf8.yaml:3: bestand is geen UTF-8; sla het op als UTF-8 (in Kladblok: Opslaan als > Codering: UTF-8)"
        ],
    ),
    "utf16-met-bom": (
        copy("utf16-bom.yaml"),
        SOURCES,
        [
            "{t}/src/utf16-bom.yaml:1: bestand is geen UTF-8; sla het op als UTF-8 (in Kladblok: Opslaan als > Codering: UTF-8)"
        ],
    ),
    "stuurteken": (
        copy("control-character.yaml", folder=BAD),
        SOURCES,
        ["{t}/src/control-character.yaml:3: bevat een onzichtbaar stuurteken (U+0007); verwijder het"],
    ),
    "leeg-bestand": (copy("empty-file.yaml", folder=BAD), SOURCES, ["{t}/src/empty-file.yaml:1: bestand is leeg"]),
    "map-zonder-bronnen": (
        lambda t: (t / "src").mkdir(),
        SOURCES,
        ["{t}/src: map bevat geen bronbestanden (.yaml, .csv of .xlsx)"],
    ),
    # --- casus ---
    "casus-verkeerd-type": (
        copy("casus-verkeerd-type.yaml", into="."),
        BUILD + ["tijdlijn", "--casus", "{t}/casus-verkeerd-type.yaml"],
        [
            "{t}/casus-verkeerd-type.yaml:1: titel: moet tekst zijn, gevonden: een getal; zet de tekst tussen aanhalingstekens",
            "{t}/casus-verkeerd-type.yaml:2: betrokkenen: moet een lijst (regels met '- ') zijn, gevonden: tekst",
        ],
    ),
    "casus-lege-datum": (
        copy("casus-lege-datum.yaml", into="."),
        BUILD + ["tijdlijn", "--casus", "{t}/casus-lege-datum.yaml"],
        ['{t}/casus-lege-datum.yaml:2: datum: moet een datum zijn, zoals 2026-11-23 of "maart 2024"'],
    ),
    "casus-te-veel-gebeurtenissen": (
        copy("casus-te-veel-gebeurtenissen.yaml", into="."),
        BUILD + ["tijdlijn", "--casus", "{t}/casus-te-veel-gebeurtenissen.yaml"],
        ["{t}/casus-te-veel-gebeurtenissen.yaml:2: gebeurtenissen: mag hoogstens 16 waarden hebben"],
    ),
    "casus-onbekend-veld": (
        copy("casus-unknown-key.yaml", into=".", folder=DATA / "casus"),
        BUILD + ["tijdlijn", "--casus", "{t}/casus-unknown-key.yaml"],
        [
            "{t}/casus-unknown-key.yaml:3: inbrenger_naam: onbekend veld; bedoelt u 'inbrenger'? (toegestaan: "
            "titel, datum, inbrenger, facilitator, groep, beschrijving, gebeurtenissen, betrokkenen)"
        ],
    ),
    "casus-ontbreekt": (
        nothing,
        BUILD + ["tijdlijn", "--casus", "{t}/weg.yaml"],
        ["{t}/weg.yaml: bestand bestaat niet"],
    ),
    # --- plan ---
    "plan-past-niet": (
        copy("plan-past-niet.yaml", into="."),
        BUILD + ["sessieplan", "--plan", "{t}/plan-past-niet.yaml"],
        [
            "{t}/plan-past-niet.yaml:3: beschikbaar: het plan duurt 55 minuten: 25 minuten te lang voor de 30 beschikbare minuten"
        ],
    ),
    "plan-onbekende-oefening": (
        copy("plan-onbekende-oefening.yaml", into="."),
        BUILD + ["sessieplan", "--plan", "{t}/plan-onbekende-oefening.yaml"],
        [
            "{t}/plan-onbekende-oefening.yaml:5: onderdelen[1].oefening: onbekende oefening 'x9' (de oefeningen "
            "zijn g1: Heard, seen & respected: Dieper luisteren en patronen ontdekken.; g2: Waarden van "
            "samenwerking; r1: Socratische keuze; r2: De kritische tegenblik; e1: Visualiseren; e2: B1 niveau; "
            "h1: Luisteren, erkennen, inzoomen, doorvragen; h2: Afstand nemen van een situatie; m1: Verplaatsen "
            "in het perspectief van de ander (30 min); m2: Elkaar beter leren kennen door je hand; l1: Intervisie "
            "Incidentmethode; l2: Feiten of interpretaties?)"
        ],
    ),
    "plan-verkeerde-tijd": (
        copy("plan-verkeerde-tijd.yaml", into="."),
        BUILD + ["sessieplan", "--plan", "{t}/plan-verkeerde-tijd.yaml"],
        ['{t}/plan-verkeerde-tijd.yaml:2: start: moet een tijd zijn als "13:30"'],
    ),
    "plan-zonder-onderdelen": (
        copy("plan-zonder-onderdelen.yaml", into="."),
        BUILD + ["sessieplan", "--plan", "{t}/plan-zonder-onderdelen.yaml"],
        ["{t}/plan-zonder-onderdelen.yaml:4: onderdelen: mag niet leeg zijn"],
    ),
    # --- brand ---
    "logo-ontbreekt": (
        brand_kit(lambda kit: (kit / "logo.png").unlink()),
        BUILD + ["hand", "--brand", "{t}/kit/brand.yaml"],
        [f"{{t}}/kit/brand.yaml:{LOGO_LINE}: logo: {{t}}/kit/logo.png: bestand bestaat niet"],
    ),
    "logo-kapot": (
        brand_kit(lambda kit: (kit / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\nkapot")),
        BUILD + ["hand", "--brand", "{t}/kit/brand.yaml"],
        [
            f"{{t}}/kit/brand.yaml:{LOGO_LINE}: logo: {{t}}/kit/logo.png: geen afbeelding die deck kan lezen "
            "(gebruik PNG, JPEG of SVG)"
        ],
    ),
    "logo-te-groot": (
        brand_kit(lambda kit: Image.new("1", (9_000, 6_000)).save(kit / "logo.png")),
        BUILD + ["hand", "--brand", "{t}/kit/brand.yaml"],
        [f"{{t}}/kit/brand.yaml:{LOGO_LINE}: logo: {{t}}/kit/logo.png: afbeelding is te groot (9000×6000 pixels)"],
    ),
    "kleur-te-licht": (
        brand_kit(replace_in("brand.yaml", 'primair: "#7a2f5e"', 'primair: "#f0e68c"')),
        BUILD + ["hand", "--brand", "{t}/kit/brand.yaml"],
        [
            f"{{t}}/kit/brand.yaml:{line_in(KIT / 'brand.yaml', 'primair:')}: kleuren.primair: witte tekst op #f0e68c, "
            "en koppen in #f0e68c op wit, hebben een contrast van 1.2:1; nodig is minstens 4.5:1 (WCAG AA): kies een donkerdere kleur"
        ],
    ),
    "lettertype-ontbreekt": (
        brand_kit(replace_in("brand.yaml", 'tekst: "Source Sans 3"', 'tekst: "Arial"')),
        BUILD + ["hand", "--brand", "{t}/kit/brand.yaml"],
        [
            f"{{t}}/kit/brand.yaml:{line_in(KIT / 'brand.yaml', 'tekst:')}: lettertype.tekst: lettertype 'Arial' "
            "staat niet in {t}/kit/fonts (wel: Source Sans 3)"
        ],
    ),
    "lettertypebestand-kapot": (
        brand_kit(lambda kit: (kit / "fonts" / "SourceSans3[wght].ttf").write_bytes(b"geen font")),
        BUILD + ["hand", "--brand", "{t}/kit/brand.yaml"],
        [
            f"{{t}}/kit/brand.yaml:{line_in(KIT / 'brand.yaml', 'map:')}: lettertype.map: geen "
            "lettertypebestanden (.ttf, .otf) in {t}/kit/fonts"
        ],
    ),
    # --- options and output ---
    "onbekend-doel": (
        nothing,
        BUILD + ["kaartjes"],
        [
            "kaartjes: onbekend doel (bekend: achtergrond, amalia, basisprincipes, citaten, dogmas, emoties, "
            "hand, helpende-vragen, interviews, kennismaken, kernteam, leidinggevenden, oefeningen, patronen, "
            "retrospectieve-casusanalyse, samenwerken-ret, spanningsvelden, sprekende-verhalen, verder-lezen, "
            "welk-leren, werkkaarten, werkwoorden, werkzame-elementen, feiten-of-interpretaties, tijdlijn, "
            "perspectiefwissel, spanningsveld-lijn, hand-werkblad, incidentmethode, wijsheid-van-de-groep, "
            "b1-woorden, notitie-aan-jezelf, visualiseren, dogma-overtuiging, zelfscan, casusanalyse-werkblad, "
            "welk-leren-werkblad, patronen-checklist, intentieverklaring, teamoverleg, sessieplan, "
            "facilitatorboekje)"
        ],
    ),
    "kaarten-buiten-deck": (
        nothing,
        BUILD + ["hand", "--cards", "0-3"],
        ["--cards: '0-3' valt buiten de kaarten van hand: dat heeft kaart 1 tot en met 5"],
    ),
    "sessieplan-zonder-plan": (
        nothing,
        BUILD + ["sessieplan"],
        ["sessieplan: een sessieplan heeft een plan nodig: --plan plan.yaml"],
    ),
    "uitvoer-is-bestand": (
        lambda t: (t / "bestand").write_bytes(b"x"),
        ["build", "hand", "--out", "{t}/bestand"],
        ["{t}/bestand: uitvoermap is een bestand; kies een map met --out"],
    ),
    "uitvoer-onder-een-bestand": (
        lambda t: (t / "bestand").write_bytes(b"x"),
        ["build", "hand", "--out", "{t}/bestand/map"],
        ["{t}/bestand/map: uitvoermap kan niet worden gemaakt (een deel van het pad is een bestand, geen map)"],
    ),
}


def fill(text: str, t: Path) -> str:
    return text.replace("{t}", str(t))


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_catalogue(runner, tmp_path, scenario):
    setup, args, expected = SCENARIOS[scenario]
    setup(tmp_path)
    out = tmp_path / "uit"
    out.mkdir(exist_ok=True)
    (out / "vorige.pdf").write_bytes(PREVIOUS)
    result = runner.invoke(main, [fill(a, tmp_path) for a in args])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [f"Fout: {fill(line, tmp_path)}" for line in expected]
    assert "Traceback" not in result.output and result.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == ["vorige.pdf"]
    assert (out / "vorige.pdf").read_bytes() == PREVIOUS


def test_catalogue_is_large_enough():
    assert len(SCENARIOS) >= 30


def test_full_disk_leaves_previous_output_and_no_temporary_file(runner, tmp_path, monkeypatch):
    out = tmp_path / "uit"
    out.mkdir()
    (out / "hand.pdf").write_bytes(PREVIOUS)

    def full(*_):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("deck.output.os.fsync", full)
    result = runner.invoke(main, ["build", "hand", "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr == f"Fout: {out / 'hand.pdf'}: kan niet schrijven (de schijf is vol)\n"
    assert sorted(p.name for p in out.iterdir()) == ["hand.pdf"]
    assert (out / "hand.pdf").read_bytes() == PREVIOUS


def test_interrupt_halfway_leaves_previous_output(tmp_path, monkeypatch, capsys):
    out = tmp_path / "uit"
    out.mkdir()
    (out / "hand.pdf").write_bytes(PREVIOUS)
    import deck.build
    import deck.start

    real = deck.build._render_deck
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(deck.build, "_render_deck", interrupted)
    monkeypatch.setenv("DECK_JOBS", "1")
    monkeypatch.setattr(sys, "argv", ["deck", "build", "hand", "emoties", "--out", str(out)])
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)
    kept = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        with pytest.raises(SystemExit) as stopped:
            deck.start.main()  # which takes over the stop signals of this process: given back below
    finally:
        for number, handler in kept.items():
            signal.signal(number, handler)
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "\nFout: onderbroken; er zijn geen halve bestanden geschreven\n"
    assert sorted(p.name for p in out.iterdir()) == ["hand.pdf"]
    assert (out / "hand.pdf").read_bytes() == PREVIOUS


def test_a_build_that_fails_while_writing_leaves_every_file_as_it_was(runner, tmp_path, monkeypatch):
    """All or nothing: the disk fills up while the second of two files is written; the first,
    already written under a hidden name, is not moved into place either."""
    out = tmp_path / "uit"
    out.mkdir()
    for name in ("hand.pdf", "emoties.pdf"):
        (out / name).write_bytes(PREVIOUS)
    calls = []

    def fills_up(descriptor):
        calls.append(descriptor)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("deck.output.os.fsync", fills_up)
    result = runner.invoke(main, ["build", "hand", "emoties", "--out", str(out)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Fout: {out / 'emoties.pdf'}: kan niet schrijven (de schijf is vol)\n",
    )
    assert sorted(p.name for p in out.iterdir()) == ["emoties.pdf", "hand.pdf"]
    assert all((out / name).read_bytes() == PREVIOUS for name in ("hand.pdf", "emoties.pdf"))


def test_what_a_killed_run_left_behind_is_swept_by_the_next(runner, tmp_path, monkeypatch):
    import tempfile

    scratch_root = tmp_path / "tmp"
    scratch_root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch_root))
    monkeypatch.setattr("deck.scratch._swept", set())
    out = tmp_path / "uit"
    out.mkdir()
    dead = 2**22 + 12345  # above Linux's largest process id: never alive
    (out / f".deck-nieuw-{dead}-0a1b2c3d-hand.pdf").write_bytes(b"half")
    (scratch_root / f"deck-opmaak-{dead}-x1y2").mkdir()
    (scratch_root / f"deck-opmaak-{dead}-x1y2" / "boekje.pdf").write_bytes(b"half")
    alive = out / f".deck-nieuw-{os.getpid()}-0a1b2c3d-hand.pdf"
    alive.write_bytes(b"being written")
    result = runner.invoke(main, ["build", "hand", "facilitatorboekje", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [alive.name, "hand.pdf", "facilitatorboekje.pdf", "facilitatorboekje-a4-drukvel.pdf"]
    )
    assert list(scratch_root.iterdir()) == []

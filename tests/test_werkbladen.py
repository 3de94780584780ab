"""A4 werkbladen and casus handouts: sizes, every instruction and question, casus values, errors."""

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader

from deck.build import Request, build_targets
from deck.cli import main
from tests.conftest import DATA, ROOT
from tests.pdf import A4, fonts_in, hyphenated_words, size_of, tight

SHEETS = [
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
    "teamoverleg",
    "zelfscan",
    "casusanalyse-werkblad",
    "welk-leren-werkblad",
    "patronen-checklist",
    "intentieverklaring",
]
CASUS = DATA / "casus" / "casus.yaml"


@pytest.fixture(scope="module")
def plain(tmp_path_factory, sources):
    out = tmp_path_factory.mktemp("werkbladen")
    build_targets(sources, SHEETS, out)
    return out


def text_of(path: Path) -> str:
    return tight(" ".join(page.extract_text() for page in PdfReader(str(path)).pages))


def printed(items: list[str], path: Path) -> list[str]:
    text = text_of(path)
    return [item for item in items if tight(item) not in text]


@pytest.mark.parametrize("sheet", SHEETS)
def test_sheets_are_a4_in_the_right_orientation(plain, sheet):
    landscape = sheet in ("tijdlijn", "wijsheid-van-de-groep", "welk-leren-werkblad")
    for page in PdfReader(str(plain / f"{sheet}.pdf")).pages:
        assert size_of(page.mediabox) == pytest.approx(A4[::-1] if landscape else A4, abs=0.01)


@pytest.mark.parametrize(
    "sheet", [s for s in SHEETS if s not in ("tijdlijn", "spanningsveld-lijn", "dogma-overtuiging")]
)
def test_full_width_text_is_not_hyphenated(plain, sheet):
    """A4 lines of about 100 characters: nothing to gain from breaking words (the tijdlijn's two
    columns and the pole labels of the spanningsveld-lijn are narrow, and may)."""
    assert hyphenated_words(plain / f"{sheet}.pdf") == []


def test_page_counts(plain):
    counts = {sheet: len(PdfReader(str(plain / f"{sheet}.pdf")).pages) for sheet in SHEETS}
    assert counts == {
        "feiten-of-interpretaties": 3,
        "tijdlijn": 2,
        "perspectiefwissel": 2,
        "spanningsveld-lijn": 1,
        "hand-werkblad": 1,
        "incidentmethode": 1,
        "wijsheid-van-de-groep": 1,
        "b1-woorden": 2,
        "notitie-aan-jezelf": 1,
        "visualiseren": 1,
        "dogma-overtuiging": 1,
        "teamoverleg": 1,
        "zelfscan": 3,
        "casusanalyse-werkblad": 2,
        "welk-leren-werkblad": 1,
        "patronen-checklist": 2,
        "intentieverklaring": 1,
    }


def test_patronen_checklist_and_intentieverklaring_hold_their_deck_word_for_word(plain, sources):
    patronen = [k.tekst for c in sources.documents["patronen"].categorieen for k in c.kaarten]
    assert len(patronen) == 35 and printed(patronen, plain / "patronen-checklist.pdf") == []
    kernteam = sources.documents["kernteam"].categorieen
    [verklaring] = [c for c in kernteam if c.naam.startswith("Intentieverklaring")]
    assert len(verklaring.kaarten) == 5
    assert printed([k.tekst for k in verklaring.kaarten], plain / "intentieverklaring.pdf") == []


def test_casusanalyse_holds_the_leading_questions_and_five_steps_word_for_word(plain, sources):
    deck = sources.documents["retrospectieve-casusanalyse"]
    questions, steps = deck.categorieen
    assert (len(questions.kaarten), len(steps.kaarten)) == (4, 5)
    texts = [k.tekst for k in questions.kaarten] + [k.tekst for k in steps.kaarten]
    texts += [k.toelichting for k in steps.kaarten if k.toelichting] + [i for k in steps.kaarten for i in k.lijst]
    assert printed(texts, plain / "casusanalyse-werkblad.pdf") == []


def test_welk_leren_is_the_table_of_three_orders_word_for_word(plain, sources):
    deck = sources.documents["welk-leren"]
    assert [c.naam for c in deck.categorieen] == ["1e orde leren", "2e orde leren", "3e orde leren"]
    cells = [p for c in deck.categorieen for k in c.kaarten for p in (k.toelichting or "").split("\n\n")]
    labels = [k.tekst for k in deck.categorieen[0].kaarten]
    assert len(labels) == 5 and printed(labels + cells, plain / "welk-leren-werkblad.pdf") == []


def test_zelfscan_holds_all_55_statements_each_with_a_scale(plain, sources):
    deck = sources.documents["basisprincipes"]
    statements = [item for categorie in deck.categorieen for kaart in categorie.kaarten for item in kaart.lijst]
    assert len(statements) == 55
    assert printed(statements, plain / "zelfscan.pdf") == []
    scale = tight(" ".join(page.extract_text() for page in PdfReader(str(plain / "zelfscan.pdf")).pages))
    assert scale.count("12345") == 55


def test_dogma_sheet_holds_all_17_dogmas_and_20_helpende_overtuigingen(plain, sources):
    deck = sources.documents["dogmas"]
    items = [kaart.tekst for categorie in deck.categorieen for kaart in categorie.kaarten]
    assert len(items) == 37
    assert printed(items, plain / "dogma-overtuiging.pdf") == []


def test_teamoverleg_holds_the_five_parts_of_doe_een_team_word_for_word(plain, sources):
    deck = sources.documents["werkzame-elementen"]
    [card] = [k for c in deck.categorieen for k in c.kaarten if k.tekst.startswith("Doe een team")]
    assert [item.split(";")[0] for item in card.lijst] == [
        "Check in",
        "Uitzoomen",
        "Verantwoordelijkheden",
        "Inzoomen",
        "Check uit",
    ]
    assert printed(card.lijst, plain / "teamoverleg.pdf") == []


def test_feiten_of_interpretaties_holds_every_step_and_question(plain, sources):
    l2 = next(o for o in sources.documents["oefeningen"].oefeningen if o.id == "l2")
    items = [f"Stap {s.nummer}. {s.titel}" for s in l2.stappen]
    items += [b.tekst for s in l2.stappen for b in s.inhoud if b.tekst]
    items += l2.stappen[4].inhoud[0].lijst
    items += ["4-20 personen · 35 minuten", "Wat ik dacht en voelde", "Wat er gezegd werd: de dialoog"]
    assert printed(items, plain / "feiten-of-interpretaties.pdf") == []
    pages = [tight(p.extract_text()) for p in PdfReader(str(plain / "feiten-of-interpretaties.pdf")).pages]
    assert tight("Stap 1. Lastige situatie") in pages[0] and tight("Stap 7. Aan de slag") in pages[0]
    assert pages[0].index(tight("Stap 1.")) < pages[0].index(tight("Stap 4.")) < pages[0].index(tight("Stap 7."))
    assert tight("Wat ik dacht en voelde") in pages[1]
    assert tight("Wat heeft ervoor gezorgd dat je dit dacht en dat je je zo voelde?") in pages[2]
    assert tight("Wat ik uit deze oefening mee neem is...") in pages[2]


def test_incidentmethode_holds_seven_steps_with_minutes(plain, sources):
    l1 = next(o for o in sources.documents["oefeningen"].oefeningen if o.id == "l1")
    items = [s.titel for s in l1.stappen] + [b.tekst for s in l1.stappen for b in s.inhoud if b.tekst]
    assert printed(items + ["3-4 personen · 60 minuten", "Stappen samen: 55 min"], plain / "incidentmethode.pdf") == []


def test_tijdlijn_has_both_sides_of_the_line_and_the_questions(plain, sources):
    kaart3 = sources.documents["werkkaarten"].werkkaarten[2]
    event_types = next(b.lijst for b in kaart3.inhoud if b.lijst)
    items = [
        "Professionals en formele acties".upper(),
        "Gezin en ervaringen".upper(),
        "Wat zien we? En wat doet dit met ons?",
        *event_types,
    ]
    assert printed(items, plain / "tijdlijn.pdf") == []


def test_spanningsveld_lijn_has_six_lines_with_their_poles(plain, sources):
    velden = sources.documents["spanningsvelden"].spanningsvelden
    items = [pool for veld in velden for pool in veld.polen] + [f"Spanningsveld {v.nummer} · {v.titel}" for v in velden]
    assert printed(items, plain / "spanningsveld-lijn.pdf") == []


def test_hand_werkblad_has_every_finger(plain, sources):
    hand = sources.documents["hand"]
    assert printed([v.tekst for v in hand.vingers] + [hand.tip], plain / "hand-werkblad.pdf") == []


def test_exercise_sheets_hold_their_steps_and_keep_answers_apart(plain, sources):
    oefeningen = {o.id: o for o in sources.documents["oefeningen"].oefeningen}
    words = next(b.lijst for b in oefeningen["e2"].stappen[0].inhoud if b.lijst)
    pages = [tight(p.extract_text()) for p in PdfReader(str(plain / "b1-woorden.pdf")).pages]
    assert all(tight(word) in pages[0] for word in words)
    assert tight("toch / maar / alleen") not in pages[0]  # the answers are for the procesbegeleider only
    assert tight("Voor de procesbegeleider") in pages[1] and tight("toch / maar / alleen") in pages[1]
    letter = [b.tekst for b in oefeningen["h2"].stappen[2].inhoud if b.tekst]
    assert printed(letter, plain / "notitie-aan-jezelf.pdf") == []
    case = [b.tekst for b in oefeningen["e1"].stappen[0].inhoud if b.tekst]
    assert printed(case, plain / "visualiseren.pdf") == []


def test_perspectiefwissel_table_and_instructions(plain):
    assert (
        printed(
            [
                "Betrokkene",
                "Grootste dilemma of angst",
                "Gevoel",
                "Wat is op dit moment jouw grootste dilemma of angst?",
            ],
            plain / "perspectiefwissel.pdf",
        )
        == []
    )


# --- casus ---------------------------------------------------------------------------------------------


def test_casus_fills_header_timeline_and_table(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "tijdlijn", "perspectiefwissel", "--casus", str(CASUS), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    tijdlijn = text_of(out / "tijdlijn.pdf")
    for value in [
        "Casus M. (schuilnaam)",
        "12 maart 2026",
        "K.L.",
        "P.Q.",
        "Team Zuid",
        "jan 2025",
        "Melding bij Veilig Thuis",
        "Moeder voelt zich niet gehoord",
    ]:
        assert tight(value) in tijdlijn, value
    pages = PdfReader(str(out / "perspectiefwissel.pdf")).pages
    first = tight(pages[0].extract_text())
    assert all(tight(name) in first for name in ["Moeder", "Vader", "M. (14 jaar)", "Mentor"])
    assert sorted(p.name for p in out.iterdir()) == ["perspectiefwissel.pdf", "tijdlijn.pdf"]


def test_a_casus_is_written_nowhere_but_into_the_werkblad(tmp_path):
    """Every file deck opens for writing during a build with a casus, recorded by an audit hook
    in a fresh process: the werkbladen, through a temporary name in the output folder, and the
    cache of sources and sizes, which holds nothing of the casus."""
    script = textwrap.dedent("""
        import os, sys
        written = []

        def record(event, args):
            if event != "open" or isinstance(args[0], int):  # an int: a file opened before, by name
                return
            if (isinstance(args[1], str) and set(args[1]) & set("wax+")
                    or isinstance(args[2], int) and args[2] & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)):
                written.append(str(args[0]))

        sys.addaudithook(record)
        from deck.cli import main
        try:
            main(["build", "tijdlijn", "perspectiefwissel", "--casus", sys.argv[1], "--out", sys.argv[2]])
        finally:
            print("\\n".join(written), file=sys.stderr)
    """)
    environment = {**os.environ, "DECK_CACHE": str(tmp_path / "cache"), "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()
    result = subprocess.run(
        [sys.executable, "-c", script, str(DATA / "casus" / "casus.yaml"), str(tmp_path / "uit")],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    written = [Path(line) for line in result.stderr.splitlines()]
    assert {path.parent for path in written} <= {tmp_path / "uit", tmp_path / "cache"}
    assert len([path for path in written if path.parent == tmp_path / "uit"]) == 2
    assert all(path.name.startswith(".deck-") for path in written)  # hidden names, then renamed
    assert sorted(p.name for p in (tmp_path / "uit").iterdir()) == ["perspectiefwissel.pdf", "tijdlijn.pdf"]
    assert list((tmp_path / "tmp").iterdir()) == []
    casus = ["Casus M.", "K.L.", "Team Zuid", "Melding bij Veilig Thuis", "Mentor"]
    for kept in (tmp_path / "cache").iterdir():
        assert not any(word.encode() in kept.read_bytes() for word in casus), kept


def test_a_casus_with_characters_the_font_lacks_is_refused(runner, tmp_path):
    """Typst would set them in a fallback font, or as empty boxes: deck checks what it prints."""
    (tmp_path / "casus.yaml").write_text('titel: "😀 Casus محمد"\n', encoding="utf-8")
    result = runner.invoke(
        main, ["build", "tijdlijn", "--casus", str(tmp_path / "casus.yaml"), "--out", str(tmp_path / "uit")]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"Fout: {tmp_path / 'casus.yaml'}:1: titel: het lettertype Atkinson Hyperlegible kan 'ح' (U+062D), "
        "'د' (U+062F), 'م' (U+0645) en '😀' (U+1F600) niet zetten; laat deze tekens weg, of gebruik een huisstijl "
        "met een lettertype dat ze heeft\n"
    )
    assert not (tmp_path / "uit").exists()


def test_events_sit_above_or_below_the_line(runner, tmp_path):
    runner.invoke(main, ["build", "tijdlijn", "--casus", str(CASUS), "--out", str(tmp_path)])
    page = PdfReader(str(tmp_path / "tijdlijn.pdf")).pages[0]
    heights = {}

    def visit(text, cm, tm, font, size):
        for word in ("Melding", "Moeder"):
            if text.startswith(word):
                heights[word] = tm[5] * cm[3] + cm[5]

    page.extract_text(visitor_text=visit)
    assert heights["Melding"] > heights["Moeder"]  # PDF y grows upwards: boven is higher


def test_new_casus_template_is_valid_and_never_overwritten(runner, tmp_path):
    path = tmp_path / "casus.yaml"
    assert runner.invoke(main, ["casus", "nieuw", str(path)]).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "initialen of schuilnamen" in text and "blijft op uw eigen computer" in text
    result = runner.invoke(main, ["build", "tijdlijn", "--casus", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    again = runner.invoke(main, ["casus", "nieuw", str(path)])
    assert again.exit_code == 1
    assert again.stderr == f"Fout: {path}: bestaat al; kies een andere naam of verwijder het eerst\n"
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("casus-wrong-place.yaml", ["9: gebeurtenissen[2].plek: moet een van deze waarden zijn: 'boven', 'onder'"]),
        (
            "casus-unknown-key.yaml",
            [
                "3: inbrenger_naam: onbekend veld; bedoelt u 'inbrenger'? (toegestaan: titel, datum, "
                "inbrenger, facilitator, groep, beschrijving, gebeurtenissen, betrokkenen)"
            ],
        ),
        ("casus-missing-title.yaml", ["1: titel: ontbreekt (verplicht veld)", "5: betrokkenen[2]: mag niet leeg zijn"]),
    ],
)
def test_invalid_casus_is_reported_with_file_line_and_field(runner, tmp_path, fixture, expected):
    path = tmp_path / fixture
    shutil.copy(DATA / "casus" / fixture, path)
    result = runner.invoke(main, ["build", "tijdlijn", "--casus", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"Fout: {path}:{line}" for line in expected]
    assert not (tmp_path / "out").exists()


def test_missing_casus_file(runner, tmp_path):
    result = runner.invoke(main, ["build", "tijdlijn", "--casus", str(tmp_path / "weg.yaml")])
    assert result.stderr == f"Fout: {tmp_path / 'weg.yaml'}: bestand bestaat niet\n"


# --- digital handouts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("standard", ["ua-1", "a-2b"])
def test_pdf_standards_build_for_every_sheet(tmp_path, sources, standard):
    build_targets(sources, SHEETS, tmp_path, Request(pdf_standard=standard))
    for sheet in SHEETS:
        pdf = PdfReader(str(tmp_path / f"{sheet}.pdf"))
        xmp = pdf.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
        if standard == "ua-1":
            assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
            assert pdf.trailer["/Root"]["/Lang"] == "nl"
            assert pdf.trailer["/Root"]["/MarkInfo"]["/Marked"]
        else:
            assert re.search(r"<pdfaid:part>2</pdfaid:part>", xmp)
        assert pdf.metadata.title


def test_pdf_standard_is_refused_for_card_decks(runner, tmp_path):
    result = runner.invoke(main, ["build", "hand", "--pdf-standard", "ua-1", "--out", str(tmp_path)])
    assert result.stderr == "Fout: --pdf-standard: geldt alleen voor werkbladen; noem de werkbladen die u wilt bouwen\n"


def test_with_the_character_checks_off_the_layouts_still_embed_no_other_font(runner, tmp_path, monkeypatch):
    """deck's checks refuse text its font lacks; behind them, Typst's font fallback is off in every
    layout, so a character that slipped through would be a gap, never a second font."""
    import deck.fonts
    import deck.typeset

    for module in (deck.fonts, deck.typeset):
        monkeypatch.setattr(module, "missing_characters", lambda font, dirs, text: [])
    sources = tmp_path / "src"
    shutil.copytree(ROOT / "sources", sources)
    (sources / "eigen.csv").write_text("categorie;tekst\nA;Oud schrift: ꙮ 😀\n", encoding="utf-8")
    werkkaarten = sources / "werkkaarten.yaml"
    werkkaarten.write_text(
        werkkaarten.read_text(encoding="utf-8").replace('titel: "', 'titel: "😀 ', 1), encoding="utf-8"
    )
    (tmp_path / "casus.yaml").write_text('titel: "😀 Casus محمد"\n', encoding="utf-8")
    out = tmp_path / "uit"
    args = ["build", "eigen", "tijdlijn", "facilitatorboekje", "--sources", str(sources), "--out", str(out)]
    result = runner.invoke(main, [*args, "--casus", str(tmp_path / "casus.yaml")])
    assert result.exit_code == 0, result.stderr
    for pdf in out.glob("*.pdf"):
        assert {name.split("+")[1].split("-")[0] for name in fonts_in(pdf)} == {"AtkinsonHyperlegible"}, pdf

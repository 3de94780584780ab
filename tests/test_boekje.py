"""The facilitator booklet (A5 and imposed A4) and session planning."""

import json
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
import zxingcpp
from pypdf import PdfReader

from deck.boekje import booklet_data
from deck.build import Request, build_targets
from deck.cli import main
from deck.geometry import saddle_stitch
from deck.plan import load_plan
from tests.conftest import ROOT
from tests.pdf import MM, hyphenated_words, near, normalise, pixel, running_text, size_of, tight

EXAMPLE_PLAN = ROOT / "examples" / "plan.yaml"


@pytest.fixture(scope="module")
def booklet(tmp_path_factory, sources):
    out = tmp_path_factory.mktemp("boekje")
    agenda = load_plan(EXAMPLE_PLAN, sources)
    build_targets(sources, ["facilitatorboekje", "sessieplan"], out, Request(agenda=agenda))
    return out


def test_saddle_stitch_order_for_8_pages():
    assert saddle_stitch(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]


def test_saddle_stitch_order_for_12_pages_and_padding():
    assert saddle_stitch(12) == [(12, 1), (2, 11), (10, 3), (4, 9), (8, 5), (6, 7)]
    assert saddle_stitch(10) == [(0, 1), (2, 0), (10, 3), (4, 9), (8, 5), (6, 7)]


def test_every_page_appears_once_and_folded_sheets_read_in_order():
    for pages in range(1, 41):
        sides = saddle_stitch(pages)
        numbers = [n for side in sides for n in side if n]
        assert sorted(numbers) == list(range(1, pages + 1))
        assert len(sides) % 2 == 0


def test_a5_and_a4_sizes(booklet):
    a5 = PdfReader(str(booklet / "facilitatorboekje.pdf"))
    a4 = PdfReader(str(booklet / "facilitatorboekje-a4-drukvel.pdf"))
    assert all(size_of(p.mediabox) == pytest.approx((148 * MM, 210 * MM), abs=0.01) for p in a5.pages)
    assert all(size_of(p.mediabox) == pytest.approx((297 * MM, 210 * MM), abs=0.01) for p in a4.pages)
    assert len(a4.pages) == 2 * -(-(len(a5.pages) + 1) // 4)  # the back cover always blank


def page_numbers_by_half(page) -> tuple[str, str]:
    """The footer numbers printed on the left and right half of an imposed A4 sheet."""
    text = page.get_textpage()
    footer = 16 * MM
    left = text.get_text_bounded(left=0, bottom=0, right=148.5 * MM, top=footer).strip()
    right = text.get_text_bounded(left=148.5 * MM, bottom=0, right=297 * MM, top=footer).strip()
    return left, right


def test_imposed_sheets_follow_the_saddle_stitch_order(booklet):
    a5_pages = len(PdfReader(str(booklet / "facilitatorboekje.pdf")).pages)
    a4 = pypdfium2.PdfDocument(str(booklet / "facilitatorboekje-a4-drukvel.pdf"))
    expected = saddle_stitch(a5_pages, blank_back=True)
    assert len(a4) == len(expected)
    for index in range(1, len(a4)):  # the first side holds the cover, which has no number
        left, right = expected[index]
        assert page_numbers_by_half(a4[index]) == (str(left) if left else "", str(right) if right else ""), index


def outline(path: Path) -> list[tuple[str, int]]:
    pdf = PdfReader(str(path))
    return [
        (item.title, pdf.get_destination_page_number(item) + 1) for item in pdf.outline if not isinstance(item, list)
    ]


def test_booklet_contents_in_order(booklet, sources):
    """With a plan: its agenda on page 2, then the contents, the plan's oefeningen and werkvormen in
    full in its order with their times, then the booklet's own sections."""
    sections = outline(booklet / "facilitatorboekje.pdf")
    titles = [title for title, _ in sections]
    assert titles == [
        "Sessieplan",
        "13:40–14:05 · Elkaar beter leren kennen door je hand",
        "14:05–14:50 · Werkkaart 3. Een tijdlijn maken",
        "15:05–15:45 · Feiten of interpretaties?",
        "Over de werkkaarten",
        "Werkkaart 1. De rol van facilitator vervullen",
        "Werkkaart 2. Een reflectief gesprek voeren",
        "Werkkaart 3. Een tijdlijn maken",
        "Werkkaart 4. Een geno-sociogram maken",
        "Werkkaart 5. Een perspectiefwissel uitvoeren",
        "Werkkaart 6. Andere taal gebruiken",
        "Werkkaart 7. Kunst inzetten",
        "De zes spanningsvelden",
        "Werkkaart 8. Fasen in het samen leren herkennen",
        "De leersessies",
        "De droom van Amalia",
        "Achtergrond: patronen, houvast en netwerkleiderschap",
        "Samenwerken rond kwetsbare kinderen",
        "Voor leidinggevenden",
        "Professionals aan het woord",
        "Verder lezen",
        "Hulpbronnen",
        "Aantekeningen",
        "Bronnen",
    ]
    pages = [page for _, page in sections]
    assert pages == sorted(pages) and pages[0] == 2 and pages[1] == 4  # the agenda, then after the contents
    text = running_text(booklet / "facilitatorboekje.pdf", band_mm=0, footer_mm=14)  # without page numbers
    velden = sources.documents["spanningsvelden"].spanningsvelden
    assert all(tight(q) in text for veld in velden for q in veld.vragen)
    kaart8 = sources.documents["werkkaarten"].werkkaarten[7]
    assert all(tight(q) in text for q in kaart8.fasecitaten)
    makers = "Samengesteld door Josine Holdorp, Roos Kooijman, Manon Robben en Anita Kraak van het Nederlands Jeugdinstituut."
    assert tight(makers) in text
    sessies = sources.documents["helpende-vragen"].leersessies
    inzichten = [i.titel for s in sessies for i in s.inzichten]
    assert len(inzichten) == 18 and all(tight(i) in text for i in inzichten)
    assert all(tight(quote) in text for s in sessies for quote in s.citaten)


def test_running_text_is_not_hyphenated(booklet, sources):
    """Lines of about 70 characters read better unbroken; only the narrow pole labels of the
    spanningsvelden may break at a hyphenation point."""
    poles = tight(
        " ".join(
            pole for doc in sources.of_kind("spanningsvelden") for veld in doc.spanningsvelden for pole in veld.polen
        )
    )
    assert [word for word in hyphenated_words(booklet / "facilitatorboekje.pdf") if word not in poles] == []


def test_booklet_has_clickable_contents(booklet):
    pdf = PdfReader(str(booklet / "facilitatorboekje.pdf"))
    links = [a for page in pdf.pages[1:3] for a in (page.get("/Annots") or []) if a.get_object()["/Subtype"] == "/Link"]
    assert len(links) >= 10
    assert pdf.trailer["/Root"]["/MarkInfo"]["/Marked"]  # tagged, for reading on screen


def test_qr_codes_decode_to_their_urls(booklet, sources):
    amalia = "https://soundcloud.com/nederlands-jeugdinstituut/sets/de-droom-van-amalia"
    sections = dict(outline(booklet / "facilitatorboekje.pdf"))
    document = pypdfium2.PdfDocument(str(booklet / "facilitatorboekje.pdf"))
    image = document[sections["De droom van Amalia"] - 1].render(scale=300 / 72).to_pil()
    assert amalia in {result.text for result in zxingcpp.read_barcodes(image)}  # the podcast, on the case's first page
    expected = {
        h.url if h.url.startswith("http") else f"https://{h.url}"
        for doc in sources.of_kind("helpende-vragen")
        for s in doc.leersessies
        for h in s.hulpbronnen
    }
    sections = dict(outline(booklet / "facilitatorboekje.pdf"))
    document = pypdfium2.PdfDocument(str(booklet / "facilitatorboekje.pdf"))
    found = set()
    for number in range(sections["Hulpbronnen"], sections["Aantekeningen"]):
        image = document[number - 1].render(scale=300 / 72).to_pil()
        found |= {result.text for result in zxingcpp.read_barcodes(image)}
    assert expected <= found


def test_qr_codes_are_kept_and_one_out_of_shape_is_made_anew(tmp_path, monkeypatch):
    import deck.boekje as boekje

    monkeypatch.setenv("DECK_CACHE", str(tmp_path))
    urls = ["https://www.nji.nl", "www.voorbeeld.nl/pad"]
    first = boekje.qr_codes(urls)
    made = []
    monkeypatch.setattr(boekje, "_qr_code", lambda url: made.append(url) or first[url])
    assert boekje.qr_codes(urls) == first and made == []
    [entry] = tmp_path.glob("qr-*.json")
    codes = json.loads(entry.read_text(encoding="utf-8"))
    codes[1]["rects"].append([0, 0, 9999, "#panic()"])
    entry.write_text(json.dumps(codes), encoding="utf-8")
    assert boekje.qr_codes(urls) == first and made == urls


def test_qr_modules_are_at_least_a_third_of_a_millimetre(booklet):
    """Codes are sized by their content: each module 0.4 mm, so a longer URL gets a bigger code."""
    document = pypdfium2.PdfDocument(str(booklet / "facilitatorboekje.pdf"))
    sections = dict(outline(booklet / "facilitatorboekje.pdf"))
    sides = []
    for number in range(sections["Hulpbronnen"], sections["Aantekeningen"]):
        for obj in document[number - 1].get_objects(max_depth=4):
            left, bottom, right, top = obj.get_bounds()
            if (
                obj.type == pdfium_c.FPDF_PAGEOBJ_PATH
                and 8 * MM < right - left
                and abs((right - left) - (top - bottom)) < 0.01
            ):
                sides.append((right - left) / MM)
    assert len(sides) == 2 * 33  # each code: its paper with the quiet zone, and its dark modules
    modules = [side / 0.4 for side in sides]
    assert all(abs(m - round(m)) < 0.02 and round(m) >= 21 for m in modules), modules
    assert len({round(m) for m in modules}) >= 3


def test_example_plan_agenda_adds_up(sources):
    agenda = load_plan(EXAMPLE_PLAN, sources).as_json()
    rows = [(r["start"], r["einde"], r["minuten"], r["titel"]) for r in agenda["rijen"]]
    assert rows == [
        ("13:30", "13:40", 10, "Welkom en inchecken"),
        ("13:40", "14:05", 25, "Elkaar beter leren kennen door je hand"),
        ("14:05", "14:50", 45, "Werkkaart 3. Een tijdlijn maken"),
        ("14:50", "15:05", 15, "Pauze"),
        ("15:05", "15:45", 40, "Feiten of interpretaties?"),
        ("15:45", "16:00", 15, "Afsluiting: wat neem je mee?"),
    ]
    assert (agenda["einde"], agenda["totaal"], agenda["beschikbaar"]) == ("16:00", 150, 180)
    feiten = agenda["rijen"][4]
    assert feiten["noot"] == "de bron noemt 35 minuten; de stappen samen: 40 min"
    assert [s["start"] for s in feiten["stappen"]] == ["15:05", "15:10", "15:20", "15:25", "15:35", "15:35", "15:40"]
    assert feiten["stappen"][4]["noot"] == "de bron geeft hier geen tijd"


def test_sessieplan_is_one_a4_page_with_the_times(booklet):
    pdf = PdfReader(str(booklet / "sessieplan.pdf"))
    assert len(pdf.pages) == 1
    text = tight(pdf.pages[0].extract_text())
    assert all(tight(t) in text for t in ["13:30–13:40", "15:05–15:45", "15:45–16:00", "150 van de 180"])


def test_plan_that_does_not_fit_says_by_how_much(runner, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        EXAMPLE_PLAN.read_text(encoding="utf-8").replace("beschikbaar: 180", "beschikbaar: 140"), encoding="utf-8"
    )
    result = runner.invoke(main, ["build", "sessieplan", "--plan", str(plan), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    line = EXAMPLE_PLAN.read_text(encoding="utf-8").splitlines().index("beschikbaar: 180") + 1
    assert result.stderr == (
        f"Fout: {plan}:{line}: beschikbaar: het plan duurt 150 minuten: "
        "10 minuten te lang voor de 140 beschikbare minuten\n"
    )
    assert not (tmp_path / "out").exists()


def test_plan_errors_name_file_line_and_field(runner, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        'titel: "X"\nstart: "25:00"\nbeschikbaar: 60\nonderdelen:\n  - oefening: zz\n  - werkkaart: 3\n',
        encoding="utf-8",
    )
    result = runner.invoke(main, ["build", "sessieplan", "--plan", str(plan)])
    assert result.stderr.splitlines() == [
        f'Fout: {plan}:2: start: moet een tijd zijn als "13:30"',
        f"Fout: {plan}:6: onderdelen[2]: 'minuten' ontbreekt: alleen oefeningen geven zelf hun tijd",
    ]


def test_sessieplan_needs_a_plan(runner):
    result = runner.invoke(main, ["build", "sessieplan"])
    assert result.stderr == "Fout: sessieplan: een sessieplan heeft een plan nodig: --plan plan.yaml\n"


def test_booklet_without_plan_has_no_agenda(sources):
    kinds = [section["kop"] for section in booklet_data(sources)["sections"]]
    assert "Sessieplan" not in kinds and kinds[:2] == [
        "Over de werkkaarten",
        "Werkkaart 1. De rol van facilitator vervullen",
    ]


def test_cover_has_a_date_without_a_plan(sources, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 1 januari 2026
    assert booklet_data(sources)["date"] == "1 januari 2026"
    agenda = load_plan(EXAMPLE_PLAN, sources)
    assert booklet_data(sources, agenda)["date"] == "3 december 2026"


def test_the_booklet_holds_the_plans_oefeningen_in_full(booklet, sources):
    text = running_text(booklet / "facilitatorboekje.pdf", band_mm=0, footer_mm=14)
    l2 = next(o for o in sources.documents["oefeningen"].oefeningen if o.id == "l2")
    blocks = [b.tekst for stap in l2.stappen for b in stap.inhoud if b.tekst]
    assert blocks and all(tight(block) in text for block in blocks)
    assert tight("Stap 5. Stel jezelf in de analyse de volgende vragen:") in text


def test_list_oefeningen_shows_what_a_plan_can_name(runner):
    result = runner.invoke(main, ["list", "oefeningen"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 12
    assert (
        lines[0]
        == "g1    50–65 min                     Heard, seen & respected: Dieper luisteren en patronen ontdekken."
    )
    assert lines[9] == "m2    5 min + 5 min per persoon     Elkaar beter leren kennen door je hand"
    listed = json.loads(runner.invoke(main, ["list", "werkkaarten", "--json"]).stdout)
    assert listed[2] == {"id": "3", "minuten": "", "titel": "Een tijdlijn maken"}


def test_an_oefening_timed_per_person_needs_its_count(runner, tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text('titel: "S"\nstart: "13:00"\nbeschikbaar: 60\nonderdelen:\n  - oefening: m2\n', encoding="utf-8")
    result = runner.invoke(main, ["check", "sessieplan", "--plan", str(plan)])
    assert (result.exit_code, result.stderr) == (
        1,
        f"Fout: {plan}:5: onderdelen[1]: 'aantal' ontbreekt: stap 1 van oefening m2 duurt 5 min per persoon; "
        "zet erbij voor hoeveel, bijvoorbeeld aantal: 4\n",
    )


def test_a_starter_plan_becomes_a_two_hour_session_and_a_booklet_that_opens_with_it(runner, tmp_path):
    plan = tmp_path / "plan.yaml"
    made = runner.invoke(main, ["plan", "nieuw", str(plan)])
    assert made.exit_code == 0, made.stderr
    text = plan.read_text(encoding="utf-8")
    assert "#   m2   Elkaar beter leren kennen door je hand (5 min + 5 min per persoon)" in text
    out = tmp_path / "uit"
    built = runner.invoke(main, ["build", "sessieplan", "facilitatorboekje", "--plan", str(plan), "--out", str(out)])
    assert built.exit_code == 0, built.stderr
    sections = outline(out / "facilitatorboekje.pdf")
    assert sections[0] == ("Sessieplan", 2)
    assert sections[1][0] == "13:40–14:30 · Heard, seen & respected: Dieper luisteren en patronen ontdekken."
    assert "13:30–15:10 · 100 van de 120 beschikbare minuten" in " ".join(
        PdfReader(str(out / "sessieplan.pdf")).pages[0].extract_text().split()
    )
    again = runner.invoke(main, ["plan", "nieuw", str(plan)])
    assert (again.exit_code, again.stderr) == (
        1,
        f"Fout: {plan}: bestaat al; kies een andere naam of verwijder het eerst\n",
    )


def test_on_letter_paper_the_booklet_is_half_letter_imposed_on_letter(runner, tmp_path):
    out = tmp_path / "uit"
    result = runner.invoke(main, ["build", "facilitatorboekje", "sessieplan", "--paper", "letter", "--out", str(out)])
    assert result.exit_code == 1  # the sessieplan needs a plan: the build stops before writing
    result = runner.invoke(
        main, ["build", "facilitatorboekje", "spanningsveld-lijn", "--paper", "letter", "--out", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    booklet = PdfReader(str(out / "facilitatorboekje.pdf"))
    imposed = PdfReader(str(out / "facilitatorboekje-letter-drukvel.pdf"))
    assert all(size_of(p.mediabox) == pytest.approx((139.2 * MM, 215.9 * MM), abs=0.01) for p in booklet.pages)
    assert all(size_of(p.mediabox) == pytest.approx((279.4 * MM, 215.9 * MM), abs=0.01) for p in imposed.pages)
    assert len(imposed.pages) == 2 * -(-(len(booklet.pages) + 1) // 4)
    last = PdfReader(str(out / "facilitatorboekje.pdf")).pages[-1].extract_text()
    assert "Afdrukken: facilitatorboekje-letter-drukvel.pdf op Letter, 100 %" in normalise(last)
    sheet = PdfReader(str(out / "spanningsveld-lijn.pdf")).pages[0]
    assert size_of(sheet.mediabox) == pytest.approx((215.9 * MM, 279.4 * MM), abs=0.01)
    assert not (out / "facilitatorboekje-a4-drukvel.pdf").exists()


def test_facing_pages_meet_at_the_fold(booklet):
    """On the imposed sheet the left page ends and the right page starts at half the width."""
    import re

    pdf = PdfReader(str(booklet / "facilitatorboekje-a4-drukvel.pdf"))
    placed = set()
    for page in pdf.pages[1:]:
        content = page.get_contents().get_data().decode("latin-1")
        placed |= {round(float(x) / MM, 2) for x in re.findall(r"1 0 0 1 ([-\d.]+) [-\d.]+ cm", content)}
    assert placed == {0.5, 148.5}  # A5 is 148 mm wide: 0.5 + 148 = 148.5, the fold


# --- print: office sheets and the print shop ---------------------------------------------------------


def test_for_a_print_shop_the_booklet_is_a5_with_3mm_bleed_and_a_trimbox(office, printshop):
    shop = PdfReader(str(printshop / "facilitatorboekje.pdf"))
    assert len(shop.pages) == len(PdfReader(str(office / "facilitatorboekje.pdf")).pages)
    for page in shop.pages:
        assert size_of(page.mediabox) == pytest.approx((154 * MM, 216 * MM), abs=0.01)
        trim = page.trimbox
        assert (float(trim.left), float(trim.bottom)) == pytest.approx((3 * MM, 3 * MM), abs=0.01)
        assert size_of(trim) == pytest.approx((148 * MM, 210 * MM), abs=0.01)
    assert not (printshop / "facilitatorboekje-a4-drukvel.pdf").exists()  # the print shop imposes
    cover = pypdfium2.PdfDocument(str(printshop / "facilitatorboekje.pdf"))[0]
    band = max(
        (obj.get_bounds() for obj in cover.get_objects() if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH),
        key=lambda b: (b[2] - b[0]) * (b[3] - b[1]),
    )
    assert (band[0], cover.get_height() - band[3]) == pytest.approx((0, 0), abs=0.01)  # into the bleed
    assert band[2] == pytest.approx(cover.get_width(), abs=0.01)


def test_on_office_sheets_the_cover_band_stays_5mm_from_the_edges(office):
    """The band starts at the fold and stops 5 mm short of the sheet's top and outer edge, where an
    office printer prints nothing."""
    sheet = office / "facilitatorboekje-a4-drukvel.pdf"
    band = "#1f5f7a"
    assert near(pixel(sheet, 0, 148.7, 20), band)  # from the fold
    assert near(pixel(sheet, 0, 291.2, 5.3), band)  # to 5 mm from the top and the outer edge
    assert near(pixel(sheet, 0, 292.2, 20), "#ffffff") and near(pixel(sheet, 0, 200, 4.5), "#ffffff")


def test_the_printing_note_is_inside_the_booklet_not_on_its_cover(office):
    imposed = PdfReader(str(office / "facilitatorboekje-a4-drukvel.pdf"))
    assert "Afdrukken" not in imposed.pages[0].extract_text()
    last = normalise(PdfReader(str(office / "facilitatorboekje.pdf")).pages[-1].extract_text())
    assert (
        "Afdrukken: facilitatorboekje-a4-drukvel.pdf op A4, 100 % (werkelijke grootte), dubbelzijdig en omslaan "
        "langs de korte kant. Vouw de stapel dubbel en zet de nietjes in de vouw." in last
    )


@pytest.mark.parametrize("pages", [7, 8, 72])
def test_the_back_cover_is_always_blank(pages):
    """The outside of sheet 1 holds the back cover (left) and the front cover (right); the back
    cover stays blank even when the pages fill the sheets exactly."""
    sides = saddle_stitch(pages, blank_back=True)
    assert sides[0] == (0, 1)
    assert sorted(n for side in sides for n in side if n) == list(range(1, pages + 1))


def test_the_decks_printed_in_the_booklet_are_there_in_full_and_headed_once(booklet, sources):
    from deck.boekje import BOOKLET_DECKS

    text = running_text(booklet / "facilitatorboekje.pdf", band_mm=0, footer_mm=14)
    entries = PdfReader(str(booklet / "facilitatorboekje.pdf")).outline
    children = {}  # a section's title: the titles one level below it
    for entry, following in zip(entries, [*entries[1:], None], strict=True):
        if not isinstance(entry, list):
            children[entry.title] = (
                [e.title for e in following if not isinstance(e, list)] if isinstance(following, list) else []
            )
    for deck_id in BOOKLET_DECKS:
        doc = sources.documents[deck_id]
        for categorie in doc.categorieen:
            for kaart in categorie.kaarten:
                parts = [kaart.tekst, *(kaart.toelichting or "").split("\n\n"), *kaart.lijst]
                assert [p for p in parts if p.strip() and tight(p) not in text] == [], (deck_id, kaart.tekst)
        names = [c.naam for c in doc.categorieen]
        below = children[doc.titel]
        assert below[-len(names) :] == names and all(below.count(n) == 1 for n in names), deck_id  # each once

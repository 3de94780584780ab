"""deck serve through Flask's test client: every route, its errors, and the safety rules."""

import io
import re
from html import unescape

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from deck.build import Inputs
from deck.cli import main
from deck.serve import create_app
from tests.pdf import A4, MM, size_of, tight

HOST = {"Host": "127.0.0.1:8000"}


@pytest.fixture(scope="module")
def client():
    app = create_app(Inputs())
    app.config["TESTING"] = False  # errors become pages, as for a user
    return app.test_client()


def get(client, url, **headers):
    return client.get(url, headers={**HOST, **headers})


def test_the_overview_lists_every_deck_werkblad_and_the_booklet(client, sources):
    from deck.targets import list_targets

    page = get(client, "/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for target in list_targets(sources):
        if target.bouwbaar and target.id != "sessieplan":
            assert f"/{target.id}" in html, target.id
    assert '<html lang="nl">' in html


def test_a_deck_downloads_as_the_command_line_builds_it(client):
    office = get(client, "/deck/hand.pdf?cards=1,2")
    assert (office.status_code, office.mimetype) == (200, "application/pdf")
    assert 'filename="hand.pdf"' in office.headers["Content-Disposition"]
    pages = PdfReader(io.BytesIO(office.data)).pages
    assert len(pages) == 2 and size_of(pages[0].mediabox) == pytest.approx(A4, abs=0.01)
    shop = get(client, "/deck/hand.pdf?cards=1,2&mode=drukker&size=tarot")
    pages = PdfReader(io.BytesIO(shop.data)).pages
    assert len(pages) == 4
    assert size_of(pages[0].trimbox) == pytest.approx((70 * MM, 120 * MM), abs=0.01)


def test_a_deck_page_shows_its_cards_to_pick_and_the_picked_ones_print(client):
    html = get(client, "/deck/hand").get_data(as_text=True)
    assert re.findall(r'name="kaart" value="(\d+)"', html) == ["1", "2", "3", "4", "5"]
    assert len(re.findall(r'<img src="/deck/hand/kaarten/00\d\.png"', html)) == 5
    picked = get(client, "/deck/hand.pdf?kaart=2&kaart=4&mode=drukker")
    assert len(PdfReader(io.BytesIO(picked.data)).pages) == 4  # two cards, front and back


def test_a_bad_choice_is_shown_in_dutch_next_to_the_form_that_keeps_what_was_filled_in(client):
    page = get(client, "/deck/hand.pdf?size=reuzenkaart&offset=0.5,1&cards=2")
    assert page.status_code == 400
    html = unescape(page.get_data(as_text=True))
    assert "onbekende maat 'reuzenkaart'" in html and "Dit lukte niet" in html
    assert 'name="offset" value="0.5,1"' in html and 'name="cards" value="2"' in html
    outside = get(client, "/deck/hand.pdf?cards=9")
    assert outside.status_code == 400
    assert "valt buiten de kaarten van hand" in outside.get_data(as_text=True)


def test_werkbladen_and_the_booklet_download(client):
    sheet = get(client, "/doel/tijdlijn.pdf")
    assert (sheet.status_code, sheet.mimetype) == (200, "application/pdf")
    booklet = get(client, "/doel/facilitatorboekje.pdf")
    first = PdfReader(io.BytesIO(booklet.data)).pages[0]
    assert size_of(first.mediabox) == pytest.approx((148 * MM, 210 * MM), abs=0.01)
    assert get(client, "/doel/tijdlijn.pdf?paper=a3").status_code == 400


def test_the_kaarttafel_shows_every_card_as_an_image_at_print_size(client):
    page = get(client, "/tafel/hand")
    assert page.status_code == 200
    names = re.search(r'data-kaarten="([^"]+)"', page.get_data(as_text=True)).group(1).split(",")
    assert len(names) == 7  # five fingers and the two cards with the sources
    image = get(client, f"/tafel/hand/{names[0]}")
    assert image.mimetype == "image/png"
    with Image.open(io.BytesIO(image.data)) as png:
        assert png.size == (round(63 / 25.4 * 200), round(88 / 25.4 * 200))  # 200 ppi: sharp on a screen
    assert get(client, "/tafel/hand/../../etc/passwd").status_code == 404
    assert get(client, "/tafel/hand/999.png").status_code == 404


def test_unknown_decks_and_paths_are_a_dutch_404(client):
    for url in ("/deck/bestaat-niet", "/deck/..%2F..%2Fetc%2Fpasswd", "/doel/emoties.pdf", "/nergens"):
        page = get(client, url)
        assert page.status_code == 404, url
        assert "bestaat niet" in page.get_data(as_text=True)


def test_requests_under_a_foreign_name_or_from_another_site_are_refused(client):
    assert client.get("/", headers={"Host": "aanvaller.example"}).status_code == 403
    assert client.get("/", headers={"Host": "127.0.0.1:8000.aanvaller.example"}).status_code == 403
    assert get(client, "/deck/hand.pdf", Origin="https://aanvaller.example").status_code == 403
    assert get(client, "/", Origin="http://127.0.0.1:8000").status_code == 200
    assert get(client, "/", Host="localhost:8000").status_code == 200


def test_every_page_forbids_inline_and_foreign_code(client):
    for url in ("/", "/deck/hand", "/tafel/hand", "/nergens"):
        page = get(client, url)
        policy = page.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert page.headers["X-Content-Type-Options"] == "nosniff"
        assert not re.search(r"<script(?![^>]*\bsrc=)", page.get_data(as_text=True)), url


def test_a_failure_inside_deck_is_a_page_never_a_traceback(monkeypatch):
    import deck.web.pictures

    def broken(*args, **kwargs):
        raise RuntimeError("stuk")

    monkeypatch.setattr(deck.web.pictures, "render_targets", broken)
    app = create_app(Inputs())
    page = app.test_client().get("/deck/hand.pdf", headers=HOST)
    html = page.get_data(as_text=True)
    assert page.status_code == 500
    assert "Er ging iets mis in deck" in html and "Traceback" not in html and "stuk" not in html


def test_serve_help_says_what_it_opens_and_who_can_reach_it(runner):
    result = runner.invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    help_text = " ".join(result.stdout.split())
    assert (
        "Open deck als webpagina (http://127.0.0.1:8000/): decks bekijken en afdrukken, een eigen deck, een "
        "huisstijl, een casus en een sessieplan invullen, werkbladen en het boekje downloaden, kaarten delen op de "
        "kaarttafel. Standaard kan alleen deze computer de pagina openen. Stop met Ctrl+C."
    ) in help_text
    assert (
        "--host ADRES IP-adres om op te luisteren. Standaard 127.0.0.1: alleen deze computer. Met een ander adres "
        "(0.0.0.0: het hele netwerk) opent de pagina alleen met de sleutel die deck serve dan in het adres zet."
    ) in help_text
    wrong = runner.invoke(main, ["serve", "--port", "80"])
    assert wrong.exit_code == 2
    assert wrong.stderr.splitlines()[-1] == (
        "Fout: ongeldige waarde voor '--port': '80' is geen poort; kies een getal van 1024 tot en met 65535"
    )
    host = runner.invoke(main, ["serve", "--host", "mijn.laptop"])
    assert host.exit_code == 2
    assert host.stderr.splitlines()[-1] == (
        "Fout: ongeldige waarde voor '--host': 'mijn.laptop' is geen IP-adres; bijvoorbeeld 127.0.0.1 "
        "(alleen deze computer) of 0.0.0.0"
    )


def test_a_port_in_use_is_one_dutch_line(runner):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        if port < 1024:
            pytest.skip("the system gave a port below 1024")
        result = runner.invoke(main, ["serve", "--port", str(port), "--no-browser"])
    assert result.exit_code == 1
    assert result.stderr == f"Fout: --port: poort {port} is al in gebruik: kies een andere met --port\n"


def test_another_address_opens_only_with_the_key(tmp_path):
    from deck.serve import address

    assert address("127.0.0.1", 8000) == (("127.0.0.1:8000", "localhost:8000"), None)
    hosts, key = address("0.0.0.0", 8000)
    assert hosts is None and len(key) >= 24
    assert address("192.168.1.5", 8001)[0] == ("192.168.1.5:8001",)
    client = create_app(Inputs(), None, key).test_client()
    lan = {"Host": "laptop.local:8000"}
    refused = client.get("/", headers=lan)
    assert refused.status_code == 403 and "sleutel" in refused.get_data(as_text=True)
    assert client.get("/?sleutel=fout", headers=lan).status_code == 403
    opened = client.get(f"/?sleutel={key}", headers=lan)
    assert opened.status_code == 200 and "HttpOnly" in opened.headers["Set-Cookie"]
    assert client.get("/deck/hand", headers=lan).status_code == 200  # the key is kept in a cookie
    assert client.get("/deck/hand.pdf", headers={**lan, "Origin": "http://aanvaller.example"}).status_code == 403


CASUS = {
    "werkblad": "tijdlijn",
    "titel": "Casus J. (schuilnaam)",
    "datum": "2026-11-23",
    "datum-0": "maart 2024",
    "tekst-0": "Melding bij Veilig Thuis",
    "plek-0": "boven",
    "datum-1": "april 2024",
    "tekst-1": "Moeder vraagt om hulp bij de opvoeding",
    "plek-1": "onder",
    "betrokkene-0": "Moeder",
}


def test_a_casus_from_the_form_fills_the_werkblad_and_touches_no_disk(client, tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # anything written to a temporary file lands here
    page = client.post("/casus", headers=HOST, data=CASUS)
    assert (page.status_code, page.mimetype) == (200, "application/pdf")
    text = tight(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.data)).pages))
    for words in ("Casus J. (schuilnaam)", "Melding bij Veilig Thuis", "Moeder vraagt om hulp bij de opvoeding"):
        assert tight(words) in text
    assert list(tmp_path.iterdir()) == []


def test_a_wrong_casus_is_shown_field_by_field_and_the_form_keeps_it(client):
    page = client.post("/casus", headers=HOST, data={**CASUS, "titel": "x" * 200, "tekst-1": ""})
    assert page.status_code == 400
    html = unescape(page.get_data(as_text=True))
    problems = re.findall(r"<li>(.*?)</li>", html)
    assert problems == [
        "titel: is te lang (200 tekens, hoogstens 150)",
        "gebeurtenissen[2].tekst: mag niet leeg zijn",
    ]
    assert 'name="tekst-0" value="Melding bij Veilig Thuis"' in html


def test_a_casus_form_from_another_site_is_refused(client):
    assert client.post("/casus", headers={**HOST, "Origin": "https://aanvaller.example"}, data=CASUS).status_code == 403


def test_an_unexpected_failure_prints_one_line_and_no_casus(monkeypatch, capsys):
    import deck.serve

    def broken(*args, **kwargs):
        raise RuntimeError("Melding bij Veilig Thuis")

    monkeypatch.setattr(deck.serve, "render_targets", broken)
    page = create_app(Inputs()).test_client().post("/casus", headers=HOST, data=CASUS)
    assert page.status_code == 500
    err = capsys.readouterr().err
    assert err == "Fout: deck kon POST /casus niet afmaken (RuntimeError)\n"


def test_a_deck_as_slides_one_card_a_16_9_slide(client):
    page = get(client, "/deck/hand.pdf?format=dia&cards=1-3")
    assert 'filename="hand-dia.pdf"' in page.headers["Content-Disposition"]
    pages = PdfReader(io.BytesIO(page.data)).pages
    assert len(pages) == 3
    assert size_of(pages[0].mediabox) == pytest.approx((338.67 * MM, 190.5 * MM), abs=0.01)


def upload(client, content: bytes, name: str, **fields):
    data = {"bestand": (io.BytesIO(content), name), **fields}
    return client.post("/eigen-deck", headers=HOST, data=data, content_type="multipart/form-data")


def test_an_own_deck_uploads_shows_its_cards_and_prints(tmp_path):
    client = create_app(Inputs()).test_client()
    page = upload(
        client, b"categorie,tekst\nOpenen,Wat neem je mee vandaag?\n,Waar ben je trots op?\n", "Mijn vragen.csv"
    )
    assert (page.status_code, page.headers["Location"]) == (303, "/deck/mijn-vragen")
    assert "HttpOnly" in page.headers["Set-Cookie"] and "SameSite=Strict" in page.headers["Set-Cookie"]
    html = unescape(get(client, "/deck/mijn-vragen").get_data(as_text=True))
    assert "Dit is uw eigen deck, uit Mijn vragen.csv" in html
    assert re.findall(r'name="kaart" value="(\d+)"', html) == ["1", "2"]
    for picture in re.findall(r'<img src="(/deck/mijn-vragen/kaarten/[^"]+)"', html):  # front and back of each
        assert get(client, picture).mimetype == "image/png"
    pdf = get(client, "/deck/mijn-vragen.pdf?mode=drukker")
    assert 'filename="mijn-vragen.pdf"' in pdf.headers["Content-Disposition"]
    text = tight(PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text())
    assert tight("Wat neem je mee vandaag?") in text
    assert get(client, "/tafel/mijn-vragen").status_code == 200
    assert "Mijn vragen.csv" in get(client, "/").get_data(as_text=True)  # on the overview, for this browser
    assert get(create_app(Inputs()).test_client(), "/deck/mijn-vragen").status_code == 404  # only for this browser
    gone = client.post("/eigen-deck/weg", headers=HOST)
    assert gone.status_code == 303
    assert get(client, "/deck/mijn-vragen").status_code == 404


def test_an_own_deck_replaces_the_one_before_and_its_folder_is_removed(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    client = create_app(Inputs()).test_client()
    upload(client, b"categorie,tekst\nOpenen,Eerste?\n", "een.csv")
    assert [p.name.split("-")[1:3] for p in tmp_path.iterdir()] == [["eigen", "deck"]]
    upload(client, b"categorie,tekst\nOpenen,Tweede?\n", "twee.csv")
    assert len(list(tmp_path.iterdir())) == 1
    assert get(client, "/deck/een").status_code == 404 and get(client, "/deck/twee").status_code == 200
    client.post("/eigen-deck/weg", headers=HOST)
    assert list(tmp_path.iterdir()) == []


def test_starter_decks_download_in_each_format(client):
    from openpyxl import load_workbook

    xlsx = get(client, "/eigen-deck/vragen.xlsx")
    assert 'filename="vragen.xlsx"' in xlsx.headers["Content-Disposition"]
    assert load_workbook(io.BytesIO(xlsx.data)).sheetnames == ["Kaarten", "Uitleg"]
    assert get(client, "/eigen-deck/vragen.csv").data.decode("utf-8-sig").startswith("Titel;Mijn kaarten")
    assert get(client, "/eigen-deck/vragen.exe").status_code == 404


def test_a_broken_own_deck_names_the_file_as_uploaded_and_the_row(client):
    page = upload(client, b"categorie,tekst\nOpenen,\n", "team.csv")
    assert page.status_code == 400
    assert re.findall(r"<li>(.*?)</li>", unescape(page.get_data(as_text=True))) == [
        "team.csv: rij 2, kolom tekst: leeg"
    ]
    other = upload(client, b"#!/bin/sh\n", "../../etc/passwd")
    assert re.findall(r"<li>(.*?)</li>", unescape(other.get_data(as_text=True))) == [
        "'passwd' is geen .yaml, .csv of .xlsx"
    ]
    big = upload(client, b"x" * (3 * 1024 * 1024), "groot.csv")
    assert big.status_code == 413 and "te groot" in big.get_data(as_text=True)


def own_sources(tmp_path):
    """A folder of sources with one small deck, and a client of a server that reads it."""
    folder = tmp_path / "bronnen"
    folder.mkdir()
    deck = folder / "eigen.csv"
    deck.write_text("categorie,tekst\nOpenen,Eerste vraag?\n", encoding="utf-8")
    return deck, create_app(Inputs(folder)).test_client()


def test_the_card_pictures_follow_an_edited_source(tmp_path):
    deck, client = own_sources(tmp_path)
    first = get(client, "/tafel/eigen/001.png").data
    assert get(client, "/tafel/eigen/001.png").data == first  # kept while nothing changes
    deck.write_text("categorie,tekst\nOpenen,Een heel andere vraag met meer woorden?\n", encoding="utf-8")
    assert get(client, "/tafel/eigen/001.png").data != first


# --- pictures: backs, thumbnails, zip ------------------------------------------------------------


def test_a_deck_page_shows_every_card_front_and_its_own_back(client, sources):
    from deck.cards import deck_cards
    from deck.web.pictures import card_pairs

    html = get(client, "/deck/emoties").get_data(as_text=True)
    pairs, cards = card_pairs(Inputs(), "emoties"), deck_cards(sources.documents["emoties"])
    assert len(pairs) == len(re.findall(r'name="kaart"', html)) == len(cards) == 60
    for pair in pairs:
        assert (
            f'src="/deck/emoties/kaarten/{pair.front}"' in html and f'src="/deck/emoties/kaarten/{pair.back}"' in html
        )
    # an added word's back says it is not from the sources: a back of its own
    added = next(pair for pair, card in zip(pairs, cards, strict=True) if card.herkomst)
    assert added.back != pairs[0].back
    backs = {name: get(client, f"/deck/emoties/kaarten/{name}").data for name in {added.back, pairs[0].back}}
    assert len(set(backs.values())) == 2


def test_the_overview_has_a_thumbnail_of_every_deck_werkblad_and_the_booklet(client):
    html = get(client, "/").get_data(as_text=True)
    thumbnails = re.findall(r'<img class="duim" src="/voorbeeld/([^"]+)\.png"', html)
    assert "emoties" in thumbnails and "tijdlijn" in thumbnails and "facilitatorboekje" in thumbnails
    assert "sessieplan" not in thumbnails and get(client, "/voorbeeld/sessieplan.png").status_code == 404
    with Image.open(io.BytesIO(get(client, "/voorbeeld/emoties.png").data)) as card:
        assert card.size == (round(63 / 25.4 * 72), round(88 / 25.4 * 72))  # the first card at 72 ppi
    with Image.open(io.BytesIO(get(client, "/voorbeeld/tijdlijn.png").data)) as sheet:
        width, height = sheet.size
        assert width == round(50 / 25.4 * 144) and height < width  # 50 mm wide at 144 ppi; the werkblad is landscape
        assert sheet.convert("RGB").getpixel((width // 2, 2)) == (255, 255, 255)  # a white page, drawn


def test_pictures_are_asked_again_and_answered_not_modified_while_unchanged(client):
    first = get(client, "/tafel/hand/001.png")
    assert first.headers["Cache-Control"] == "private, no-cache" and first.headers["ETag"]
    again = get(client, "/tafel/hand/001.png", **{"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""


def test_picked_cards_download_as_pngs_in_a_zip(client):
    import zipfile

    page = get(client, "/deck/hand.zip?kaart=1&kaart=3")
    assert (page.status_code, page.mimetype) == (200, "application/zip")
    archive = zipfile.ZipFile(io.BytesIO(page.data))
    assert archive.namelist() == ["001.png", "003.png"]
    with Image.open(io.BytesIO(archive.read("003.png"))) as card:
        assert card.size == (744, 1039) and round(card.info["dpi"][0]) == 300
    assert get(client, "/deck/hand.zip?cards=abc").status_code == 400


def test_the_alignment_sheet_downloads_for_each_paper(client):
    page = get(client, "/uitlijntest.pdf?paper=letter&flip=kort")
    pages = PdfReader(io.BytesIO(page.data)).pages
    assert len(pages) == 2 and size_of(pages[0].mediabox) == pytest.approx((215.9 * MM, 279.4 * MM), abs=0.1)
    assert "Uitlijntest" in pages[0].extract_text()
    assert get(client, "/uitlijntest.pdf?paper=a3").status_code == 400
    assert 'href="/uitlijntest.pdf?paper=a4&amp;flip=lang"' in get(client, "/deck/hand").get_data(as_text=True)


# --- the house style -------------------------------------------------------------------------------


def make_kit(client, **fields):
    data = {"organisatie": "Jeugdbescherming Noord", "primair": "#7a2f5e", "accent": "#2f6f7a",
            "achterkant": "#7a2f5e", "patroon": "lijnen", "logo-achterkant": "ja", **fields}  # fmt: skip
    return client.post("/huisstijl", headers=HOST, data=data, content_type="multipart/form-data")


def test_a_house_style_made_on_the_page_is_used_for_every_download_in_that_browser(tmp_path):
    import zipfile

    from deck.brand import load_brand
    from tests.conftest import ROOT

    client = create_app(Inputs()).test_client()
    logo = (ROOT / "examples" / "huisstijl" / "logo.png").read_bytes()
    made = make_kit(client, logo=(io.BytesIO(logo), "Ons logo.png"), voettekst="intern materiaal")
    assert (made.status_code, made.headers["Location"]) == (303, "/huisstijl#voorbeeld")
    page = unescape(get(client, "/huisstijl").get_data(as_text=True))
    assert "Nu in gebruik: Jeugdbescherming Noord" in page and "Huisstijl: Jeugdbescherming Noord" in page
    branded = PdfReader(io.BytesIO(get(client, "/deck/hand.pdf?mode=drukker&cards=1").data))
    assert "intern materiaal" in branded.pages[1].extract_text()  # the card's back, with the logo
    assert len(branded.pages[1].images) == 1
    plain = PdfReader(io.BytesIO(get(create_app(Inputs()).test_client(), "/deck/hand.pdf?mode=drukker&cards=1").data))
    assert "intern materiaal" not in plain.pages[1].extract_text()  # another browser: deck's own style
    assert len(plain.pages[1].images) == 0
    sheet = PdfReader(io.BytesIO(get(client, "/doel/tijdlijn.pdf").data)).pages[0].extract_text()
    assert "intern materiaal" in sheet
    # the kit downloads as a brand.yaml with its logo that `deck build --brand` accepts
    archive = zipfile.ZipFile(io.BytesIO(get(client, "/huisstijl.zip").data))
    assert sorted(archive.namelist()) == ["brand.yaml", "ons-logo.png"]
    archive.extractall(tmp_path)
    brand = load_brand(tmp_path / "brand.yaml")
    assert (brand.organisation, brand.style["deck"], brand.footer) == (
        "Jeugdbescherming Noord",
        "#7a2f5e",
        "intern materiaal",
    )
    # made again without a new logo: the logo stays
    make_kit(client, organisatie="Team Zuid")
    assert "ons-logo.png" in zipfile.ZipFile(io.BytesIO(get(client, "/huisstijl.zip").data)).namelist()
    client.post("/huisstijl/uit", headers=HOST)
    assert get(client, "/huisstijl.zip").status_code == 404
    assert "Huisstijl: " not in get(client, "/").get_data(as_text=True)


def test_a_wrong_house_style_names_each_field_and_the_file_as_uploaded(client):
    page = make_kit(client, primair="#eeeeee", achterkant="#888888",
                    logo=(io.BytesIO(b"geen plaatje"), "Mijn Logo.PNG"), lettertype=(io.BytesIO(b"x" * 100), "Font.ttf"))  # fmt: skip
    assert page.status_code == 400
    html = unescape(page.get_data(as_text=True))
    assert re.findall(r"<li>(.*?)</li>", html) == [
        "primaire kleur: witte tekst op #eeeeee, en koppen in #eeeeee op wit, hebben een contrast van 1.1:1; nodig is "
        "minstens 4.5:1 (WCAG AA): kies een donkerdere kleur",
        # 4.48:1 is said as 4.4, never as the 4.5 it misses
        "kleur van de achterkant: op #888888 is geen tekst goed leesbaar: wit haalt een contrast van 3.5:1, zwart "
        "4.4:1, nodig is 4.5:1 (WCAG AA); kies een lichtere of donkerdere kleur",
        "logo: Mijn Logo.PNG: geen afbeelding die deck kan lezen (gebruik PNG, JPEG of SVG)",
        "lettertype: in 'Font.ttf' staat geen lettertype dat deck kan lezen",
    ]
    assert re.findall(r"<output[^>]*>(.*?)</output>", html) == [
        "Wit op deze kleur: 1,1:1, te weinig: minstens 4,5:1 nodig",
        "Wit op deze kleur: 5,7:1, goed leesbaar",
        "Zwart op deze kleur: 4,4:1, te weinig: minstens 4,5:1 nodig",
    ]
    assert 'name="primair" value="#eeeeee"' in html  # the form keeps what was chosen
    assert make_kit(client, logo=(io.BytesIO(b"x"), "logo.exe")).status_code == 400


def test_an_own_font_is_checked_and_named_by_its_family(tmp_path):
    import zipfile

    from tests.conftest import ROOT

    client = create_app(Inputs()).test_client()
    font = (ROOT / "layouts" / "fonts" / "AtkinsonHyperlegible-Regular.ttf").read_bytes()
    assert make_kit(client, lettertype=(io.BytesIO(font), "Eigen letter.ttf")).status_code == 303
    brand_yaml = zipfile.ZipFile(io.BytesIO(get(client, "/huisstijl.zip").data)).read("brand.yaml").decode()
    assert "lettertype:\n  map: fonts\n  tekst: Atkinson Hyperlegible\n" in brand_yaml


# --- the session plan ------------------------------------------------------------------------------

PLAN = {
    "titel": "Leerbijeenkomst Team Noord", "start": "13:30", "beschikbaar": "120",
    "keuze-0": "onderdeel", "tekst-0": "Welkom", "minuten-0": "10",
    "keuze-1": "oefening:m2", "aantal-1": "4",
    "keuze-3": "werkkaart:3", "minuten-3": "45",
}  # fmt: skip


def test_the_session_form_offers_every_oefening_and_werkkaart_with_its_time(client, sources):
    html = unescape(get(client, "/sessie").get_data(as_text=True))
    oefeningen = [o for doc in sources.of_kind("oefeningen") for o in doc.oefeningen]
    kaarten = [k for doc in sources.of_kind("werkkaarten") for k in doc.werkkaarten]
    options = re.findall(r'<option value="((?:oefening|werkkaart):[^"]+)"', html)
    assert len(options) == 10 * (len(oefeningen) + len(kaarten))  # on each of the ten rows
    assert (
        'value="oefening:h1" data-titel="Luisteren, erkennen, inzoomen, doorvragen" data-vast="20" data-per="10"'
        in html
    )  # Luisteren, erkennen …: 10 min per person


def test_the_agenda_of_a_planned_session_and_its_downloads(client):
    page = client.post("/sessie", headers=HOST, data={**PLAN, "doel": "bijwerken"})
    html = unescape(page.get_data(as_text=True))
    assert re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(\d+)</td></tr>", html) == [
        ("13:30–13:40", "Welkom", "10"),
        ("13:40–14:05", "Elkaar beter leren kennen door je hand", "25"),
        ("14:05–14:50", "Werkkaart 3. Een tijdlijn maken", "45"),
    ]
    assert "Klaar om 14:50: 80 van de 120 minuten gepland, nog 40 over." in html
    plan = client.post("/sessie", headers=HOST, data={**PLAN, "doel": "sessieplan"})
    assert 'filename="sessieplan.pdf"' in plan.headers["Content-Disposition"]
    text = tight(PdfReader(io.BytesIO(plan.data)).pages[0].extract_text())
    for words in ("Leerbijeenkomst Team Noord", "13:40", "Elkaar beter leren kennen door je hand", "14:50"):
        assert tight(words) in text
    booklet = client.post("/sessie", headers=HOST, data={**PLAN, "doel": "facilitatorboekje"})
    agenda_page = tight(PdfReader(io.BytesIO(booklet.data)).pages[1].extract_text())
    assert tight("Leerbijeenkomst Team Noord") in agenda_page and tight("13:40") in agenda_page


def test_a_wrong_plan_names_the_row_as_the_form_shows_it(client):
    page = client.post("/sessie", headers=HOST, data={**PLAN, "minuten-3": "", "doel": "sessieplan"})
    assert page.status_code == 400
    html = unescape(page.get_data(as_text=True))
    assert re.findall(r"<li>(.*?)</li>", html) == [
        "onderdeel 4: 'minuten' ontbreekt: alleen oefeningen geven zelf hun tijd"
    ]
    assert 'name="tekst-0" value="Welkom"' in html
    long = client.post("/sessie", headers=HOST, data={**PLAN, "beschikbaar": "60", "doel": "sessieplan"})
    assert re.findall(r"<li>(.*?)</li>", unescape(long.get_data(as_text=True))) == [
        "beschikbaar: het plan duurt 80 minuten: 20 minuten te lang voor de 60 beschikbare minuten"
    ]
    assert client.post("/sessie", headers=HOST, data={**PLAN, "doel": "../etc"}).status_code == 400


def test_a_source_broken_while_the_server_runs_is_said_on_the_page(tmp_path):
    deck, client = own_sources(tmp_path)
    assert get(client, "/deck/eigen").status_code == 200
    deck.write_text("categorie,tekst\nOpenen,\n", encoding="utf-8")
    page = get(client, "/deck/eigen")
    assert page.status_code == 400
    assert re.findall(r"<li>(.*?)</li>", unescape(page.get_data(as_text=True))) == [f"{deck}: rij 2, kolom tekst: leeg"]


def test_serve_with_broken_sources_says_so_and_does_not_start(runner, tmp_path):
    (tmp_path / "eigen.csv").write_text("categorie,tekst\nOpenen,\n", encoding="utf-8")
    result = runner.invoke(main, ["serve", "--sources", str(tmp_path), "--no-browser"])
    assert result.exit_code == 1
    assert result.stderr == f"Fout: {tmp_path / 'eigen.csv'}: rij 2, kolom tekst: leeg\n"


def test_the_deck_page_pictures_are_small_and_the_kaarttafel_ones_large_and_alike(client):
    small = get(client, "/deck/spanningsvelden/kaarten/007.png")
    large = get(client, "/tafel/spanningsvelden/007.png")
    with Image.open(io.BytesIO(small.data)) as a, Image.open(io.BytesIO(large.data)) as b:
        assert a.size == (round(63 / 25.4 * 100), round(88 / 25.4 * 100))
        assert b.size == (round(63 / 25.4 * 200), round(88 / 25.4 * 200))
        # the card made on its own for the kaarttafel is the card of the whole deck, larger
        shrunk = b.convert("RGB").resize(a.size, Image.Resampling.BOX)
        difference = ImageChops.difference(shrunk, a.convert("RGB")).convert("L").histogram()
        assert sum(difference[60:]) / (a.size[0] * a.size[1]) < 0.05  # text edges differ a little between sizes
    assert get(client, "/tafel/spanningsvelden/bronnen.png").mimetype == "image/png"
    assert get(client, "/tafel/spanningsvelden/999.png").status_code == 404
    assert get(client, "/tafel/spanningsvelden/achterkant-1.png").status_code == 404  # backs: on the deck page
    assert get(client, "/deck/spanningsvelden/kaarten/achterkant-1.png").status_code == 200

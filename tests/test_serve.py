"""deck serve through Flask's test client: every route, its errors, and the safety rules."""

import io
import re
from html import unescape

import pytest
from PIL import Image
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
    assert len(re.findall(r'<img src="/tafel/hand/00\d\.png"', html)) == 5
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
    import deck.serve

    def broken(*args, **kwargs):
        raise RuntimeError("stuk")

    monkeypatch.setattr(deck.serve, "render_targets", broken)
    app = create_app(Inputs())
    page = app.test_client().get("/deck/hand.pdf", headers=HOST)
    html = page.get_data(as_text=True)
    assert page.status_code == 500
    assert "Er ging iets mis in deck" in html and "Traceback" not in html and "stuk" not in html


def test_serve_help_is_dutch(runner):
    result = runner.invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Open deck als webpagina op deze computer" in result.stdout
    assert "Poort van de webpagina, van 1024 tot en met 65535." in result.stdout
    assert "Open de pagina niet zelf in de browser." in result.stdout
    wrong = runner.invoke(main, ["serve", "--port", "80"])
    assert wrong.exit_code == 2
    assert wrong.stderr.splitlines()[-1] == (
        "Fout: ongeldige waarde voor '--port': '80' is geen poort; kies een getal van 1024 tot en met 65535"
    )


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


def test_an_own_deck_uploads_and_comes_back_as_a_pdf(client):
    page = upload(
        client, b"categorie,tekst\nOpenen,Wat neem je mee vandaag?\n,Waar ben je trots op?\n", "Mijn vragen.csv"
    )
    assert (page.status_code, page.mimetype) == (200, "application/pdf")
    assert 'filename="mijn-vragen.pdf"' in page.headers["Content-Disposition"]
    text = tight(PdfReader(io.BytesIO(page.data)).pages[0].extract_text())
    assert tight("Wat neem je mee vandaag?") in text and tight("Waar ben je trots op?") in text


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


def test_the_card_pictures_follow_an_edited_source(tmp_path):
    folder = tmp_path / "bronnen"
    folder.mkdir()
    deck = folder / "eigen.csv"
    deck.write_text("categorie,tekst\nOpenen,Eerste vraag?\n", encoding="utf-8")
    client = create_app(Inputs(folder)).test_client()
    first = get(client, "/tafel/eigen/001.png").data
    assert get(client, "/tafel/eigen/001.png").data == first  # kept while nothing changes
    deck.write_text("categorie,tekst\nOpenen,Een heel andere vraag met meer woorden?\n", encoding="utf-8")
    assert get(client, "/tafel/eigen/001.png").data != first

"""deck serve in a real headless browser: Debian's Chromium driven by Selenium through Debian's
chromedriver (nothing is downloaded). The server is the real one (waitress) on a free port.

Screenshots go to the test's folder; with DECK_SCREENSHOTS=folder they are kept there (the README's
pictures are made that way)."""

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from pypdf import PdfReader
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.expected_conditions import staleness_of
from selenium.webdriver.support.ui import WebDriverWait
from waitress.server import create_server

from deck.build import Inputs
from deck.serve import create_app
from tests.pdf import tight

CHROMIUM, DRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")


@pytest.fixture(scope="module")
def server():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(Inputs(), (f"127.0.0.1:{port}",))
    running = create_server(app, host="127.0.0.1", port=port, threads=4)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    running.close()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads):
    assert CHROMIUM.exists() and DRIVER.exists(), "install Debian's chromium and chromium-driver (see .ci/run)"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1280,800",
        "--lang=nl-NL",
    ):
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "intl.accept_languages": "nl-NL,nl",
        },
    )
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    yield driver
    driver.quit()


def screenshot(browser, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    browser.save_screenshot(str(path))
    keep = os.environ.get("DECK_SCREENSHOTS")
    if keep:
        shutil.copy(path, Path(keep) / name)


def wait_for_file(folder: Path, name: str, seconds: float = 20) -> Path:
    path = folder / name
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists() and not list(folder.glob("*.crdownload")):
            return path
        time.sleep(0.1)
    raise AssertionError(f"{name} was not downloaded; the folder holds {sorted(p.name for p in folder.iterdir())}")


def click_to_open(browser, css: str) -> None:
    """Click what sends a form, and wait until the page it asked for has replaced this one."""
    page = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, css).click()
    WebDriverWait(browser, 20).until(staleness_of(page))
    WebDriverWait(browser, 20).until(lambda b: b.execute_script("return document.readyState") == "complete")


def all_images_shown(browser, seconds: float = 60) -> None:
    WebDriverWait(browser, seconds).until(
        lambda b: b.execute_script(
            "[...document.images].forEach(i => { i.loading = 'eager'; });"  # as if scrolled past every one
            "return [...document.images].every(i => i.complete && i.naturalWidth > 0)"
        )
    )


def test_the_overview_lists_the_decks_with_a_picture_of_each(server, browser, tmp_path):
    browser.get(server + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Overzicht"
    links = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".doelen a strong")]
    assert "Emotiekaarten" in links and "Facilitatorboekje" in links
    all_images_shown(browser)
    thumbnails = browser.find_elements(By.CSS_SELECTOR, "img.duim")
    assert len(thumbnails) == len(links) - 1  # every deck, werkblad and the booklet; not the sessieplan
    screenshot(browser, tmp_path, "serve-overzicht.png")


def test_pick_three_cards_and_download_their_pdf(server, browser, downloads, tmp_path):
    browser.get(server + "/deck/emoties")
    for number in (3, 7, 8):
        browser.find_element(By.CSS_SELECTOR, f"input[name=kaart][value='{number}']").click()
    all_images_shown(browser)
    browser.execute_script("document.querySelector('.kaarten').scrollIntoView()")
    screenshot(browser, tmp_path, "serve-deck.png")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    pdf = wait_for_file(downloads, "emoties.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    cards = [line for line in ("3/60", "7/60", "8/60", "1/60", "9/60") if line in text]
    assert cards == ["3/60", "7/60", "8/60"]


def test_a_wrong_choice_shows_the_dutch_error_beside_the_kept_form(server, browser):
    browser.get(server + "/deck/emoties.pdf?size=reuzenkaart&cards=3")
    alert = browser.find_element(By.CSS_SELECTOR, ".fouten")
    assert "onbekende maat 'reuzenkaart'" in alert.text
    assert browser.find_element(By.NAME, "cards").get_attribute("value") == "3"


def test_draw_a_card_on_the_kaarttafel(server, browser, tmp_path):
    browser.get(server + "/tafel/emoties")
    WebDriverWait(browser, 20).until(
        lambda b: b.execute_script("return document.getElementById('kaart').naturalWidth") > 0
    )
    first = browser.find_element(By.ID, "kaart").get_attribute("src")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.ARROW_RIGHT)
    assert browser.find_element(By.ID, "stand").text.startswith("Kaart 2 van 62")  # 60 words, 2 cards with the sources
    assert browser.find_element(By.ID, "kaart").get_attribute("src") != first
    seen = set()
    for _ in range(8):  # a draw picks a card at random: eight draws of 62 cards all alike is next to impossible
        browser.find_element(By.ID, "trek").click()
        seen.add(browser.find_element(By.ID, "kaart").get_attribute("src"))
    assert len(seen) > 1
    WebDriverWait(browser, 20).until(
        lambda b: b.execute_script("return document.getElementById('kaart').naturalWidth") > 0
    )
    screenshot(browser, tmp_path, "serve-kaarttafel.png")
    body.send_keys("f")  # the table alone on the screen, for screen sharing
    WebDriverWait(browser, 5).until(lambda b: b.execute_script("return document.fullscreenElement?.id") == "tafel")
    stage = browser.find_element(By.CSS_SELECTOR, ".podium").rect
    assert stage["width"] / stage["height"] == pytest.approx(16 / 9, abs=0.02)
    screenshot(browser, tmp_path, "serve-kaarttafel-scherm.png")
    body.send_keys("f")
    WebDriverWait(browser, 5).until(lambda b: b.execute_script("return document.fullscreenElement") is None)


def test_fill_in_a_casus_and_find_it_in_the_werkblad(server, browser, downloads, tmp_path):
    from selenium.webdriver.support.ui import Select

    browser.get(server + "/casus")
    Select(browser.find_element(By.NAME, "werkblad")).select_by_value("tijdlijn")
    browser.find_element(By.NAME, "titel").send_keys("Casus M. (schuilnaam)")
    browser.find_element(By.NAME, "datum-0").send_keys("mei 2024")
    browser.find_element(By.NAME, "tekst-0").send_keys("Eerste gesprek met de gezinsvoogd")
    assert not browser.find_element(By.NAME, "tekst-3").is_displayed()  # three empty rows, and a button for more
    browser.find_element(By.XPATH, "//button[text()='Nog een gebeurtenis']").click()
    assert browser.find_element(By.NAME, "tekst-3").is_displayed()
    assert browser.switch_to.active_element == browser.find_element(By.NAME, "datum-3")
    screenshot(browser, tmp_path, "serve-casus.png")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    pdf = wait_for_file(downloads, "tijdlijn.pdf")
    text = tight(" ".join(page.extract_text() for page in PdfReader(str(pdf)).pages))
    assert tight("Casus M. (schuilnaam)") in text and tight("Eerste gesprek met de gezinsvoogd") in text


def test_upload_a_broken_csv_and_see_the_error(server, browser, tmp_path):
    broken = tmp_path / "team.csv"
    broken.write_text("categorie,tekst\nOpenen,\n", encoding="utf-8")
    browser.get(server + "/eigen-deck")
    browser.find_element(By.NAME, "bestand").send_keys(str(broken))
    click_to_open(browser, "form button[type=submit]")
    alert = browser.find_element(By.CSS_SELECTOR, ".fouten")
    assert "team.csv: rij 2, kolom tekst: leeg" in alert.text
    screenshot(browser, tmp_path, "serve-eigen-deck.png")


def test_plan_a_session_the_agenda_follows_every_choice(server, browser, downloads, tmp_path):
    from selenium.webdriver.support.ui import Select

    browser.get(server + "/sessie")
    browser.find_element(By.NAME, "titel").send_keys("Intervisie Team Oost")
    Select(browser.find_element(By.NAME, "keuze-0")).select_by_value("oefening:m2")
    count = browser.find_element(By.NAME, "aantal-0")
    assert count.is_displayed()  # 5 minutes per person: how many?
    assert "Nog niet ingevuld: de tijd van onderdeel 1." in browser.find_element(By.ID, "agenda").text
    count.send_keys("4")
    Select(browser.find_element(By.NAME, "keuze-1")).select_by_value("onderdeel")
    assert not browser.find_element(By.NAME, "aantal-1").is_displayed()
    browser.find_element(By.NAME, "tekst-1").send_keys("Welkom")
    browser.find_element(By.NAME, "minuten-1").send_keys("10")
    rows = lambda: [r.text for r in browser.find_elements(By.CSS_SELECTOR, "#agenda tbody tr")]  # noqa: E731
    assert rows() == ["13:30–13:55 Elkaar beter leren kennen door je hand 25", "13:55–14:05 Welkom 10"]
    browser.find_element(By.CSS_SELECTOR, "[aria-label='Onderdeel 2 omhoog']").click()
    assert rows() == ["13:30–13:40 Welkom 10", "13:40–14:05 Elkaar beter leren kennen door je hand 25"]
    assert browser.find_element(By.CSS_SELECTOR, "#agenda .rest").text == (
        "Klaar om 14:05: 35 van de 180 minuten gepland, nog 145 over."
    )
    available = browser.find_element(By.NAME, "beschikbaar")
    available.clear()
    available.send_keys("30")
    assert "5 minuten te lang voor de 30 beschikbare minuten" in browser.find_element(By.ID, "agenda").text
    available.clear()
    available.send_keys("90")
    browser.execute_script("document.querySelector('.onderdelen').scrollIntoView()")
    screenshot(browser, tmp_path, "serve-sessie.png")
    browser.find_element(By.CSS_SELECTOR, "button[value=sessieplan]").click()
    text = tight(" ".join(p.extract_text() for p in PdfReader(str(wait_for_file(downloads, "sessieplan.pdf"))).pages))
    assert tight("Intervisie Team Oost") in text
    assert text.index(tight("Welkom")) < text.index(tight("Elkaar beter leren kennen door je hand"))


def test_a_trainer_prints_a_branded_deck_with_her_own_cards(server, browser, downloads, tmp_path):
    from tests.conftest import ROOT

    browser.get(server + "/huisstijl")
    output = browser.find_element(By.ID, "contrast-primair")
    set_colour = "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))"
    browser.execute_script(set_colour, browser.find_element(By.NAME, "primair"), "#f0e68c")
    assert output.text == "Wit op deze kleur: 1,2:1, te weinig: minstens 4,5:1 nodig"  # said as she picks
    assert output.get_attribute("class") == "slecht"
    browser.execute_script(set_colour, browser.find_element(By.NAME, "primair"), "#7a2f5e")
    assert output.text == "Wit op deze kleur: 8,7:1, goed leesbaar"
    browser.find_element(By.NAME, "organisatie").send_keys("Jeugdbescherming Noord")
    browser.find_element(By.NAME, "voettekst").send_keys("Alleen voor intern gebruik")
    browser.find_element(By.NAME, "logo").send_keys(str(ROOT / "examples" / "huisstijl" / "logo.png"))
    click_to_open(browser, "form[enctype] button[type=submit]")
    assert browser.find_element(By.ID, "voorbeeld").is_displayed()
    all_images_shown(browser)
    assert "Huisstijl: Jeugdbescherming Noord" in browser.find_element(By.TAG_NAME, "header").text
    screenshot(browser, tmp_path, "serve-huisstijl.png")

    own = tmp_path / "afsluiting.csv"
    own.write_text(
        "categorie,tekst\nAfsluiten,Wat neem je mee naar huis?\n,Wie ga je morgen bellen?\n", encoding="utf-8"
    )
    browser.get(server + "/eigen-deck")
    browser.find_element(By.NAME, "bestand").send_keys(str(own))
    click_to_open(browser, "form[enctype] button[type=submit]")
    assert browser.current_url.endswith("/deck/afsluiting")
    all_images_shown(browser)
    screenshot(browser, tmp_path, "serve-eigen-kaarten.png")
    browser.find_element(By.CSS_SELECTOR, "input[name=kaart][value='2']").click()
    Select = __import__("selenium.webdriver.support.ui", fromlist=["Select"]).Select
    Select(browser.find_element(By.NAME, "mode")).select_by_value("drukker")
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    pages = PdfReader(str(wait_for_file(downloads, "afsluiting.pdf"))).pages
    assert len(pages) == 2
    assert "Wie ga je morgen bellen?" in " ".join(pages[0].extract_text().split())
    assert "Alleen voor intern gebruik" in pages[1].extract_text() and len(pages[1].images) == 1  # her logo

    browser.get(server + "/huisstijl")
    click_to_open(browser, "form[action$='/huisstijl/uit'] button")
    assert "Huisstijl:" not in browser.find_element(By.TAG_NAME, "header").text
    browser.get(server + "/eigen-deck")
    click_to_open(browser, "form[action$='/eigen-deck/weg'] button")
    assert not browser.find_elements(By.CSS_SELECTOR, ".huidig")


AXE = Path(__file__).parent / "vendor" / "axe.min.js"
PAGES = ["/", "/deck/hand", "/tafel/hand", "/eigen-deck", "/casus", "/sessie", "/huisstijl", "/nergens"]


def audit(browser) -> list:
    """axe-core's WCAG 2 A and AA rules on the page as the browser shows it: the rules broken, with
    the first few elements that break them."""
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}).then(done);"
    )
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_passes_an_accessibility_audit(server, browser, page):
    browser.get(server + page)
    all_images_shown(browser)
    assert audit(browser) == []


def test_the_audit_finds_a_fault_where_there_is_one(server, browser):
    browser.get(server + "/casus")
    browser.execute_script(
        "document.querySelector('input[name=titel]').parentElement.replaceWith(document.createElement('input'));"
        "const pale = document.createElement('p'); pale.textContent = 'licht'; pale.style.color = '#bbb';"
        "document.querySelector('main').append(pale);"
    )
    assert {rule for rule, _ in audit(browser)} == {"label", "color-contrast"}

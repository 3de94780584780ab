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
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,800"):
        options.add_argument(argument)
    options.add_experimental_option(
        "prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False}
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


def test_the_overview_lists_the_decks_and_links_to_them(server, browser, tmp_path):
    browser.get(server + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Overzicht"
    links = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".doelen a strong")]
    assert "Emotiekaarten" in links and "Facilitatorboekje" in links
    screenshot(browser, tmp_path, "serve-overzicht.png")


def test_pick_three_cards_and_download_their_pdf(server, browser, downloads, tmp_path):
    browser.get(server + "/deck/emoties")
    for number in (3, 7, 8):
        browser.find_element(By.CSS_SELECTOR, f"input[name=kaart][value='{number}']").click()
    WebDriverWait(browser, 20).until(
        lambda b: b.execute_script("return [...document.images].every(i => i.complete && i.naturalWidth > 0)")
    )
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


def test_fill_in_a_casus_and_find_it_in_the_werkblad(server, browser, downloads, tmp_path):
    from selenium.webdriver.support.ui import Select

    browser.get(server + "/casus")
    Select(browser.find_element(By.NAME, "werkblad")).select_by_value("tijdlijn")
    browser.find_element(By.NAME, "titel").send_keys("Casus M. (schuilnaam)")
    browser.find_element(By.NAME, "datum-0").send_keys("mei 2024")
    browser.find_element(By.NAME, "tekst-0").send_keys("Eerste gesprek met de gezinsvoogd")
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
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    alert = WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.CSS_SELECTOR, ".fouten"))[0]
    assert "team.csv: rij 2, kolom tekst: leeg" in alert.text
    screenshot(browser, tmp_path, "serve-eigen-deck.png")

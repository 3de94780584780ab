"""What a browser brings to deck serve and deck keeps for it while the server runs: a house style
made on the Huisstijl page and an own deck uploaded on the Eigen deck page.

Each is checked exactly as the command line checks `--brand` and `--sources`, and kept in a
private scratch folder (deck/scratch.py) under a random key that only that browser holds, in a
cookie. Uploads are data: saved under names deck makes, never evaluated. Only the newest few are
kept; the others are removed with their folders, and all of them when the server stops.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
import warnings
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

import yaml

from deck import scratch
from deck.brand import load_brand
from deck.build import Inputs
from deck.errors import DeckError, DeckWarning, Problem, display_path
from deck.fonts import font_families
from deck.sources import SOURCE_SUFFIXES
from deck.spreadsheet import slug
from deck.style import INK, MIN_CONTRAST, STYLE, WHITE, contrast, ratio
from deck.web.forms import KIT_FORM
from deck.web.pictures import entries

Kept = TypeVar("Kept")


class PerBrowser(Generic[Kept]):
    """Things kept for each browser, found by a random key in a cookie (never a path). Each thing
    has a `folder` (a TemporaryDirectory) that goes with it."""

    def __init__(self, most: int = 16):
        self._kept: dict[str, Kept] = {}
        self._most = most
        self._lock = threading.Lock()

    def add(self, thing: Kept) -> str:
        key = secrets.token_urlsafe(18)
        with self._lock:
            self._kept[key] = thing
            while len(self._kept) > self._most:
                self._kept.pop(next(iter(self._kept))).folder.cleanup()
        return key

    def get(self, key: str) -> Kept | None:
        with self._lock:
            return self._kept.get(key)

    def drop(self, key: str) -> None:
        with self._lock:
            thing = self._kept.pop(key, None)
        if thing is not None:
            thing.folder.cleanup()


def _safe_stem(name: str, default: str) -> str:
    """A file name deck makes from an uploaded one: lower-case letters, digits and hyphens only."""
    return slug(Path(name).stem)[:60] or default


def _without_folder(problem: Problem, folder: Path, names: dict[str, str], path: str | None = None) -> Problem:
    """A problem about files deck saved, naming them as the user called them, without deck's folder."""
    message = problem.message
    for prefix in (f"{folder}/fonts/", f"{display_path(folder)}/fonts/", f"{folder}/", f"{display_path(folder)}/"):
        message = message.replace(prefix, "")
    for saved, shown in names.items():
        message = message.replace(saved, shown)
    return problem._replace(path=path or problem.path, message=message)


# --- an own deck ------------------------------------------------------------------------------------


class OwnDeck(NamedTuple):
    folder: tempfile.TemporaryDirectory  # the deck's one file; goes when the OwnDeck does
    deck_id: str
    title: str
    shown: str  # the file's name as uploaded

    def inputs(self, brand: Path | None) -> Inputs:
        return Inputs(Path(self.folder.name), brand)


def read_own_deck(upload, brand: Path | None) -> OwnDeck:
    """An uploaded deck (.yaml, .csv or .xlsx), read and checked as `deck build --sources` reads a
    folder with that one file. Problems name the file as the user called it."""
    if upload is None or not upload.filename:
        raise ValueError("kies een bestand: .yaml, .csv of .xlsx")
    shown = Path(upload.filename).name
    suffix = Path(shown).suffix.lower()
    if suffix not in SOURCE_SUFFIXES:
        raise ValueError(f"'{shown}' is geen .yaml, .csv of .xlsx")
    folder = scratch.folder("eigen-deck")
    saved = f"{_safe_stem(shown, 'eigen-deck')}{suffix}"
    try:
        upload.save(str(Path(folder.name) / saved))
        sources, _ = Inputs(Path(folder.name), brand).load()
        [(deck_id, document)] = sources.documents.items()
    except DeckError as error:
        folder.cleanup()
        root = Path(folder.name)
        raise DeckError([_own_problem(problem, root, saved, shown) for problem in error.problems]) from None
    except BaseException:
        folder.cleanup()
        raise
    return OwnDeck(folder, deck_id, document.titel, shown)


def _own_problem(problem: Problem, root: Path, saved: str, shown: str) -> Problem:
    about_upload = problem.path.startswith((str(root), display_path(root)))
    return _without_folder(problem, root, {saved: shown}, shown if about_upload else None)


# --- a house style ----------------------------------------------------------------------------------

LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
FONT_SUFFIXES = (".ttf", ".otf")
PATTERNS = {"stippen": "stippen", "lijnen": "lijnen", "geen": "geen patroon"}
DEFAULT_COLOURS = {"primair": STYLE["deck"], "accent": STYLE["accent"], "achterkant": STYLE["back"]}
KIT_FIELDS = ("organisatie", "primair", "accent", "achterkant", "patroon", "voettekst")
FIELD_NAMES = {  # brand.yaml's fields as the form calls them
    "kleuren.primair": "primaire kleur",
    "kleuren.accent": "accentkleur",
    "achterkant.kleur": "kleur van de achterkant",
    "achterkant.patroon": "patroon",
    "lettertype.tekst": "lettertype",
    "lettertype.map": "lettertype",
}
KIT_HEADER = """\
# Huisstijl, gemaakt op de pagina Huisstijl van deck serve.
# Gebruik:  deck build --brand brand.yaml   (met het logo en de map fonts ernaast)
"""


class Kit(NamedTuple):
    """A house style made on the Huisstijl page: brand.yaml and its files, and the form's values."""

    folder: tempfile.TemporaryDirectory  # goes when the Kit does
    path: Path  # its brand.yaml
    settings: dict
    organisation: str


def make_kit(form, logo, font, previous: Kit | None) -> Kit:
    """A brand kit from the Huisstijl form, checked by brand.load_brand as `--brand` is. A logo or
    font not sent again is kept from the browser's previous kit. Problems name the form's fields."""
    settings = {key: form.get(key, "").strip() for key in KIT_FIELDS}
    settings["logo-achterkant"] = "ja" if form.get("logo-achterkant") else ""
    folder = scratch.folder("huisstijl")
    root = Path(folder.name)
    names: dict[str, str] = {}  # uploads as saved -> as the user called them
    try:
        settings["logo"] = _kept_upload(logo, LOGO_SUFFIXES, "logo", root, previous, names)
        settings["lettertype"] = _kept_upload(font, FONT_SUFFIXES, "lettertype", root / "fonts", previous, names)
        data, problems = _kit_data(settings, root)
        path = root / "brand.yaml"
        path.write_text(KIT_HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeckWarning)  # a coarse logo: the page says so
                brand = load_brand(path)
        except DeckError as error:
            problems = error.problems + problems
        if problems:
            raise DeckError([_kit_problem(problem, root, names) for problem in problems])
    except BaseException:
        folder.cleanup()
        raise
    settings["logo-ppi"] = round(brand.logo_ppi) if brand.logo_ppi else ""
    return Kit(folder, path, settings, brand.organisation)


def _kept_upload(upload, suffixes: tuple, field: str, folder: Path, previous: Kit | None, names: dict) -> str:
    """Save an uploaded file under a name deck makes; without one, copy the previous kit's. Returns
    the file's name as the user knows it ('' for none), and adds it to `names` under the name saved."""
    if upload is not None and upload.filename:
        shown = Path(upload.filename).name
        suffix = Path(shown).suffix.lower()
        if suffix not in suffixes:
            raise DeckError([Problem(KIT_FORM, None, field, f"'{shown}' is geen {' of '.join(suffixes)}")])
        folder.mkdir(exist_ok=True)
        saved = f"{_safe_stem(shown, field)}{suffix}"
        upload.save(str(folder / saved))
        names[saved] = shown
        return shown
    if previous and previous.settings.get(field):
        old = previous.path.parent / ("fonts" if field == "lettertype" else "")
        for path in entries(old):
            if path.is_file() and path.suffix.lower() in suffixes:
                folder.mkdir(exist_ok=True)
                shutil.copyfile(path, folder / path.name)
        return previous.settings[field]
    return ""


def _kit_data(settings: dict, root: Path) -> tuple[dict, list[Problem]]:
    """brand.yaml's content for these settings, and the problem of a font deck cannot read."""
    problems = []
    data: dict = {"organisatie": settings["organisatie"]}
    logos = [path for path in entries(root) if path.suffix.lower() in LOGO_SUFFIXES]
    if logos:
        data["logo"] = logos[0].name
    colours = {key: settings[key] for key in ("primair", "accent") if settings[key]}
    if colours:
        data["kleuren"] = colours
    if settings["lettertype"]:
        families = sorted(font_families(root / "fonts"))
        if families:
            data["lettertype"] = {"map": "fonts", "tekst": families[0]}
        else:
            message = f"in '{settings['lettertype']}' staat geen lettertype dat deck kan lezen"
            problems.append(Problem(KIT_FORM, None, "lettertype", message))
    if settings["voettekst"]:
        data["voettekst"] = settings["voettekst"]
    back = {"logo": bool(settings["logo-achterkant"]), "patroon": settings["patroon"] or "stippen"}
    if settings["achterkant"]:
        back["kleur"] = settings["achterkant"]
    data["achterkant"] = back
    return data, problems


def _kit_problem(problem: Problem, root: Path, names: dict[str, str]) -> Problem:
    """A problem with the kit deck wrote, as a problem of the form's field."""
    named = _without_folder(problem, root, names, KIT_FORM)
    return named._replace(line=None, field=FIELD_NAMES.get(problem.field, problem.field))


def kit_page(settings, problems: list[str]) -> dict:
    """What the Huisstijl page shows: the form as filled in, the contrast of its colours, the problems."""
    colours = {key: settings.get(key) or DEFAULT_COLOURS[key] for key in DEFAULT_COLOURS}
    return {
        "settings": settings,
        "colours": colours,
        "problems": problems,
        "patterns": PATTERNS,
        "contrasts": {key: contrast_note(value, key == "primair") for key, value in colours.items()},
    }


def contrast_note(colour: str, white_only: bool = False) -> str:
    """What the page says of a colour as ground for text (huisstijl.js says it live, in the same
    words): of white text, or of white or near-black text, whichever reads better."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour or ""):
        return ""
    inks = [(contrast(colour, WHITE), "Wit")] + ([] if white_only else [(contrast(colour, INK), "Zwart")])
    best, ink = max(inks)
    verdict = "goed leesbaar" if best >= MIN_CONTRAST else "te weinig: minstens 4,5:1 nodig"
    return f"{ink} op deze kleur: {ratio(best).replace('.', ',')}, {verdict}"


def kit_files(kit: Kit) -> dict[str, bytes]:
    """brand.yaml and the files it names, for the zip to download."""
    root = kit.path.parent
    files = {path.name: path.read_bytes() for path in entries(root) if path.is_file()}
    files |= {f"fonts/{path.name}": path.read_bytes() for path in entries(root / "fonts") if path.is_file()}
    return files

"""`deck serve`: the same library as the command line, as a local web application (Flask, served
by waitress). Every page is rendered on the server from templates in deck/web/templates; the one
script (the kaarttafel's) is a static file, so the Content-Security-Policy allows no inline code.

Safe by default: it listens on 127.0.0.1 only; a request whose Host is not the server's own name
is refused (a web page elsewhere cannot reach it under a foreign name: DNS rebinding), and so is a
form sent from another origin. Nothing a request says is used as a path: decks and werkbladen are
named by their id, which is looked up among the targets. What is made is sent back, never kept.
"""

from __future__ import annotations

import io
import re
import secrets
import shutil
import sys
import threading
import warnings
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml
from flask import Flask, Response, abort, g, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException, InternalServerError

from deck import scratch
from deck.brand import load_brand
from deck.build import Inputs, render_targets
from deck.cards import selected_cards
from deck.casus import casus_from_data
from deck.errors import DeckError, DeckWarning, Problem, display_path
from deck.fonts import font_families
from deck.geometry import PAPER_NAMES, parse_gutter, parse_offset, parse_size
from deck.plan import plan_from_data, step_minutes
from deck.render import CardOptions, plain_backs, render_alignment_sheet
from deck.sources import default_sources_dir
from deck.style import INK, MIN_CONTRAST, STYLE, WHITE, contrast, ratio
from deck.targets import BOOKLET, Target, list_targets
from deck.werkbladen import SESSIEPLAN

WEB = Path(__file__).resolve().parent / "web"
MAX_REQUEST_BYTES = 2 * 1024 * 1024
SIZES = ["", "poker", "bridge", "tarot", "a6", "a7", "square"]


class Served(NamedTuple):
    """What a page shows: the targets by kind, read from the sources once per change of them."""

    decks: list[Target]
    werkbladen: list[Target]
    boekjes: list[Target]


LOCAL = ("127.0.0.1:8000", "localhost:8000")


def create_app(inputs: Inputs | None = None, hosts: tuple[str, ...] = LOCAL) -> Flask:
    """The application for these inputs (default: the bundled sources), answering only under these host names."""
    inputs = inputs or Inputs()
    app = Flask(__name__, template_folder=str(WEB / "templates"), static_folder=str(WEB / "static"))
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    allowed = set(hosts)
    kits = BrandKits()

    @app.before_request
    def refuse_foreign_requests():
        if request.host not in allowed:
            abort(403, "Deze pagina is alleen te openen op het adres waarop deck serve draait.")
        origin = request.headers.get("Origin")
        if origin is not None and origin.split("://", 1)[-1] not in allowed:
            abort(403, "Een formulier van een andere website wordt niet aangenomen.")
        g.kit = kits.get(request.cookies.get(KIT_COOKIE, ""))
        g.inputs = inputs._replace(brand=g.kit.path) if g.kit else inputs

    @app.context_processor
    def house_style():
        return {"kit": g.get("kit")}

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"  # with no-referrer a browser sends Origin: null on a form
        return response

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        """Anything unforeseen: a page for the user and one line on the terminal, never a traceback
        (which could hold what a form sent, such as a casus)."""
        if isinstance(error, HTTPException):
            return error_page(error)
        print(f"Fout: deck kon {request.method} {request.path} niet afmaken ({type(error).__name__})", file=sys.stderr)
        return error_page(InternalServerError())

    @app.errorhandler(400)
    @app.errorhandler(403)
    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(413)
    @app.errorhandler(500)
    def error_page(error):
        code = getattr(error, "code", 500)
        messages = {
            404: "Deze pagina bestaat niet.",
            405: "Dat kan op deze pagina niet.",
            413: "Wat u stuurde is te groot.",
            500: "Er ging iets mis in deck. Probeer het opnieuw; blijft het misgaan, meld het dan.",
        }
        message = getattr(error, "description", None) if code in (400, 403) else messages.get(code)
        return render_template("fout.html", code=code, message=message or messages[500]), code

    @app.get("/")
    def overzicht():
        return render_template("overzicht.html", served=_served(inputs))

    @app.get("/deck/<deck_id>")
    def deck_page(deck_id: str):
        target = _target(g.inputs, deck_id, "kaarten")
        return render_template("deck.html", **_deck_page(g.inputs, target, {}, []))

    @app.get("/deck/<deck_id>.pdf")
    def deck_pdf(deck_id: str):
        target = _target(g.inputs, deck_id, "kaarten")
        form = _deck_form(request.args)
        try:
            options, cards = _card_options(form), form.get("cards") or None
            pdf = _render(g.inputs, deck_id, options, cards)
            name = f"{deck_id}-dia.pdf" if options.fmt == "slides" else f"{deck_id}.pdf"
        except (DeckError, ValueError) as error:
            return render_template("deck.html", **_deck_page(g.inputs, target, form, _problems(error))), 400
        return _download(pdf, name)

    @app.get("/deck/<deck_id>.zip")
    def deck_images(deck_id: str):
        target = _target(g.inputs, deck_id, "kaarten")
        form = _deck_form(request.args)
        try:
            options = _card_options(form)._replace(fmt="png", mode="shop")
            sources, request_ = _load(g.inputs, options, form.get("cards") or None)
            images = render_targets(sources, [deck_id], request_, jobs=1)[0][2].images
        except (DeckError, ValueError) as error:
            return render_template("deck.html", **_deck_page(g.inputs, target, form, _problems(error))), 400
        return _download(_zipped(images), f"{deck_id}-afbeeldingen.zip")

    @app.get("/uitlijntest.pdf")
    def alignment_sheet():
        paper, flip = (
            request.args.get("paper", "a4"),
            {"lang": "long", "kort": "short"}.get(request.args.get("flip", "lang")),
        )
        if paper not in PAPER_NAMES or flip is None:
            abort(400, "kies een geldige papiersoort en omslagkant")
        return _download(render_alignment_sheet(paper, flip), "uitlijntest.pdf")

    @app.get("/doel/<target_id>.pdf")
    def target_pdf(target_id: str):
        target = _target(g.inputs, target_id, None)
        if target.soort == "kaarten":
            abort(404)
        paper = request.args.get("paper", "a4")
        if paper not in PAPER_NAMES:
            abort(400, f"onbekend papier '{paper}': kies a4 of letter")
        try:
            pdf = _render(g.inputs, target_id, CardOptions(paper=paper), None)
        except DeckError as error:
            return render_template("fout.html", code=400, message="; ".join(_problems(error))), 400
        return _download(pdf, f"{target_id}.pdf")

    @app.get("/casus")
    def casus_page():
        return render_template("casus.html", **_casus_page(g.inputs, {}, []))

    @app.post("/casus")
    def casus_pdf():
        form = request.form
        try:
            sheet = form.get("werkblad", "")
            _target(g.inputs, sheet, "werkblad")
            paper = form.get("paper", "a4")
            if paper not in PAPER_NAMES:
                raise ValueError("kies A4 of Letter")
            sources, request_ = _load(g.inputs, CardOptions(paper=paper))
            casus_file, casus = casus_from_data(_casus_data(form), request_.look, FORM)
            request_ = request_._replace(casus=casus, casus_file=casus_file)
            pdf = render_targets(sources, [sheet], request_, jobs=1)[0][2].pdf
        except (DeckError, ValueError) as error:
            return render_template("casus.html", **_casus_page(g.inputs, form, _problems(error))), 400
        return _download(pdf, f"{sheet}.pdf")

    @app.get("/eigen-deck")
    def own_deck_page():
        return render_template("eigen.html", problems=[], form={})

    @app.post("/eigen-deck")
    def own_deck_pdf():
        upload = request.files.get("bestand")
        form = request.form
        try:
            if upload is None or not upload.filename:
                raise ValueError("kies een bestand: .yaml, .csv of .xlsx")
            pdf, name = _own_deck(g.inputs, upload, _card_options(form))
        except (DeckError, ValueError) as error:
            return render_template("eigen.html", problems=_problems(error), form=form), 400
        return _download(pdf, name)

    @app.get("/huisstijl")
    def house_style_page():
        return render_template("huisstijl.html", **_kit_page(g.kit.settings if g.kit else {}, []))

    @app.post("/huisstijl")
    def house_style_make():
        form = request.form
        try:
            kit = make_kit(form, request.files.get("logo"), request.files.get("lettertype"), g.kit)
        except (DeckError, ValueError) as error:
            return render_template("huisstijl.html", **_kit_page(form, _problems(error))), 400
        response = redirect(url_for("house_style_page") + "#voorbeeld", 303)
        response.set_cookie(KIT_COOKIE, kits.add(kit), httponly=True, samesite="Strict")
        return response

    @app.post("/huisstijl/uit")
    def house_style_off():
        kits.drop(request.cookies.get(KIT_COOKIE, ""))
        response = redirect(url_for("house_style_page"), 303)
        response.delete_cookie(KIT_COOKIE, httponly=True, samesite="Strict")
        return response

    @app.get("/huisstijl.zip")
    def house_style_zip():
        if g.kit is None:
            abort(404, "Er is nog geen huisstijl gemaakt.")
        return _download(_zipped(kit_files(g.kit)), "huisstijl.zip")

    @app.get("/sessie")
    def session_page():
        return render_template("sessie.html", **_session_page(g.inputs, {}, [], None))

    @app.post("/sessie")
    def session_make():
        form = request.form
        goal = form.get("doel", "bijwerken")
        if goal not in ("bijwerken", SESSIEPLAN, BOOKLET):
            abort(400, "onbekende keuze")
        try:
            paper = form.get("paper", "a4")
            if paper not in PAPER_NAMES:
                raise ValueError("kies A4 of Letter")
            sources, request_ = _load(g.inputs, CardOptions(paper=paper))
            data, rows = _plan_data(form)
            agenda = _planned(data, rows, sources, request_)
            if goal == "bijwerken":
                return render_template("sessie.html", **_session_page(g.inputs, form, [], agenda))
            pdf = render_targets(sources, [goal], request_._replace(agenda=agenda), jobs=1)[0][2].pdf
        except (DeckError, ValueError) as error:
            return render_template("sessie.html", **_session_page(g.inputs, form, _problems(error), None)), 400
        return _download(pdf, f"{goal}.pdf")

    @app.get("/tafel/<deck_id>")
    def kaarttafel(deck_id: str):
        target = _target(g.inputs, deck_id, "kaarten")
        names = sorted(name for name in _card_images(g.inputs, deck_id) if not PLAIN_BACK.fullmatch(name))
        return render_template("tafel.html", target=target, names=names)

    @app.get("/tafel/<deck_id>/<name>")
    def card_image(deck_id: str, name: str):
        _target(g.inputs, deck_id, "kaarten")
        images = _card_images(g.inputs, deck_id)
        if name not in images:
            abort(404)
        # asked again each time, answered '304 not modified' while it is: a new house style or an
        # edited source shows at once under the same address
        response = Response(images[name], mimetype="image/png", headers={"Cache-Control": "private, no-cache"})
        response.add_etag()
        return response.make_conditional(request)

    return app


# --- house style: made in the browser, kept for that browser ----------------------------------------

KIT_COOKIE = "huisstijl"
KIT_FORM = "huisstijl (formulier)"  # what a problem of the form names as its file
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
FONT_UPLOAD_SUFFIXES = (".ttf", ".otf")
PATTERNS = {"stippen": "stippen", "lijnen": "lijnen", "geen": "geen patroon"}
DEFAULT_COLOURS = {"primair": STYLE["deck"], "accent": STYLE["accent"], "achterkant": STYLE["back"]}
KIT_FIELDS = ("organisatie", "primair", "accent", "achterkant", "patroon", "voettekst")


class Kit(NamedTuple):
    """A house style made on the Huisstijl page: brand.yaml and its files in a private scratch
    folder, and the form's values to show again."""

    folder: object  # tempfile.TemporaryDirectory: the folder goes when the kit does
    path: Path  # its brand.yaml
    settings: dict
    organisation: str


class BrandKits:
    """The house style of each browser, found by a random key in a cookie (never a path). Only the
    newest few are kept; an older one is removed with its folder."""

    def __init__(self, most: int = 16):
        self._kits: dict[str, Kit] = {}
        self._most = most
        self._lock = threading.Lock()

    def add(self, kit: Kit) -> str:
        key = secrets.token_urlsafe(18)
        with self._lock:
            self._kits[key] = kit
            while len(self._kits) > self._most:
                self._kits.pop(next(iter(self._kits))).folder.cleanup()
        return key

    def get(self, key: str) -> Kit | None:
        with self._lock:
            return self._kits.get(key)

    def drop(self, key: str) -> None:
        with self._lock:
            kit = self._kits.pop(key, None)
        if kit:
            kit.folder.cleanup()


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
        settings["lettertype"] = _kept_upload(font, FONT_UPLOAD_SUFFIXES, "lettertype", root / "fonts", previous, names)
        data, problems = _kit_data(settings, root)
        path = root / "brand.yaml"
        path.write_text(KIT_HEADER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeckWarning)  # a coarse logo: said on the page, not on the terminal
                brand = load_brand(path)
        except DeckError as error:
            problems = error.problems + problems
        if problems:
            raise DeckError(problems)
    except DeckError as error:
        folder.cleanup()
        raise DeckError([_form_problem(problem, root, names) for problem in error.problems]) from None
    except (ValueError, OSError):
        folder.cleanup()
        raise
    settings["logo-ppi"] = round(brand.logo_ppi) if brand.logo_ppi else ""
    return Kit(folder, path, settings, brand.organisation)


KIT_HEADER = """\
# Huisstijl, gemaakt op de pagina Huisstijl van deck serve.
# Gebruik:  deck build --brand brand.yaml   (met het logo en de map fonts ernaast)
"""


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
        for path in _entries(old):
            if path.is_file() and path.suffix.lower() in suffixes:
                folder.mkdir(exist_ok=True)
                shutil.copyfile(path, folder / path.name)
        return previous.settings[field]
    return ""


def _safe_stem(name: str, default: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")[:60] or default


def _kit_data(settings: dict, root: Path) -> tuple[dict, list[Problem]]:
    """brand.yaml's content for these settings, and the problem of a font deck cannot read."""
    problems = []
    data: dict = {"organisatie": settings["organisatie"]}
    logos = [path for path in _entries(root) if path.suffix.lower() in LOGO_SUFFIXES]
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


KIT_FIELD_NAMES = {
    "kleuren.primair": "primaire kleur",
    "kleuren.accent": "accentkleur",
    "achterkant.kleur": "kleur van de achterkant",
    "achterkant.patroon": "patroon",
    "lettertype.tekst": "lettertype",
    "lettertype.map": "lettertype",
}


def _form_problem(problem: Problem, root: Path, names: dict[str, str]) -> Problem:
    """A problem with the kit deck wrote, as a problem of the form's field, naming uploads as sent."""
    message = problem.message
    for folder in (f"{root}/fonts/", f"{display_path(root)}/fonts/", f"{root}/", f"{display_path(root)}/"):
        message = message.replace(folder, "")
    for saved, shown in names.items():
        message = message.replace(saved, shown)
    field = KIT_FIELD_NAMES.get(problem.field, problem.field)
    return Problem(KIT_FORM, None, field, message)


def _kit_page(settings, problems: list[str]) -> dict:
    """What the Huisstijl page shows: the form as filled in, the contrast of its colours, the problems."""
    colours = {key: settings.get(key) or DEFAULT_COLOURS[key] for key in DEFAULT_COLOURS}
    return {
        "settings": settings,
        "problems": problems,
        "patterns": PATTERNS,
        "contrasts": {key: _contrast_note(value, key == "primair") for key, value in colours.items()},
    }


def _contrast_note(colour: str, white_only: bool = False) -> str:
    """What the page says of a colour as ground for text (also said live by huisstijl.js): of white
    text, or of white or near-black text, whichever reads better."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour or ""):
        return ""
    inks = [(contrast(colour, WHITE), "Wit")] + ([] if white_only else [(contrast(colour, INK), "Zwart")])
    best, ink = max(inks)
    verdict = "goed leesbaar" if best >= MIN_CONTRAST else "te weinig: minstens 4,5:1 nodig"
    return f"{ink} op deze kleur: {ratio(best).replace('.', ',')}, {verdict}"


def kit_files(kit: Kit) -> dict[str, bytes]:
    """brand.yaml and the files it names, for the zip to download."""
    root = kit.path.parent
    files = {path.relative_to(root).as_posix(): path.read_bytes() for path in _entries(root) if path.is_file()}
    fonts = root / "fonts"
    files |= {f"fonts/{path.name}": path.read_bytes() for path in _entries(fonts) if path.is_file()}
    return files


# --- session plan -----------------------------------------------------------------------------------

PLAN_FORM = "sessieplan (formulier)"
PLAN_ROWS = 10  # rows on the form; a session has seldom more parts


class Choice(NamedTuple):
    """A part to pick on the session form, with what its time is made of (for sessie.js)."""

    value: str  # oefening:h1, werkkaart:3 or onderdeel
    label: str
    fixed: int | None  # minutes an oefening's steps take; None: the user gives the minutes
    per: int  # minutes per person or situation (times 'aantal')


def _session_page(inputs: Inputs, form, problems: list[str], agenda) -> dict:
    sources, _ = _load(inputs)
    return {
        "form": form,
        "problems": problems,
        "choices": _choices(sources),
        "rows": range(PLAN_ROWS),
        "agenda": agenda.as_json() if agenda else None,
    }


def _choices(sources) -> list[Choice]:
    choices = [Choice("onderdeel", "Eigen onderdeel (welkom, pauze, afsluiting …)", None, 0)]
    for oefening in (o for doc in sources.of_kind("oefeningen") for o in doc.oefeningen):
        fixed, per = step_minutes(oefening)
        time = f"{fixed} min" + (f" + {per} min per persoon of situatie" if per else "")
        choices.append(
            Choice(f"oefening:{oefening.id}", f"Oefening {oefening.id}: {oefening.titel} ({time})", fixed, per)
        )
    for kaart in (k for doc in sources.of_kind("werkkaarten") for k in doc.werkkaarten):
        choices.append(Choice(f"werkkaart:{kaart.nummer}", f"Werkkaart {kaart.nummer}: {kaart.titel}", None, 0))
    return choices


def _plan_data(form) -> tuple[dict, list[int]]:
    """The plan as data, from the form's fields, and the form row of each of its parts."""
    data = {key: form.get(key, "").strip() for key in ("titel", "datum", "organisatie", "start", "beschikbaar")}
    data = {key: _number(value) if key == "beschikbaar" else value for key, value in data.items() if value}
    parts, rows = [], []
    for row in range(PLAN_ROWS):
        kind, _, value = form.get(f"keuze-{row}", "").partition(":")
        if kind not in ("oefening", "werkkaart", "onderdeel"):
            continue
        part = {kind: _number(value) if kind == "werkkaart" else value or form.get(f"tekst-{row}", "").strip()}
        for key in ("minuten", "aantal"):
            if form.get(f"{key}-{row}", "").strip():
                part[key] = _number(form.get(f"{key}-{row}").strip())
        parts.append(part)
        rows.append(row)
    data["onderdelen"] = parts
    return data, rows


def _number(text: str):
    return int(text) if text.isdigit() and len(text) < 6 else text


def _planned(data: dict, rows: list[int], sources, request_):
    """The agenda of the plan; its problems name the form's rows as the user sees them."""
    try:
        return plan_from_data(data, sources, request_.look, PLAN_FORM)
    except DeckError as error:
        raise DeckError([_row_named(problem, rows) for problem in error.problems]) from None


def _row_named(problem: Problem, rows: list[int]) -> Problem:
    found = re.match(r"onderdelen\[(\d+)\]\.?", problem.field)
    if not found:
        return problem._replace(path=PLAN_FORM)
    row = rows[int(found.group(1)) - 1] + 1
    rest = problem.field[found.end() :]
    return problem._replace(path=PLAN_FORM, field=f"onderdeel {row}" + (f", {rest}" if rest else ""))


# --- casus ------------------------------------------------------------------------------------------

FORM = "casus (formulier)"  # what a problem of the casus form names as its file
CASUS_ROWS = 8  # empty rows for events and people on the form; a casus holds up to 16 and 12


def _casus_page(inputs: Inputs, form, problems: list[str]) -> dict:
    """What the casus form shows: the werkbladen to fill, the fields as filled in, the problems."""
    return {"werkbladen": _served(inputs).werkbladen, "form": form, "problems": problems, "rows": range(CASUS_ROWS)}


def _casus_data(form) -> dict:
    """The casus as data, from the form's fields; empty fields and rows left out."""
    data = {
        key: form.get(key, "").strip()
        for key in ("titel", "datum", "inbrenger", "facilitator", "groep", "beschrijving")
    }
    data = {key: value for key, value in data.items() if value}
    events = []
    for row in range(CASUS_ROWS):
        datum, tekst = form.get(f"datum-{row}", "").strip(), form.get(f"tekst-{row}", "").strip()
        if datum or tekst:
            events.append({"datum": datum, "tekst": tekst, "plek": form.get(f"plek-{row}", "boven")})
    people = [form.get(f"betrokkene-{row}", "").strip() for row in range(CASUS_ROWS)]
    if events:
        data["gebeurtenissen"] = events
    if any(people):
        data["betrokkenen"] = [person for person in people if person]
    return data


OWN_SUFFIXES = (".yaml", ".yml", ".csv", ".xlsx")


def _own_deck(inputs: Inputs, upload, options: CardOptions) -> tuple[bytes, str]:
    """An uploaded deck as a PDF: the file is data, saved under a name deck makes in a private
    folder that is removed at once, read and checked as `deck build --sources` would read it.
    Problems name the file as the user called it."""
    suffix = Path(upload.filename).suffix.lower()
    if suffix not in OWN_SUFFIXES:
        raise ValueError(f"'{Path(upload.filename).name}' is geen .yaml, .csv of .xlsx")
    stem = re.sub(r"[^a-z0-9]+", "-", Path(upload.filename).stem.lower()).strip("-")[:60] or "eigen-deck"
    with scratch.folder("upload") as folder:
        path = Path(folder) / f"{stem}{suffix}"
        upload.save(str(path))
        try:
            own = Inputs(Path(folder), inputs.brand)
            sources, request_ = own.load(options)
            [deck_id] = [doc_id for doc_id in sources.documents] or ["?"]
            pdf = render_targets(sources, [deck_id], request_, jobs=1)[0][2].pdf
        except DeckError as error:
            shown = Path(upload.filename).name
            raise DeckError([_renamed(problem, folder, shown) for problem in error.problems]) from None
    name = f"{deck_id}-dia.pdf" if options.fmt == "slides" else f"{deck_id}.pdf"
    return pdf, name


def _renamed(problem, folder: str, shown: str):
    """A problem about the saved upload, naming the file as uploaded instead of where deck saved it."""
    path = problem.path
    if path.startswith(folder) or path.startswith(display_path(Path(folder))):
        path = shown
    return problem._replace(path=path, message=problem.message.replace(folder + "/", ""))


def _deck_page(inputs: Inputs, target: Target, form: dict, problems: list[str]) -> dict:
    """What a deck's page shows: its cards front and back as pictures to pick from, the print form,
    the problems."""
    return {
        "target": target,
        "sizes": SIZES,
        "papers": PAPER_NAMES,
        "form": form,
        "problems": problems,
        "cards": _card_pairs(inputs, target.id),
    }


class CardPair(NamedTuple):
    number: int
    front: str  # image names, as _card_images has them
    back: str


def _card_pairs(inputs: Inputs, deck_id: str) -> list[CardPair]:
    """Every numbered card of a deck with the names of its front and back pictures."""
    sources, request_ = _load(inputs)
    cards, labels, _ = selected_cards(sources.documents[deck_id], None, list(request_.look.palette))
    back_of = {
        index: f"achterkant-{n}.png" for n, indexes in enumerate(plain_backs(cards).values(), 1) for index in indexes
    }
    pairs = []
    for index, label in enumerate(labels):
        if label:
            front = f"{int(label.split('/')[0]):03d}"
            pairs.append(CardPair(int(front), f"{front}.png", back_of.get(index, f"{front}-achterkant.png")))
    return pairs


def _served(inputs: Inputs) -> Served:
    sources, _ = _load(inputs)
    targets = list_targets(sources)
    by_kind = {
        kind: [t for t in targets if t.soort == kind and t.bouwbaar] for kind in ("kaarten", "werkblad", "boekje")
    }
    return Served(by_kind["kaarten"], by_kind["werkblad"], by_kind["boekje"])


def _target(inputs: Inputs, target_id: str, kind: str | None) -> Target:
    """The target with this id (and kind), or a 404: ids are looked up, never used as paths."""
    sources, _ = _load(inputs)
    for target in list_targets(sources):
        if target.id == target_id and (kind is None or target.soort == kind) and target.bouwbaar:
            return target
    abort(404, "Dit deck of werkblad bestaat niet.")


def _deck_form(args) -> dict:
    """The deck page's form as sent: the ticked cards become a selection like '3,7,9'."""
    form = args.to_dict()
    picked = args.getlist("kaart")
    if picked and not form.get("cards"):
        form["cards"] = ",".join(picked)
    return form


def _zipped(files: dict[str, bytes]) -> bytes:
    """The files in one zip, stored as they are (PNG is compressed already)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _card_options(form: dict) -> CardOptions:
    """Print options from a form, checked as the command line checks them (ValueError: a Dutch message)."""
    mode = {"kantoor": "office", "drukker": "shop"}.get(form.get("mode", "kantoor"))
    flip = {"lang": "long", "kort": "short"}.get(form.get("flip", "lang"))
    paper = form.get("paper", "a4")
    if mode is None or flip is None or paper not in PAPER_NAMES:
        raise ValueError("kies een geldige afdrukwijze, omslagkant en papiersoort")
    size = parse_size(form["size"]) if form.get("size") else None
    offset = parse_offset(form.get("offset") or "0,0")
    gutter = parse_gutter(form["gutter"]) if form.get("gutter") else None
    if form.get("cards") and not re.fullmatch(r"[0-9,\- ]{1,200}", form["cards"]):
        raise ValueError("schrijf de kaarten als nummers, bijvoorbeeld 3,7-9")
    fmt = "slides" if form.get("format") == "dia" else "pdf"
    return CardOptions(size, mode, paper, flip, offset, fmt, gutter)


def _render(inputs: Inputs, target_id: str, options: CardOptions, cards: str | None) -> bytes:
    sources, request_ = _load(inputs, options, cards)
    outputs = render_targets(sources, [target_id], request_, jobs=1)
    return outputs[0][2].pdf


def _card_images(inputs: Inputs, deck_id: str) -> dict[str, bytes]:
    """Every card side with text of a deck as PNG, and each plain back once: made once per deck,
    and again when a source file or the brand kit changes while the server runs."""
    return _images_of(inputs, deck_id, _state(inputs))


def _load(inputs: Inputs, options: CardOptions = CardOptions(), cards: str | None = None):
    """inputs.load(options, cards), read again only when a source or brand kit file has changed:
    a page asks several times, and a brand kit takes some 35 ms to check."""
    return _loaded(inputs, options, cards, _state(inputs))


@lru_cache(maxsize=32)
def _loaded(inputs: Inputs, options: CardOptions, cards: str | None, state: tuple):
    return inputs.load(options, cards)


def _state(inputs: Inputs) -> tuple:
    """The version of every file the inputs may read: the sources folder and the brand kit's folder
    (with its subfolders one level down, where fonts are)."""
    folders = [inputs.sources or default_sources_dir()]
    if inputs.brand:
        folders += [inputs.brand.parent, *_subfolders(inputs.brand.parent)]
    return tuple(_version(path) for folder in folders for path in _entries(folder))


def _version(path: Path) -> tuple:
    try:
        stat = path.stat()
        return (str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        return (str(path), None, None)


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def _subfolders(folder: Path) -> list[Path]:
    return [path for path in _entries(folder) if path.is_dir() and not path.is_symlink()]


PLAIN_BACK = re.compile(r"achterkant-\d+\.png")  # a back without text, shared by cards (render.plain_backs)
SCREEN_PPI = 200  # a card 88 mm high is about 700 pixels: sharp on a shared screen, quick to make


@lru_cache(maxsize=8)
def _images_of(inputs: Inputs, deck_id: str, versions: tuple) -> dict[str, bytes]:
    options = CardOptions(fmt="png", ppi=SCREEN_PPI, backs=True)
    sources, request_ = _load(inputs, options)
    return render_targets(sources, [deck_id], request_._replace(options=options), jobs=1)[0][2].images


def _problems(error: Exception) -> list[str]:
    """The error lines of the command line; for a field of a form, just field and message."""
    if isinstance(error, DeckError):
        return [_said(problem) for problem in error.problems]
    return [str(error)]


def _said(problem: Problem) -> str:
    if problem.path not in (FORM, KIT_FORM, PLAN_FORM):
        return str(problem)
    return f"{problem.field}: {problem.message}" if problem.field else problem.message


def _download(data: bytes, name: str) -> Response:
    kind = {".pdf": "application/pdf", ".zip": "application/zip", ".yaml": "application/yaml"}[Path(name).suffix]
    return Response(data, mimetype=kind, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def serve(inputs: Inputs, host: str, port: int, open_browser: bool) -> None:
    """Run the application until Ctrl+C (waitress: a plain, well-kept WSGI server in pure Python)."""
    import webbrowser

    from waitress import serve as run

    names = (f"{host}:{port}", f"localhost:{port}") if host == "127.0.0.1" else (f"{host}:{port}",)
    if open_browser:
        webbrowser.open(f"http://{names[0]}/")
    run(create_app(inputs, names), host=host, port=port, threads=4, clear_untrusted_proxy_headers=True)

"""`deck serve`: the same library as the command line, as a local web application (Flask, served
by waitress). Every page is rendered on the server from templates in deck/web/templates; the one
script (the kaarttafel's) is a static file, so the Content-Security-Policy allows no inline code.

Safe by default: it listens on 127.0.0.1 only; a request whose Host is not the server's own name
is refused (a web page elsewhere cannot reach it under a foreign name: DNS rebinding), and so is a
form sent from another origin. Nothing a request says is used as a path: decks and werkbladen are
named by their id, which is looked up among the targets. What is made is sent back, never kept.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from flask import Flask, Response, abort, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from deck import scratch
from deck.build import Inputs, render_targets
from deck.casus import casus_from_data
from deck.errors import DeckError, display_path
from deck.geometry import PAPER_NAMES, parse_gutter, parse_offset, parse_size
from deck.render import CardOptions
from deck.targets import Target, list_targets

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

    @app.before_request
    def refuse_foreign_requests():
        if request.host not in allowed:
            abort(403, "Deze pagina is alleen te openen op het adres waarop deck serve draait.")
        origin = request.headers.get("Origin")
        if origin is not None and origin.split("://", 1)[-1] not in allowed:
            abort(403, "Een formulier van een andere website wordt niet aangenomen.")

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
        target = _target(inputs, deck_id, "kaarten")
        return render_template("deck.html", **_deck_page(inputs, target, {}, []))

    @app.get("/deck/<deck_id>.pdf")
    def deck_pdf(deck_id: str):
        target = _target(inputs, deck_id, "kaarten")
        form = request.args.to_dict()
        picked = request.args.getlist("kaart")
        if picked and not form.get("cards"):
            form["cards"] = ",".join(picked)
        try:
            options, cards = _card_options(form), form.get("cards") or None
            pdf = _render(inputs, deck_id, options, cards)
            name = f"{deck_id}-dia.pdf" if options.fmt == "slides" else f"{deck_id}.pdf"
        except (DeckError, ValueError) as error:
            return render_template("deck.html", **_deck_page(inputs, target, form, _problems(error))), 400
        return _download(pdf, name)

    @app.get("/doel/<target_id>.pdf")
    def target_pdf(target_id: str):
        target = _target(inputs, target_id, None)
        if target.soort == "kaarten":
            abort(404)
        paper = request.args.get("paper", "a4")
        if paper not in PAPER_NAMES:
            abort(400, f"onbekend papier '{paper}': kies a4 of letter")
        try:
            pdf = _render(inputs, target_id, CardOptions(paper=paper), None)
        except DeckError as error:
            return render_template("fout.html", code=400, message="; ".join(_problems(error))), 400
        return _download(pdf, f"{target_id}.pdf")

    @app.get("/casus")
    def casus_page():
        return render_template("casus.html", **_casus_page(inputs, {}, []))

    @app.post("/casus")
    def casus_pdf():
        form = request.form
        try:
            sheet = form.get("werkblad", "")
            _target(inputs, sheet, "werkblad")
            paper = form.get("paper", "a4")
            if paper not in PAPER_NAMES:
                raise ValueError("kies A4 of Letter")
            sources, request_ = inputs.load(CardOptions(paper=paper))
            casus_file, casus = casus_from_data(_casus_data(form), request_.look, FORM)
            request_ = request_._replace(casus=casus, casus_file=casus_file)
            pdf = render_targets(sources, [sheet], request_, jobs=1)[0][2].pdf
        except (DeckError, ValueError) as error:
            return render_template("casus.html", **_casus_page(inputs, form, _problems(error))), 400
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
            pdf, name = _own_deck(inputs, upload, _card_options(form))
        except (DeckError, ValueError) as error:
            return render_template("eigen.html", problems=_problems(error), form=form), 400
        return _download(pdf, name)

    @app.get("/tafel/<deck_id>")
    def kaarttafel(deck_id: str):
        target = _target(inputs, deck_id, "kaarten")
        names = sorted(_card_images(inputs, deck_id))
        return render_template("tafel.html", target=target, names=names)

    @app.get("/tafel/<deck_id>/<name>")
    def card_image(deck_id: str, name: str):
        _target(inputs, deck_id, "kaarten")
        images = _card_images(inputs, deck_id)
        if name not in images:
            abort(404)
        return Response(images[name], mimetype="image/png", headers={"Cache-Control": "max-age=3600"})

    return app


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
    """What a deck's page shows: its cards as pictures to pick from, the print form, the problems."""
    names = sorted(_card_images(inputs, target.id))
    cards = [(name, int(name.split(".")[0].split("-")[0])) for name in names if name[0].isdigit() and "-" not in name]
    return {"target": target, "sizes": SIZES, "papers": PAPER_NAMES, "form": form, "problems": problems, "cards": cards}


def _served(inputs: Inputs) -> Served:
    sources, _ = inputs.load()
    targets = list_targets(sources)
    by_kind = {
        kind: [t for t in targets if t.soort == kind and t.bouwbaar] for kind in ("kaarten", "werkblad", "boekje")
    }
    return Served(by_kind["kaarten"], by_kind["werkblad"], by_kind["boekje"])


def _target(inputs: Inputs, target_id: str, kind: str | None) -> Target:
    """The target with this id (and kind), or a 404: ids are looked up, never used as paths."""
    sources, _ = inputs.load()
    for target in list_targets(sources):
        if target.id == target_id and (kind is None or target.soort == kind) and target.bouwbaar:
            return target
    abort(404, "Dit deck of werkblad bestaat niet.")


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
    sources, request_ = inputs.load(options, cards)
    outputs = render_targets(sources, [target_id], request_, jobs=1)
    return outputs[0][2].pdf


def _card_images(inputs: Inputs, deck_id: str) -> dict[str, bytes]:
    """Every card side with text of a deck as PNG, made once per deck and made again when a
    source file or the brand kit changes while the server runs."""
    sources, _ = inputs.load()
    files = [sources.files[doc_id] for doc_id in sorted(sources.files)]
    if inputs.brand:
        files.append(inputs.brand)
    return _images_of(inputs, deck_id, tuple(_version(path) for path in files))


def _version(path: Path) -> tuple:
    try:
        stat = path.stat()
        return (str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        return (str(path), None, None)


SCREEN_PPI = 200  # a card 88 mm high is about 700 pixels: sharp on a shared screen, quick to make


@lru_cache(maxsize=8)
def _images_of(inputs: Inputs, deck_id: str, versions: tuple) -> dict[str, bytes]:
    options = CardOptions(fmt="png", ppi=SCREEN_PPI)
    sources, request_ = inputs.load(options)
    return render_targets(sources, [deck_id], request_._replace(options=options), jobs=1)[0][2].images


def _problems(error: Exception) -> list[str]:
    """The error lines of the command line; for a field of the casus form, just field and message."""
    if isinstance(error, DeckError):
        return [
            f"{problem.field}: {problem.message}" if problem.path == FORM and problem.field else str(problem)
            for problem in error.problems
        ]
    return [str(error)]


def _download(pdf: bytes, name: str) -> Response:
    return Response(pdf, mimetype="application/pdf", headers={"Content-Disposition": f'attachment; filename="{name}"'})


def serve(inputs: Inputs, host: str, port: int, open_browser: bool) -> None:
    """Run the application until Ctrl+C (waitress: a plain, well-kept WSGI server in pure Python)."""
    import webbrowser

    from waitress import serve as run

    names = (f"{host}:{port}", f"localhost:{port}") if host == "127.0.0.1" else (f"{host}:{port}",)
    if open_browser:
        webbrowser.open(f"http://{names[0]}/")
    run(create_app(inputs, names), host=host, port=port, threads=4, clear_untrusted_proxy_headers=True)

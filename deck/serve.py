"""`deck serve`: the same library as the command line, as a local web application (Flask, served
by waitress). Every page is rendered on the server from templates in deck/web/templates; the
four small scripts are static files, so the Content-Security-Policy allows no inline code. The
routes are thin: what the pages show is made in deck/web/pictures.py, forms are read in
deck/web/forms.py, and what a browser brings (a house style, an own deck) is kept in
deck/web/uploads.py.

Safe by default: it listens on 127.0.0.1 only; a request whose Host is not the server's own name
is refused (a web page elsewhere cannot reach it under a foreign name: DNS rebinding), and so is a
form sent from another origin. Another address (`--host`) is opened only with a key that deck
prints as part of the address. Nothing a request says is used as a path: decks and werkbladen
are named by their id, which is looked up among the targets. A casus is used for its one request
and never kept; a PDF or picture made is sent back, never kept.
"""

from __future__ import annotations

import errno
import hmac
import io
import secrets
import socket
import sys
import threading
import zipfile
from pathlib import Path

from flask import Flask, Response, abort, g, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException, InternalServerError

from deck.build import Inputs, render_targets
from deck.casus import casus_from_data
from deck.errors import DeckError, Problem, os_reason
from deck.geometry import PAPER_NAMES
from deck.render import CardOptions, render_alignment_sheet
from deck.starters import DECK_SUFFIXES, starter_deck
from deck.targets import BOOKLET, Target
from deck.web import forms, pictures, uploads
from deck.werkbladen import SESSIEPLAN

WEB = Path(__file__).resolve().parent / "web"
MAX_REQUEST_BYTES = 2 * 1024 * 1024
SIZES = ["", "poker", "bridge", "tarot", "a6", "a7", "square"]
LOCAL = ("127.0.0.1:8000", "localhost:8000")
KIT_COOKIE, OWN_COOKIE, KEY_COOKIE = "huisstijl", "eigen-deck", "sleutel"
COOKIE = {"httponly": True, "samesite": "Strict"}


def create_app(inputs: Inputs | None = None, hosts: tuple[str, ...] | None = LOCAL, key: str | None = None) -> Flask:
    """The application for these inputs (default: the bundled sources), answering only under these
    host names (None: any, which needs a key), and with a key only to a browser that has it."""
    inputs = inputs or Inputs()
    app = Flask(__name__, template_folder=str(WEB / "templates"), static_folder=str(WEB / "static"))
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    kits, own_decks = uploads.PerBrowser(), uploads.PerBrowser()

    @app.before_request
    def refuse_foreign_requests():
        if hosts is not None and request.host not in hosts:
            abort(403, "Deze pagina is alleen te openen op het adres waarop deck serve draait.")
        origin = request.headers.get("Origin")
        if origin is not None and origin.split("://", 1)[-1] != request.host:
            abort(403, "Een formulier van een andere website wordt niet aangenomen.")
        given = request.args.get("sleutel") or request.cookies.get(KEY_COOKIE, "")
        if key and not hmac.compare_digest(given.encode(), key.encode()):
            abort(403, "Open deck serve met het adres met de sleutel dat deck serve in het terminalvenster liet zien.")
        g.kit = kits.get(request.cookies.get(KIT_COOKIE, ""))
        g.own = own_decks.get(request.cookies.get(OWN_COOKIE, ""))
        g.inputs = inputs._replace(brand=g.kit.path) if g.kit else inputs

    @app.context_processor
    def kept_for_this_browser():
        return {"kit": g.get("kit"), "own": g.get("own")}

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; "
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"  # with no-referrer a browser sends Origin: null on a form
        if key and request.args.get("sleutel") == key:
            response.set_cookie(KEY_COOKIE, key, **COOKIE)
        return response

    @app.errorhandler(DeckError)
    def input_problems(error: DeckError):
        """The sources or the brand kit went wrong while the server runs (a file being edited): the
        problems, in the command line's words, on the page."""
        message = "De bronnen of de huisstijl hebben een probleem. Herstel het en laad de pagina opnieuw:"
        return render_template("fout.html", code=400, message=message, problems=forms.problems(error)), 400

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
            413: "Wat u stuurde is te groot (hoogstens 2 MB).",
            500: "Er ging iets mis in deck. Probeer het opnieuw; blijft het misgaan, meld het dan.",
        }
        message = getattr(error, "description", None) if code in (400, 403) else messages.get(code)
        return render_template("fout.html", code=code, message=message or messages[500]), code

    # --- overview, decks and the kaarttafel -------------------------------------------------------

    @app.get("/")
    def overzicht():
        return render_template("overzicht.html", served=pictures.served(g.inputs))

    @app.get("/voorbeeld/<target_id>.png")
    def thumbnail_image(target_id: str):
        target, deck_inputs = _target(target_id, None)
        if not pictures.has_thumbnail(target):
            abort(404)
        return _picture(pictures.thumbnail_of(deck_inputs, target_id))

    @app.get("/deck/<deck_id>")
    def deck_page(deck_id: str):
        target, deck_inputs = _target(deck_id, "kaarten")
        return render_template("deck.html", **_deck_page(deck_inputs, target, {}, []))

    @app.get("/deck/<deck_id>.pdf")
    def deck_pdf(deck_id: str):
        target, deck_inputs = _target(deck_id, "kaarten")
        form = forms.deck_form(request.args)
        try:
            options = forms.card_options(form)
            pdf = pictures.render_one(deck_inputs, deck_id, options, form.get("cards") or None).pdf
        except (DeckError, ValueError) as error:
            return render_template("deck.html", **_deck_page(deck_inputs, target, form, forms.problems(error))), 400
        return _download(pdf, f"{deck_id}-dia.pdf" if options.fmt == "slides" else f"{deck_id}.pdf")

    @app.get("/deck/<deck_id>.zip")
    def deck_images(deck_id: str):
        target, deck_inputs = _target(deck_id, "kaarten")
        form = forms.deck_form(request.args)
        try:
            options = forms.card_options(form)._replace(fmt="png", mode="shop")
            images = pictures.render_one(deck_inputs, deck_id, options, form.get("cards") or None).images
        except (DeckError, ValueError) as error:
            return render_template("deck.html", **_deck_page(deck_inputs, target, form, forms.problems(error))), 400
        return _download(_zipped(images), f"{deck_id}-afbeeldingen.zip")

    @app.get("/deck/<deck_id>/kaarten/<name>")
    def card_picture(deck_id: str, name: str):
        _, deck_inputs = _target(deck_id, "kaarten")
        pictures_ = pictures.deck_pictures(deck_inputs, deck_id)
        if name not in pictures_:
            abort(404)
        return _picture(pictures_[name])

    @app.get("/tafel/<deck_id>")
    def kaarttafel(deck_id: str):
        target, deck_inputs = _target(deck_id, "kaarten")
        names = [
            name for name in pictures.deck_pictures(deck_inputs, deck_id) if not pictures.PLAIN_BACK.fullmatch(name)
        ]
        return render_template("tafel.html", target=target, names=sorted(names))

    @app.get("/tafel/<deck_id>/<name>")
    def card_image(deck_id: str, name: str):
        _, deck_inputs = _target(deck_id, "kaarten")
        picture = pictures.table_picture(deck_inputs, deck_id, name)
        if picture is None:
            abort(404)
        return _picture(picture)

    @app.get("/uitlijntest.pdf")
    def alignment_sheet():
        paper = request.args.get("paper", "a4")
        flip = {"lang": "long", "kort": "short"}.get(request.args.get("flip", "lang"))
        if paper not in PAPER_NAMES or flip is None:
            abort(400, "kies een geldige papiersoort en omslagkant")
        return _download(render_alignment_sheet(paper, flip), "uitlijntest.pdf")

    # --- an own deck ------------------------------------------------------------------------------

    @app.get("/eigen-deck")
    def own_deck_page():
        return render_template("eigen.html", problems=[])

    @app.post("/eigen-deck")
    def own_deck_upload():
        try:
            own = uploads.read_own_deck(request.files.get("bestand"), g.inputs.brand)
        except (DeckError, ValueError) as error:
            return render_template("eigen.html", problems=forms.problems(error)), 400
        return _kept(own_decks, OWN_COOKIE, own, url_for("deck_page", deck_id=own.deck_id))

    @app.get("/eigen-deck/vragen.<suffix>")
    def own_deck_starter(suffix: str):
        if f".{suffix}" not in DECK_SUFFIXES:
            abort(404)
        return _download(starter_deck(f".{suffix}", "vragen"), f"vragen.{suffix}")

    @app.post("/eigen-deck/weg")
    def own_deck_remove():
        return _forgotten(own_decks, OWN_COOKIE, url_for("own_deck_page"))

    # --- werkbladen, the casus and the session plan -----------------------------------------------

    @app.get("/doel/<target_id>.pdf")
    def target_pdf(target_id: str):
        target, _ = _target(target_id, None)
        if target.soort == "kaarten":
            abort(404)
        paper = request.args.get("paper", "a4")
        if paper not in PAPER_NAMES:
            abort(400, f"onbekend papier '{paper}': kies a4 of letter")
        try:
            pdf = pictures.render_one(g.inputs, target_id, CardOptions(paper=paper)).pdf
        except DeckError as error:
            message = "Dit werkblad kon deck niet maken:"
            return render_template("fout.html", code=400, message=message, problems=forms.problems(error)), 400
        return _download(pdf, f"{target_id}.pdf")

    @app.get("/casus")
    def casus_page():
        return render_template("casus.html", **_casus_page({}, []))

    @app.post("/casus")
    def casus_pdf():
        form = request.form
        try:
            sheet = form.get("werkblad", "")
            _target(sheet, "werkblad")
            sources, request_ = pictures.load(g.inputs, CardOptions(paper=forms.paper_of(form)))
            casus_file, casus = casus_from_data(forms.casus_data(form), request_.look, forms.CASUS_FORM)
            request_ = request_._replace(casus=casus, casus_file=casus_file)
            pdf = render_targets(sources, [sheet], request_, jobs=1)[0][2].pdf
        except (DeckError, ValueError) as error:
            return render_template("casus.html", **_casus_page(form, forms.problems(error))), 400
        return _download(pdf, f"{sheet}.pdf")

    @app.get("/sessie")
    def session_page():
        return render_template("sessie.html", **_session_page({}, [], None))

    @app.post("/sessie")
    def session_make():
        form = request.form
        goal = form.get("doel", "bijwerken")
        if goal not in ("bijwerken", SESSIEPLAN, BOOKLET):
            abort(400, "onbekende keuze")
        try:
            sources, request_ = pictures.load(g.inputs, CardOptions(paper=forms.paper_of(form)))
            agenda = forms.agenda_of(form, sources, request_.look)
            if goal == "bijwerken":
                return render_template("sessie.html", **_session_page(form, [], agenda))
            pdf = render_targets(sources, [goal], request_._replace(agenda=agenda), jobs=1)[0][2].pdf
        except (DeckError, ValueError) as error:
            return render_template("sessie.html", **_session_page(form, forms.problems(error), None)), 400
        return _download(pdf, f"{goal}.pdf")

    # --- the house style --------------------------------------------------------------------------

    @app.get("/huisstijl")
    def house_style_page():
        return render_template("huisstijl.html", **uploads.kit_page(g.kit.settings if g.kit else {}, []))

    @app.post("/huisstijl")
    def house_style_make():
        form = request.form
        try:
            kit = uploads.make_kit(form, request.files.get("logo"), request.files.get("lettertype"), g.kit)
        except (DeckError, ValueError) as error:
            return render_template("huisstijl.html", **uploads.kit_page(form, forms.problems(error))), 400
        return _kept(kits, KIT_COOKIE, kit, url_for("house_style_page") + "#voorbeeld")

    @app.post("/huisstijl/uit")
    def house_style_off():
        return _forgotten(kits, KIT_COOKIE, url_for("house_style_page"))

    @app.get("/huisstijl.zip")
    def house_style_zip():
        if g.kit is None:
            abort(404, "Er is nog geen huisstijl gemaakt.")
        return _download(_zipped(uploads.kit_files(g.kit)), "huisstijl.zip")

    return app


def _target(target_id: str, kind: str | None) -> tuple[Target, Inputs]:
    """The target with this id (and kind), and the inputs it comes from: the browser's own deck
    or the sources; a 404 when there is none."""
    if g.own and g.own.deck_id == target_id and kind in (None, "kaarten"):
        own_inputs = g.own.inputs(g.inputs.brand)
        target = pictures.find_target(own_inputs, target_id, kind)
        if target:
            return target, own_inputs
    target = pictures.find_target(g.inputs, target_id, kind)
    if target is None:
        abort(404, "Dit deck of werkblad bestaat niet.")
    return target, g.inputs


def _deck_page(inputs: Inputs, target: Target, form: dict, problems: list[str]) -> dict:
    """What a deck's page shows: its cards front and back as pictures to pick from, the print form,
    the problems."""
    return {
        "target": target,
        "sizes": SIZES,
        "papers": PAPER_NAMES,
        "form": form,
        "problems": problems,
        "cards": pictures.card_pairs(inputs, target.id),
        "is_own": g.own is not None and g.own.deck_id == target.id,
    }


def _casus_page(form, problems: list[str]) -> dict:
    """What the casus form shows: the werkbladen to fill, the fields as filled in, the problems."""
    werkbladen = [t for t in pictures.served(g.inputs).werkbladen if t.id != SESSIEPLAN]
    return {
        "werkbladen": werkbladen,
        "form": form,
        "problems": problems,
        "event_rows": range(forms.EVENT_ROWS),
        "people_rows": range(forms.PEOPLE_ROWS),
    }


def _session_page(form, problems: list[str], agenda) -> dict:
    sources, _ = pictures.load(g.inputs)
    return {
        "form": form,
        "problems": problems,
        "choices": forms.choices(sources),
        "rows": range(forms.PLAN_ROWS),
        "agenda": agenda.as_json() if agenda else None,
    }


def _kept(store: uploads.PerBrowser, cookie: str, thing, location: str) -> Response:
    """Keep a thing for this browser, in place of the one it had, and go on to location."""
    store.drop(request.cookies.get(cookie, ""))
    response = redirect(location, 303)
    response.set_cookie(cookie, store.add(thing), **COOKIE)
    return response


def _forgotten(store: uploads.PerBrowser, cookie: str, location: str) -> Response:
    """Forget this browser's thing (its folder goes with it) and go on to location."""
    store.drop(request.cookies.get(cookie, ""))
    response = redirect(location, 303)
    response.delete_cookie(cookie, **COOKIE)
    return response


def _zipped(files: dict[str, bytes]) -> bytes:
    """The files in one zip, stored as they are (PNG is compressed already)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _picture(png: bytes) -> Response:
    """A picture that the browser asks for again each time and is answered '304 not modified' while
    it is: a new house style or an edited source shows at once under the same address."""
    response = Response(png, mimetype="image/png", headers={"Cache-Control": "private, no-cache"})
    response.add_etag()
    return response.make_conditional(request)


def _download(data: bytes, name: str) -> Response:
    kind = {
        ".pdf": "application/pdf",
        ".zip": "application/zip",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".csv": "text/csv; charset=utf-8",
        ".yaml": "application/yaml",
    }[Path(name).suffix]
    return Response(data, mimetype=kind, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def address(host: str, port: int) -> tuple[tuple[str, ...] | None, str | None]:
    """The host names to answer under and the key a browser needs: on loopback the server's own
    names and no key; elsewhere a key, and any name when listening on every address."""
    if host in ("127.0.0.1", "localhost"):
        return (f"127.0.0.1:{port}", f"localhost:{port}"), None
    return (None if host in ("0.0.0.0", "::") else (f"{host}:{port}",)), secrets.token_urlsafe(18)


def serve(inputs: Inputs, host: str, port: int, open_browser: bool, hosts, key: str | None) -> None:
    """Run the application until Ctrl+C (waitress: a plain, well-kept WSGI server in pure Python).
    The overview's pictures are made in the background meanwhile."""
    import webbrowser

    from waitress import create_server

    try:
        server = create_server(create_app(inputs, hosts, key), host=host, port=port, threads=4)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            problem = Problem("--port", None, "", f"poort {port} is al in gebruik: kies een andere met --port")
        else:
            problem = Problem("--host", None, "", f"kan niet luisteren op {host}:{port} ({os_reason(error)})")
        raise DeckError([problem]) from None
    threading.Thread(target=pictures.make_thumbnails, args=(inputs,), daemon=True).start()
    if open_browser:
        webbrowser.open(url(host, port, key))
    server.run()


def url(host: str, port: int, key: str | None) -> str:
    """The address to open: on every address, this machine's name as others on the network reach it."""
    shown = socket.gethostname() if host in ("0.0.0.0", "::") else host
    return f"http://{shown}:{port}/" + (f"?sleutel={key}" if key else "")

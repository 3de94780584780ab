"""The `deck` command: Click commands over the library, a few lines each.

Bad input raises DeckError, a Click exception: every problem becomes an `Error:` line on stderr
and deck ends with exit code 1. A mistake in the command line itself is Click's usage error.
"""

from __future__ import annotations

import ipaddress
import json
import sys
import time
from pathlib import Path

import click

from deck import __version__, cli_nl
from deck.build import Inputs, build_targets, check, not_made, write_alignment_sheet
from deck.errors import printable
from deck.geometry import parse_gutter, parse_offset, parse_size
from deck.render import CardOptions
from deck.sources import describe_folder, load_sources, sources_folder
from deck.targets import list_targets, plannable

cli_nl.install()  # before the commands below are made: their help texts are translated then

CONTEXT = {"help_option_names": ["--help", "-h"], "max_content_width": 100}


def run() -> None:
    """The `deck` command itself, from deck/start.py, which answers a stop (here and during the
    imports): Click would end it with exit code 1, any program ends with 130."""
    try:
        code = main.main(prog_name="deck", standalone_mode=False)
    except click.Abort:  # Click's word for Ctrl+C, said by deck/start.py
        stop = KeyboardInterrupt()
        stop.line_ended = True  # Click has ended the line the terminal's ^C was on
        raise stop from None
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    sys.exit(code if isinstance(code, int) else 0)


def _converted(parse):
    """A Click callback that turns an option's text into a value with parse (ValueError: bad)."""

    def callback(ctx, param, value):
        try:
            return None if value is None else parse(value)
        except ValueError as error:
            raise click.BadParameter(str(error)) from None

    return callback


def _port(value: str) -> int:
    """'8000' -> 8000; ValueError with a Dutch message outside 1024–65535."""
    if not value.strip().isdigit() or not 1024 <= int(value) <= 65535:
        raise ValueError(f"'{value}' is geen poort; kies een getal van 1024 tot en met 65535")
    return int(value)


def _host(value: str) -> str:
    """An IP address to listen on (or localhost); ValueError with a Dutch message otherwise."""
    if value == "localhost":
        return "127.0.0.1"
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        raise ValueError(
            f"'{value}' is geen IP-adres; bijvoorbeeld 127.0.0.1 (alleen deze computer) of 0.0.0.0"
        ) from None


def _options(*decorators):
    """Several Click options as one decorator, in the order given."""

    def apply(command):
        for decorator in reversed(decorators):
            command = decorator(command)
        return command

    return apply


sources_option = click.option(
    "--sources",
    "sources_dir",
    type=click.Path(path_type=Path),
    metavar="MAP",
    default=None,
    callback=lambda ctx, param, value: sources_folder(value),
    help="Map met bronbestanden (.yaml, .csv, .xlsx). Standaard de map bronnen/ in de huidige map als die er "
    "is (zie deck init), anders de meegeleverde bronnen.",
)
brand_option = click.option(
    "--brand",
    "brand_file",
    type=click.Path(path_type=Path),
    metavar="BESTAND",
    default=None,
    help="Huisstijl van de organisatie (brand.yaml): naam, logo, kleuren, lettertype, voettekst, achterkant.",
)
out_option = click.option(
    "--out",
    type=click.Path(path_type=Path),
    metavar="MAP",
    default=Path("build"),
    show_default=True,
    help="Map waarin de bestanden komen.",
)
paper_option = click.option(
    "--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True, help="Papier van de printer."
)
flip_option = click.option(
    "--flip",
    type=cli_nl.DutchChoice({"lang": "long", "kort": "short"}),
    default="lang",
    show_default=True,
    help="Langs welke kant de printer het vel omslaat bij dubbelzijdig afdrukken: de lange of de korte.",
)

input_options = _options(
    sources_option,
    brand_option,
    click.option(
        "--casus",
        "casus_file",
        type=click.Path(path_type=Path),
        metavar="BESTAND",
        default=None,
        help="Casusbestand (.yaml) om in de werkbladen in te vullen; maak er een met 'deck casus nieuw'.",
    ),
    click.option(
        "--plan",
        "plan_file",
        type=click.Path(path_type=Path),
        metavar="BESTAND",
        default=None,
        help="Sessieplan (.yaml): de agenda in het facilitatorboekje en als werkblad 'sessieplan'.",
    ),
)

print_options = _options(
    paper_option,
    click.option(
        "--size",
        default=None,
        metavar="MAAT",
        callback=_converted(parse_size),
        help="Kaartmaat: poker, bridge, tarot, a6, a7, square of BxH in mm (bijv. 70x100). "
        "Standaard poker; a6 voor lange kaarten (werkkaarten, oefeningen), of de maat die een deck zelf noemt.",
    ),
    click.option(
        "--mode",
        type=cli_nl.DutchChoice({"kantoor": "office", "drukker": "shop"}),
        default="kantoor",
        show_default=True,
        help="kantoor: kaarten per vel met snijtekens, voor de eigen printer; drukker: één kaart per pagina met "
        "3 mm afloop.",
    ),
    flip_option,
    click.option(
        "--back-offset",
        default="0,0",
        metavar="X,Y",
        show_default=True,
        callback=_converted(parse_offset),
        help="Verschuiving van de achterkanten in mm als X,Y, om een printer te corrigeren (zie deck uitlijntest).",
    ),
    click.option(
        "--gutter",
        default=None,
        metavar="MM",
        callback=_converted(parse_gutter),
        help="Ruimte tussen de kaarten op kantoorvellen, in mm; de kleur van elke kaart loopt tot halverwege door, "
        "zodat een iets scheve snede geen rand van de buurkaart laat zien. Standaard zo breed als kan zonder "
        "kaarten per vel te verliezen (hoogstens 3 mm).",
    ),
)


@click.group(cls=cli_nl.DutchGroup, context_settings=CONTEXT, invoke_without_command=True)
@click.version_option(__version__, "--version", message="deck %(version)s")
@click.pass_context
def main(ctx: click.Context):
    """Drukklare kaarten, werkbladen en boekjes voor leerbijeenkomsten, intervisie en
    casusbesprekingen, uit bronbestanden: de meegeleverde, of een eigen map (zie deck init)."""
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


@main.command("list")
@click.argument(
    "what", required=False, type=click.Choice(["oefeningen", "werkkaarten"]), metavar="[oefeningen|werkkaarten]"
)
@click.option("--json", "as_json", is_flag=True, help="Geef de lijst als JSON.")
@sources_option
def list_command(what: str | None, as_json: bool, sources_dir: Path):
    """Toon wat deck kan maken: id, soort, titel en aantal. Met 'oefeningen' of 'werkkaarten': wat
    een sessieplan kan noemen, met id (of nummer), minuten en titel."""
    sources = load_sources(sources_dir)
    if what:
        rows = plannable(sources, what)
        if as_json:
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        width = max((len(row["minuten"]) for row in rows), default=0)
        for row in rows:
            click.echo(f"{row['id']:<4}  {row['minuten']:<{width}}  {row['titel']}")
        return
    targets = list_targets(sources)
    if as_json:
        click.echo(json.dumps([t.as_json() for t in targets], ensure_ascii=False, indent=2))
        return
    width = max(len(t.id) for t in targets)
    for target in targets:
        later = "" if target.bouwbaar else f"  (niet te maken: {target.missing})"
        _say(f"{target.id:<{width}}  {target.soort:<8}  {target.aantal:>3} {target.eenheid:<11}  {target.titel}{later}")
        _say(f"{'':<{width}}  {target.inhoud}")


@main.command("check")
@click.argument("ids", nargs=-1, metavar="[DOELEN]...")
@input_options
@print_options
def check_command(ids, sources_dir, brand_file, casus_file, plan_file, paper, size, mode, flip, back_offset, gutter):
    """Doe alles wat deck build doet, maar schrijf niets: meldt elk probleem met bestand, regel en
    veld (of deck en kaart)."""
    options = CardOptions(size, mode, paper, flip, back_offset, gutter=gutter)
    sources, request = Inputs(sources_dir, brand_file, casus_file, plan_file).load(options)
    _warn(request, sources, ids)
    check(sources, list(ids), request, Progress(quiet=False))
    files, targets = len(sources.documents), len(list_targets(sources))
    click.echo(f"In orde: {_count(files, 'bronbestand', 'bronbestanden')}, {_count(targets, 'doel', 'doelen')}.")


@main.command("build")
@click.argument("ids", nargs=-1, metavar="[DOELEN]...")
@out_option
@input_options
@print_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "png", "svg", "slides"]),
    default="pdf",
    show_default=True,
    help="pdf; of één afbeelding per kaart (png op 300 ppi, svg) in build/<id>/; of slides: één kaart per "
    "16:9-dia, om op het scherm te delen (build/<id>-dia.pdf).",
)
@click.option("--cards", default=None, metavar="KAARTEN", help="Alleen deze kaarten, bijvoorbeeld 3,7-9.")
@click.option(
    "--pdf-standard",
    type=click.Choice(["ua-1", "a-2b"]),
    default=None,
    help="Werkbladen als toegankelijke PDF/UA-1 of archief-PDF/A-2b.",
)
@click.option("--quiet", "-q", is_flag=True, help="Geen voortgangsbalk en geen lijst van gemaakte bestanden.")
def build_command(
    ids,
    out,
    sources_dir,
    brand_file,
    casus_file,
    plan_file,
    paper,
    size,
    mode,
    flip,
    back_offset,
    gutter,
    fmt,
    cards,
    pdf_standard,
    quiet,
):
    """Maak PDF's in de uitvoermap: alle doelen, of alleen de genoemde (zie deck list)."""
    options = CardOptions(size, mode, paper, flip, back_offset, fmt, gutter)
    inputs = Inputs(sources_dir, brand_file, casus_file, plan_file)
    sources, request = inputs.load(options, cards, pdf_standard, ids=list(ids))
    _warn(request, sources, ids)
    built = build_targets(sources, list(ids), out, request, Progress(quiet))
    if quiet:
        return
    _say(describe_folder(sources_dir))
    for item in built:
        if item.path.suffix != ".pdf":
            unit = ("afbeelding", "afbeeldingen")
        elif fmt == "slides":
            unit = ("dia", "dia's")
        elif item.target.soort == "kaarten" and mode == "office":
            sheets = -(-item.pages // 2)  # fronts and backs: two pages a sheet, printed duplex
            _say(f"{item.path}  ({sheets} {'vel' if sheets == 1 else 'vellen'}, {item.pages} pagina's)")
            continue
        else:
            unit = ("pagina", "pagina's")
        _say(f"{item.path}  ({item.pages} {unit[item.pages != 1]})")


@main.command("watch")
@click.argument("ids", nargs=-1, metavar="[DOELEN]...")
@out_option
@input_options
@print_options
def watch_command(
    ids, out, sources_dir, brand_file, casus_file, plan_file, paper, size, mode, flip, back_offset, gutter
):
    """Bouw opnieuw bij elke wijziging in de bronnen, de opmaak, de huisstijl, de casus of het plan.
    Stop met Ctrl+C."""
    from deck.watch import watch

    _say(describe_folder(sources_dir))
    click.echo("Kijkt naar wijzigingen; stop met Ctrl+C.")
    options = CardOptions(size, mode, paper, flip, back_offset, gutter=gutter)
    try:
        watch(
            list(ids),
            out,
            Inputs(sources_dir, brand_file, casus_file, plan_file),
            options,
            _say,
            lambda line: _say(line, err=True),
        )
    except KeyboardInterrupt:
        click.echo("Gestopt.")


@main.command("serve")
@sources_option
@brand_option
@click.option(
    "--port",
    default="8000",
    metavar="POORT",
    callback=_converted(_port),
    help="Poort van de webpagina, van 1024 tot en met 65535.  [standaard: 8000]",
)
@click.option(
    "--host",
    default="127.0.0.1",
    metavar="ADRES",
    callback=_converted(_host),
    help="IP-adres om op te luisteren. Standaard 127.0.0.1: alleen deze computer. Met een ander adres (0.0.0.0: "
    "het hele netwerk) opent de pagina alleen met de sleutel die deck serve dan in het adres zet.",
)
@click.option("--no-browser", is_flag=True, help="Open de pagina niet zelf in de browser.")
def serve_command(sources_dir, brand_file, port, host, no_browser):
    """Open deck als webpagina (http://127.0.0.1:8000/): decks bekijken en afdrukken, een eigen deck,
    een huisstijl, een casus en een sessieplan invullen, werkbladen en het boekje downloaden, kaarten
    delen op de kaarttafel. Standaard kan alleen deze computer de pagina openen. Stop met Ctrl+C."""
    from deck.serve import address, serve, url

    hosts, key = address(host, port)
    _say(describe_folder(sources_dir))
    inputs = Inputs(sources_dir, brand_file)
    inputs.load()  # what is wrong with the sources or the brand kit is said here, before the page opens
    click.echo(f"deck draait op {url(host, port, key)} ; stop met Ctrl+C.")
    if key:
        click.echo(
            "Wie op het netwerk dit adres met de sleutel heeft, kan de pagina openen: deel het alleen met wie dat mag."
        )
    serve(inputs, host, port, not no_browser, hosts, key)


@main.command("uitlijntest")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    metavar="MAP",
    default=Path("build"),
    show_default=True,
    help="Map waarin uitlijntest.pdf komt.",
)
@paper_option
@flip_option
def alignment_command(out, paper, flip):
    """Maak een testblad dat laat zien hoeveel uw printer de achterkant verschuift (voor --back-offset)."""
    path = write_alignment_sheet(out, paper, flip)
    _say(f"{path}  (2 pagina's: druk dubbelzijdig af en lees de linialen af)")


@main.command("init")
@click.argument("folder", type=click.Path(path_type=Path), metavar="MAP")
def init_command(folder):
    """Maak een eigen map met een kopie van de bronnen om te bewerken (bronnen/) en de voorbeelden
    (voorbeelden/). Bouw daarna in die map: wat in bronnen/ staat, komt in de PDF's."""
    from deck.starters import new_folder

    sources, examples = new_folder(folder)
    _say(f"{sources}  (de bronnen: bewerk ze, of zet er een eigen deck bij)")
    _say(f"{examples}  (een eigen deck in YAML, CSV en Excel, een huisstijl en een sessieplan)")
    _say(f"Ga naar de map en bouw: cd {folder} && deck build")


@main.group("kaarten", context_settings=CONTEXT)
def cards_group():
    """Eigen kaartendecks."""


@cards_group.command("nieuw")
@click.argument("file", type=click.Path(path_type=Path), metavar="BESTAND")
def cards_new_command(file):
    """Schrijf een kaartendeck om in te vullen: BESTAND.xlsx (Excel), .csv of .yaml (overschrijft nooit een
    bestand)."""
    from deck.starters import new_deck

    deck_id = new_deck(file)
    read = file.parent.resolve() == sources_folder(None).resolve()
    build = f"deck build {deck_id}" + ("" if read else f" --sources {file.parent}")
    _say(f"{file}  (vul het in en bouw het met: {build})")


@main.group("plan", context_settings=CONTEXT)
def plan_group():
    """Sessieplannen voor het facilitatorboekje en het werkblad sessieplan."""


@plan_group.command("nieuw")
@click.argument("file", type=click.Path(path_type=Path), metavar="BESTAND")
@sources_option
def plan_new_command(file, sources_dir):
    """Schrijf een sessieplan van twee uur met uitleg en de lijst van oefeningen en werkkaarten,
    klaar om aan te passen (overschrijft nooit een bestand)."""
    from deck.starters import new_plan

    new_plan(file, load_sources(sources_dir))
    _say(f"{file}  (pas het aan en gebruik het met: deck build sessieplan facilitatorboekje --plan {file})")


@main.group("casus", context_settings=CONTEXT)
def casus_group():
    """Casusbestanden voor werkbladen."""


@casus_group.command("nieuw")
@click.argument("file", type=click.Path(path_type=Path), metavar="BESTAND")
def casus_new_command(file):
    """Schrijf een casusbestand met uitleg, klaar om in te vullen (overschrijft nooit een bestand)."""
    from deck.starters import new_casus

    new_casus(file)
    _say(f"{file}  (vul het in en gebruik het met: deck build tijdlijn --casus {file})")


class Progress:
    """A progress bar on the terminal for builds that take longer than a second."""

    def __init__(self, quiet: bool, after: float = 1.0):
        self.show = not quiet and sys.stderr.isatty()
        self.start, self.after = time.monotonic(), after

    def __call__(self, target, done: int, total: int) -> None:
        if self.show and time.monotonic() - self.start > self.after:
            bar = "#" * round(20 * done / total)
            click.echo(f"\r[{bar:<20}] {done}/{total} {target.id:<26}", err=True, nl=False)
            if done == total:
                click.echo("\r" + " " * 60 + "\r", err=True, nl=False)


def _warn(request, sources, ids) -> None:
    """What the inputs probably did not mean, and what a build of everything leaves out."""
    for warning in [*request.warnings, *([] if ids else not_made(sources))]:
        _say(f"Let op: {warning}", err=True)


def _say(text: str, err: bool = False) -> None:
    """A line for the terminal: names of files and folders come from outside, and a control
    character in one must not act on the terminal."""
    click.echo(printable(text), err=err)


def _count(number: int, one: str, more: str) -> str:
    return f"{number} {one if number == 1 else more}"

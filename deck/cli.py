"""The `deck` command: thin Click commands over the library. Bad input ends in `Error:` lines."""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from functools import wraps
from pathlib import Path

import click

from deck import cli_nl

from deck import __version__
from deck.brand import load_brand
from deck.build import Request, build_targets, check_fit, check_fonts_and_logo
from deck.style import DEFAULT_LOOK
from deck.watch import watch
from deck.plan import load_plan
from deck.casus import load_casus, write_template
from deck.errors import DeckError
from deck.geometry import parse_offset
from deck.output import prepare_folder, write_file
from deck.render import CardOptions, render_alignment_sheet
from deck.sources import load_sources
from deck.targets import list_targets

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

brand_option = click.option(
    "--brand",
    "brand_file",
    type=click.Path(path_type=Path),
    default=None,
    help="Huisstijl van de organisatie (brand.yaml): naam, logo, kleuren, lettertype, voettekst, achterkant.",
)

out_option = click.option("--out", "out", type=click.Path(path_type=Path), default=Path("build"), show_default=True,
                          help="Map waarin de bestanden komen.")

sources_option = click.option(
    "--sources",
    "sources_dir",
    type=click.Path(path_type=Path, file_okay=True, dir_okay=True),
    default=None,
    help="Map met eigen bronbestanden (.yaml) in plaats van de meegeleverde bronnen.",
)


def reports_problems(command):
    """Print every problem of a DeckError as its own `Error:` line and exit with code 1."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except DeckError as error:
            for problem in error.problems:
                click.echo(f"Error: {problem}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("Error: onderbroken; er zijn geen halve bestanden geschreven", err=True)
            sys.exit(1)

    return wrapper


class DeckGroup(click.Group):
    """Usage errors end like every other error: one `Error:` line and exit code 1."""

    def main(self, *args, **kwargs):
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as error:
            hint = f" ({error.ctx.command_path} --help)" if error.ctx else ""
            click.echo(f"Error: {error.format_message()}{hint}", err=True)
            sys.exit(1)
        except click.Abort:
            click.echo("Error: onderbroken", err=True)
            sys.exit(1)


def run() -> None:
    """The `deck` command itself (`deck` and `python -m deck`). A request to stop (a closed
    terminal, `kill`) counts as Ctrl+C, so it too ends with one line and no half-written files."""
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _interrupt)
    main(prog_name="deck")


def _interrupt(signum, frame):
    raise KeyboardInterrupt


cli_nl.install()


@click.group(cls=DeckGroup, context_settings=CONTEXT)
@click.version_option(__version__, "--version", message="deck %(version)s", help="Toon de versie en stop.")
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
def main():
    """Drukklare kaarten, werkbladen en boekjes voor leerbijeenkomsten, intervisie en
    casusbesprekingen, uit de bronnen in sources/."""


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="Geef de lijst als JSON.")
@sources_option
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
@reports_problems
def list_command(as_json: bool, sources_dir: Path | None):
    """Toon wat deck kan maken: id, soort, titel en aantal."""
    targets = list_targets(load_sources(sources_dir))
    if as_json:
        click.echo(json.dumps([t.as_json() for t in targets], ensure_ascii=False, indent=2))
        return
    width = max(len(t.id) for t in targets)
    for target in targets:
        later = "" if target.bouwbaar else "  (nog niet te bouwen)"
        click.echo(f"{target.id:<{width}}  {target.soort:<8}  {target.aantal:>3} {target.eenheid:<11}  {target.titel}{later}")
        click.echo(f"{'':<{width}}  {target.inhoud}")


@main.command("check")
@sources_option
@brand_option
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
@reports_problems
def check_command(sources_dir: Path | None, brand_file: Path | None):
    """Controleer alle bronbestanden en of alle tekst op de kaarten past; meldt elk probleem met
    bestand, regel en veld (of deck en kaart)."""
    sources = load_sources(sources_dir)
    brand = load_brand(brand_file) if brand_file else None
    look = brand.look if brand else DEFAULT_LOOK
    check_fonts_and_logo(sources, look, brand, CardOptions())
    if brand:
        _print_notes(brand)
    check_fit(sources, look=look)
    click.echo(f"In orde: {len(sources.documents)} bronbestanden, {len(list_targets(sources))} doelen.")


@main.command("build")
@click.argument("ids", nargs=-1)
@out_option
@sources_option
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
              help="Papier van de printer (kantoormodus).")
@click.option("--size", default=None,
              help="Kaartmaat: poker, bridge, tarot, a6, a7, square of BxH in mm (bijv. 70x100). "
                   "Standaard poker; a6 voor werkkaarten en oefeningen.")
@click.option("--mode", type=click.Choice(["office", "shop"]), default="office", show_default=True,
              help="office: kaarten per vel met snijtekens; shop: één kaart per pagina met 3 mm afloop voor de drukker.")
@click.option("--flip", type=click.Choice(["long", "short"]), default="long", show_default=True,
              help="Langs welke kant de printer het vel omslaat bij dubbelzijdig afdrukken.")
@click.option("--back-offset", default="0,0", show_default=True,
              help="Verschuiving van de achterkanten in mm als X,Y, om een printer te corrigeren.")
@click.option("--format", "fmt", type=click.Choice(["pdf", "png", "svg"]), default="pdf", show_default=True,
              help="pdf, of één afbeelding per kaart (png op 300 ppi, svg) in build/<id>/.")
@click.option("--cards", "cards", default=None, help="Alleen deze kaarten, bijvoorbeeld 3,7-9.")
@click.option("--casus", "casus_file", type=click.Path(path_type=Path), default=None,
              help="Casusbestand (.yaml) om in de werkbladen in te vullen; maak er een met 'deck casus nieuw'.")
@click.option("--pdf-standard", type=click.Choice(["ua-1", "a-2b"]), default=None,
              help="Werkbladen als toegankelijke PDF/UA-1 of archief-PDF/A-2b.")
@click.option("--plan", "plan_file", type=click.Path(path_type=Path), default=None,
              help="Sessieplan (.yaml): de agenda in het facilitatorboekje en als werkblad 'sessieplan'.")
@brand_option
@click.option("--quiet", "-q", is_flag=True, help="Geen voortgangsbalk en geen lijst van gemaakte bestanden.")
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
@reports_problems
def build_command(ids, out, sources_dir, paper, size, mode, flip, back_offset, fmt, cards, casus_file, pdf_standard,
                  plan_file, brand_file, quiet):
    """Maak PDF's in de uitvoermap: alle doelen, of alleen de genoemde (zie deck list)."""
    options = CardOptions(mode=mode, paper=paper, flip=flip, back_offset=parse_offset(back_offset), fmt=fmt)
    sources = load_sources(sources_dir)
    request = Request(
        options=options,
        size=size,
        cards=cards,
        casus=load_casus(casus_file) if casus_file else None,
        agenda=load_plan(plan_file, sources) if plan_file else None,
        pdf_standard=pdf_standard,
        brand=load_brand(brand_file) if brand_file else None,
    )
    built = build_targets(sources, list(ids), out, request, Progress(quiet))
    if request.brand:
        _print_notes(request.brand)
    if quiet:
        return
    for item in built:
        if item.path.suffix != ".pdf":
            unit = ("afbeelding", "afbeeldingen")
        elif item.target.soort == "kaarten" and mode == "office":
            unit = ("vel", "vellen")
        else:
            unit = ("pagina", "pagina's")
        click.echo(f"{item.path}  ({item.pages} {unit[item.pages != 1]})")


class Progress:
    """A progress bar on the terminal for builds that take longer than a second."""

    def __init__(self, quiet: bool, after: float = 1.0):
        self.show = not quiet and sys.stderr.isatty()
        self.start, self.after, self.done = time.monotonic(), after, 0

    def __call__(self, target, done: int, total: int) -> None:
        self.done = done
        if self.show and time.monotonic() - self.start > self.after:
            bar = "#" * round(20 * done / total)
            click.echo(f"\r[{bar:<20}] {done}/{total} {target.id:<26}", err=True, nl=False)

    def __del__(self):
        if self.show and time.monotonic() - self.start > self.after:
            click.echo("\r" + " " * 60 + "\r", err=True, nl=False)


def _print_notes(brand) -> None:
    for note in brand.notes:
        click.echo(f"Let op: {note}")


@main.command("uitlijntest")
@click.option("--out", "out", type=click.Path(path_type=Path), default=Path("build"), show_default=True,
              help="Map waarin uitlijntest.pdf komt.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True, help="Papier van de printer.")
@click.option("--flip", type=click.Choice(["long", "short"]), default="long", show_default=True,
              help="Langs welke kant de printer het vel omslaat.")
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
@reports_problems
def alignment_command(out, paper, flip):
    """Maak een testblad dat laat zien hoeveel uw printer de achterkant verschuift (voor --back-offset)."""
    prepare_folder(out)
    path = out / "uitlijntest.pdf"
    write_file(path, render_alignment_sheet(paper, flip))
    click.echo(f"{path}  (2 pagina's: druk dubbelzijdig af en lees de linialen af)")


@main.group("casus", context_settings=CONTEXT)
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
def casus_group():
    """Casusbestanden voor werkbladen."""


@casus_group.command("nieuw")
@click.argument("file", type=click.Path(path_type=Path))
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
@reports_problems
def casus_new_command(file):
    """Schrijf een casusbestand met uitleg, klaar om in te vullen (overschrijft nooit een bestand)."""
    write_template(file)
    click.echo(f"{file}  (vul het in en gebruik het met: deck build tijdlijn --casus {file})")


@main.command("watch")
@click.argument("ids", nargs=-1)
@out_option
@sources_option
@brand_option
@click.option("--casus", "casus_file", type=click.Path(path_type=Path), default=None, help="Casusbestand (.yaml).")
@click.option("--plan", "plan_file", type=click.Path(path_type=Path), default=None, help="Sessieplan (.yaml).")
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
def watch_command(ids, out, sources_dir, brand_file, casus_file, plan_file):
    """Bouw opnieuw bij elke wijziging in de bronnen, de opmaak, de huisstijl, de casus of het plan.
    Stop met Ctrl+C."""
    click.echo("Kijkt naar wijzigingen; stop met Ctrl+C.")
    try:
        watch(list(ids), out, Request(), sources_dir, brand_file, casus_file, plan_file, click.echo)
    except KeyboardInterrupt:
        click.echo("Gestopt.")

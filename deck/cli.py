"""The `deck` command: thin Click commands over the library. Bad input ends in `Error:` lines."""

from __future__ import annotations

import json
import sys
from functools import wraps
from pathlib import Path

import click

from deck import __version__
from deck.errors import DeckError
from deck.sources import load_sources
from deck.targets import list_targets

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

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

    return wrapper


@click.group(context_settings=CONTEXT)
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
@click.help_option("-h", "--help", help="Toon deze hulp en stop.")
@reports_problems
def check_command(sources_dir: Path | None):
    """Controleer alle bronbestanden; meldt elk probleem met bestand, regel en veld."""
    sources = load_sources(sources_dir)
    click.echo(f"In orde: {len(sources.documents)} bronbestanden, {len(list_targets(sources))} doelen.")

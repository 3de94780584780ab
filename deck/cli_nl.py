"""Click's own words (help headings, usage errors) in Dutch.

Click translates through gettext, but ships no Dutch catalogue and reads `_` and `ngettext` from
its modules' globals; those names are replaced here with a lookup in the table below. Unknown
strings stay as they are.
"""

from __future__ import annotations

import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.types

DUTCH = {
    "Usage:": "Gebruik:",
    "Error: {message}": "Fout: {message}",
    "Show this message and exit.": "Toon deze hulp en stop.",
    "Show the version and exit.": "Toon de versie en stop.",
    "Options": "Opties",
    "Commands": "Commando's",
    "default: {default}": "standaard: {default}",
    "Invalid value for {param_hint}: {message}": "ongeldige waarde voor {param_hint}: {message}",
    "Invalid value: {message}": "ongeldige waarde: {message}",
    "No such command {name!r}.": "onbekend commando {name!r}",
    "No such option {name!r}.": "onbekende optie {name!r}",
    "Missing argument": "ontbrekend argument",
    "Missing option": "ontbrekende optie",
    "Missing parameter": "ontbrekende waarde",
    "Missing command.": "geef een commando, zie deck --help",
    "Option {name!r} does not take a value.": "optie {name!r} neemt geen waarde",
    "Try '{command} {option}' for help.": "Zie '{command} {option}'.",
    "Aborted!": "Fout: onderbroken; er zijn geen halve bestanden geschreven",  # deck itself: see cli.run
    "{value!r} is not {choice}.": "{value!r} is geen {choice}",
    "{value!r} is not one of {choices}.": "{value!r} is niet een van {choices}",
    "Option {name!r} requires an argument.": "optie {name!r} heeft een waarde nodig",
    "Option {name!r} requires {nargs} arguments.": "optie {name!r} heeft {nargs} waarden nodig",
    "Got unexpected extra argument ({args})": "onverwacht extra argument ({args})",
    "Got unexpected extra arguments ({args})": "onverwachte extra argumenten ({args})",
    "Did you mean {possibility}?": "bedoelt u {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(bedoelt u een van {possibilities}?)",
}


def _(message: str) -> str:
    return DUTCH.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    return _(singular if count == 1 else plural)


class DutchChoice(click.Choice):
    """A choice of Dutch words, each standing for a value deck works with; the English values
    (office, shop, long, short) still work, unshown, for scripts written before."""

    def __init__(self, meanings: dict[str, str]):
        super().__init__(list(meanings))
        self.meanings = meanings

    def convert(self, value, param, ctx):
        if value in self.meanings.values():
            return value
        return self.meanings[super().convert(value, param, ctx)]


OPTIONS_METAVAR = "[OPTIES]"
SUBCOMMAND_METAVAR = "COMMANDO [ARGUMENTEN]..."


class DutchCommand(click.Command):
    """A command whose usage line says [OPTIES] (Click writes the placeholder, untranslated)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        super().__init__(*args, **kwargs)


class DutchGroup(click.Group):
    """A group whose usage line is Dutch and whose commands and subgroups are too."""

    command_class = DutchCommand
    group_class = type  # subgroups are DutchGroups as well

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", OPTIONS_METAVAR)
        kwargs.setdefault("subcommand_metavar", SUBCOMMAND_METAVAR)
        super().__init__(*args, **kwargs)


def install() -> None:
    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser, click.types):
        if hasattr(module, "_"):
            module._ = _
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext

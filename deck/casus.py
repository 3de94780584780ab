"""A casus: the case of the day, filled into a werkblad's header (and its timeline or table).

A casus is about a real family. It is read only to fill the requested output: it is never
copied, logged or kept anywhere else.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from deck.errors import DeckError
from deck.fonts import texts_at, unprintable
from deck.load import YamlFile
from deck.model.common import Tekst
from deck.schema import Chars, Length, Record, read_record
from deck.style import DEFAULT_LOOK, Look

MAX_EVENTS = 16
MAX_PEOPLE = 12
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _datum(value: object) -> str | date:
    if isinstance(value, date) or (isinstance(value, str) and value.strip()):
        return value
    raise ValueError('moet een datum zijn, zoals 2026-11-23 of "maart 2024"')


Datum = Annotated[Any, _datum]


def show_date(value: str | date | None) -> str | None:
    if isinstance(value, date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    return value


# The most characters of each field: what a werkblad has room for (a tijdlijn box, a table cell,
# the casus at the top of a sheet), in a font as wide as the bundled one.
Naam = Annotated[Tekst, Chars(100)]


class Gebeurtenis(Record):
    datum: Annotated[Datum, Chars(40)]
    tekst: Annotated[Tekst, Chars(300)]
    plek: Literal["boven", "onder"]


class Casus(Record):
    titel: Annotated[Tekst, Chars(150)]
    datum: Annotated[Datum, Chars(40)] | None = None
    inbrenger: Naam | None = None
    facilitator: Naam | None = None
    groep: Naam | None = None
    beschrijving: Annotated[Tekst, Chars(2000)] | None = None
    gebeurtenissen: Annotated[list[Gebeurtenis], Length(0, MAX_EVENTS)] = []
    betrokkenen: Annotated[list[Naam], Length(0, MAX_PEOPLE)] = []

    def as_json(self) -> dict:
        return {
            "titel": self.titel,
            "datum": show_date(self.datum),
            "inbrenger": self.inbrenger,
            "facilitator": self.facilitator,
            "groep": self.groep,
            "beschrijving": self.beschrijving,
        }

    def events_json(self) -> list[dict]:
        return [{"datum": show_date(e.datum), "tekst": e.tekst, "plek": e.plek} for e in self.gebeurtenissen]


def load_casus(path: Path, look: Look = DEFAULT_LOOK) -> tuple[YamlFile, Casus]:
    """Read and validate a casus file, every text in the look's fonts; raises DeckError with every
    problem. The file comes along, for a problem found later (text that does not fit) to name its line."""
    file, casus = read_record(path, Casus, "titel, datum")
    problems = unprintable(file, texts_at(casus), look)
    if problems:
        raise DeckError(problems)
    return file, casus


def casus_from_data(data: dict, look: Look = DEFAULT_LOOK, name: str = "casus (formulier)") -> tuple[YamlFile, Casus]:
    """A casus from data in memory (deck serve's form), checked as a file is; raises DeckError with
    every problem, named by field. Nothing of it is written anywhere."""
    from deck.schema import check_file

    file = YamlFile(Path(name), data)
    casus, problems = check_file(file, Casus)
    problems = problems or unprintable(file, texts_at(casus), look)
    if problems:
        raise DeckError(problems)
    return file, casus


TEMPLATE = """\
# Casus voor een werkblad van deck.
# Gebruik:  deck build tijdlijn --casus {name}
#
# Let op: een casus gaat over een echt gezin. Gebruik initialen of schuilnamen, geen
# volledige namen, adressen of geboortedata. Dit bestand blijft op uw eigen computer;
# deck zet de casus alleen in het werkblad dat u vraagt en bewaart hem nergens anders.
# Verwijder het werkblad en dit bestand als u ze niet meer nodig hebt.
#
# Alleen 'titel' is verplicht. Tekst met een dubbele punt zet u tussen "aanhalingstekens".

titel: "Casus J. (schuilnaam)"
datum: 2026-11-23                # de datum van de bijeenkomst
inbrenger: "A.B."
facilitator: "C.D."
groep: "Team Noord"
beschrijving: "Korte beschrijving van de casus en de vraag van de inbrenger, in een paar zinnen."

# Voor het werkblad 'tijdlijn' (hoogstens {events}). plek: boven = professionals en formele
# acties, onder = gezin en ervaringen.
gebeurtenissen:
  - datum: "mrt 2024"
    tekst: "Melding bij Veilig Thuis"
    plek: boven
  - datum: "apr 2024"
    tekst: "Moeder voelt zich niet gehoord in het eerste gesprek"
    plek: onder

# Voor het werkblad 'perspectiefwissel': de betrokkenen, elk een rij (hoogstens {people}).
betrokkenen:
  - "Moeder"
  - "Vader"
  - "J. (12 jaar)"
  - "Jeugdbeschermer"
"""

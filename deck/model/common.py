"""What every source file shares: the text types, the source credit (Bron), blocks of running
text (Blok) and the fields of a Document."""

import re
from collections import Counter
from typing import Annotated

from deck.errors import dutch_number
from deck.schema import Length, Problems, Range, Record


def not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("mag niet leeg zijn")
    return value


def slug(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
        raise ValueError("gebruik alleen kleine letters, cijfers en streepjes (bijvoorbeeld 'mijn-deck')")
    return value


MAX_URL_CHARS = 2000  # a QR code (error correction M) holds some 2,300 characters


def url(value: str) -> str:
    if not re.fullmatch(r"(https?://|www\.)\S+", value):
        raise ValueError("moet een webadres zijn dat begint met https://, http:// of www.")
    if len(value) > MAX_URL_CHARS:
        most = dutch_number(MAX_URL_CHARS)
        raise ValueError(f"webadres is te lang voor een QR-code ({dutch_number(len(value))} tekens, hoogstens {most})")
    return value


def colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise ValueError("moet een kleur zijn als '#1f6f8b' (# en zes hexadecimale tekens)")
    return value


Tekst = Annotated[str, not_blank]
Slug = Annotated[str, slug]
Url = Annotated[str, url]
Kleur = Annotated[str, colour]
Nummer = Annotated[int, Range(1)]
Minuten = Annotated[int, Range(0, 24 * 60)]


class Bron(Record):
    """Where a text comes from: publication, publisher, the part of it, its makers, year, link and
    the publication's own rights notice."""

    publicatie: Tekst
    uitgever: Tekst | None = None  # the maker or publisher; own material may have none
    onderdeel: Tekst | None = None
    url: Url | None = None
    makers: Tekst | None = None  # who wrote or compiled it, as the source names them
    jaar: Tekst | None = None  # the year or date of the version, as the source gives it
    rechten: Tekst | None = None  # the publication's own rights notice, verbatim
    titel_afgeleid: bool = False  # the source does not state this title: it was derived (see aantekeningen)

    @property
    def title(self) -> str:
        return self.publicatie + (" (titel afgeleid)" if self.titel_afgeleid else "")

    @property
    def credit(self) -> str:
        """'Bron: publication, publisher, part', as a card's back and a werkblad's footer have it."""
        return "Bron: " + ", ".join(part for part in (self.title, self.uitgever, self.onderdeel) if part)

    @property
    def full(self) -> str:
        """Publication, publisher, makers and year: a line of a Bronnen card or page."""
        return "; ".join(
            part for part in (", ".join(filter(None, (self.title, self.uitgever))), self.makers, self.jaar) if part
        )

    @property
    def permission(self) -> str | None:
        """The rights notice quoted, and what it means for a trainer, or None without a notice."""
        if not self.rechten:
            return None
        who = self.uitgever or "de uitgever"
        return (
            f"“{self.rechten}” ({self.publicatie}) Wilt u dit gebruiken buiten uw eigen team of training, "
            f"vraag dan eerst toestemming aan de uitgever: {who}."
        )


class Link(Record):
    titel: Tekst
    url: Url


BLOK_SOORTEN = ("kop", "tekst", "vraag", "lijst", "citaat", "link")


class Blok(Record):
    """One block of running text: exactly one of the BLOK_SOORTEN keys."""

    kop: Tekst | None = None
    tekst: Tekst | None = None
    vraag: Tekst | None = None
    lijst: Annotated[list[Tekst], Length(1)] | None = None
    citaat: Tekst | None = None
    link: Link | None = None
    genummerd: bool = False
    wie: Tekst | None = None

    def problems(self) -> Problems:
        present = [name for name in BLOK_SOORTEN if getattr(self, name) is not None]
        if len(present) != 1:
            found = ", ".join(present) if present else "geen"
            return [((), f"een blok heeft precies één van {', '.join(BLOK_SOORTEN)} (gevonden: {found})")]
        if self.genummerd and self.lijst is None:
            return [((), "'genummerd' hoort alleen bij een 'lijst'")]
        if self.wie is not None and self.citaat is None:
            return [((), "'wie' hoort alleen bij een 'citaat'")]
        return []

    @property
    def soort(self) -> str:
        return next(name for name in BLOK_SOORTEN if getattr(self, name) is not None)


Blokken = list[Blok]


class Document(Record):
    """Fields every source file has."""

    soort: str
    id: Slug
    titel: Tekst
    bron: Bron
    aantekeningen: list[Tekst] = []  # notes on the transcription: never printed
    inleiding: Blokken = []


def duplicates(items: list[Record], key: str, loc: tuple) -> Problems:
    """A problem for every item whose `key` an earlier item already has."""
    counts = Counter(getattr(item, key) for item in items)
    problems: Problems = []
    for index, item in enumerate(items):
        value = getattr(item, key)
        if counts[value] > 1 and [getattr(i, key) for i in items].index(value) != index:
            problems.append((loc + (index, key), f"'{value}' komt meer dan één keer voor"))
    return problems

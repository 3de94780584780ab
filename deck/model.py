"""Stage 2: the content model. Each source file has a `soort` that picks its schema below.

deck/schema.py does the type checking (strict: YAML's own types, no silent conversion; unknown
keys refused). Its problems are translated into Dutch lines that name file, line and field.
Checks that span several fields (duplicates, cross-references) live in each document's
`checks()` and report the same way.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections import Counter
from typing import Annotated, Any, Literal

from deck.schema import AfterValidator, Field, Strict, ValidationError, fields_of, model_validator

from deck.errors import DeckError, Problem
from deck.load import Loc, YamlFile, describe_loc, read_yaml


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("mag niet leeg zijn")
    return value


def _slug(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
        raise ValueError("gebruik alleen kleine letters, cijfers en streepjes (bijvoorbeeld 'mijn-deck')")
    return value


def _url(value: str) -> str:
    if not re.fullmatch(r"(https?://|www\.)\S+", value):
        raise ValueError("moet een webadres zijn dat begint met https://, http:// of www.")
    return value


def _colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise ValueError("moet een kleur zijn als '#1f6f8b' (# en zes hexadecimale tekens)")
    return value


Tekst = Annotated[str, AfterValidator(_not_blank)]
Slug = Annotated[str, AfterValidator(_slug)]
Url = Annotated[str, AfterValidator(_url)]
Kleur = Annotated[str, AfterValidator(_colour)]
Nummer = Annotated[int, Field(ge=1)]
Minuten = Annotated[int, Field(ge=0, le=24 * 60)]


class Bron(Strict):
    publicatie: Tekst
    uitgever: Tekst
    onderdeel: Tekst | None = None
    url: Url | None = None


class Link(Strict):
    titel: Tekst
    url: Url


BLOK_SOORTEN = ("kop", "tekst", "vraag", "lijst", "citaat", "link")


class Blok(Strict):
    """One block of running text: exactly one of the BLOK_SOORTEN keys."""

    kop: Tekst | None = None
    tekst: Tekst | None = None
    vraag: Tekst | None = None
    lijst: Annotated[list[Tekst], Field(min_length=1)] | None = None
    citaat: Tekst | None = None
    link: Link | None = None
    genummerd: bool = False
    wie: Tekst | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Blok:
        present = [name for name in BLOK_SOORTEN if getattr(self, name) is not None]
        if len(present) != 1:
            found = ", ".join(present) if present else "geen"
            raise ValueError(f"een blok heeft precies één van {', '.join(BLOK_SOORTEN)} (gevonden: {found})")
        if self.genummerd and self.lijst is None:
            raise ValueError("'genummerd' hoort alleen bij een 'lijst'")
        if self.wie is not None and self.citaat is None:
            raise ValueError("'wie' hoort alleen bij een 'citaat'")
        return self

    @property
    def soort(self) -> str:
        return next(name for name in BLOK_SOORTEN if getattr(self, name) is not None)


Blokken = list[Blok]
Checks = list[tuple[Loc, str]]


class Document(Strict):
    """Fields every source file has."""

    soort: str
    id: Slug
    titel: Tekst
    bron: Bron
    aantekeningen: list[Tekst] = []
    inleiding: Blokken = []

    def checks(self) -> Checks:
        return []


# --- spanningsvelden -------------------------------------------------------------------


class Vragenblok(Strict):
    kop: Tekst | None = None
    vragen: Annotated[list[Tekst], Field(min_length=1)]


class Citaat(Strict):
    tekst: Tekst
    kop: Tekst | None = None


class Spanningsveld(Strict):
    nummer: Nummer
    titel: Tekst
    polen: Annotated[list[Tekst], Field(min_length=2, max_length=2)]
    beschrijving: Blokken = []
    reflectievragen: Annotated[list[Vragenblok], Field(min_length=1)]
    citaten_kop: Tekst | None = None
    citaten: list[Citaat] = []

    @property
    def vragen(self) -> list[str]:
        return [vraag for blok in self.reflectievragen for vraag in blok.vragen]


class Spanningsvelden(Document):
    soort: Literal["spanningsvelden"]
    algemene_reflectievragen: Vragenblok | None = None
    spanningsvelden: Annotated[list[Spanningsveld], Field(min_length=1)]

    def checks(self) -> Checks:
        return _duplicates(self.spanningsvelden, "nummer", ("spanningsvelden",))


# --- werkkaarten -------------------------------------------------------------------------


class Stem(Strict):
    wie: Tekst
    tekst: Tekst


class Dialoog(Strict):
    inleiding: Tekst | None = None
    stemmen: Annotated[list[Stem], Field(min_length=1)]


class Subcategorie(Strict):
    titel: Tekst
    citaten: Annotated[list[Tekst], Field(min_length=1)]
    dialogen: list[Dialoog] = []


class Fase(Strict):
    nummer: Nummer
    titel: Tekst
    subcategorieen: Annotated[list[Subcategorie], Field(min_length=1)]


class Werkkaart(Strict):
    nummer: Nummer
    titel: Tekst
    inhoud: Annotated[Blokken, Field(min_length=1)]
    fasen: list[Fase] = []

    @property
    def citaten(self) -> list[str]:
        return [blok.citaat for blok in self.inhoud if blok.citaat]

    @property
    def fasecitaten(self) -> list[str]:
        return [c for fase in self.fasen for sub in fase.subcategorieen for c in sub.citaten]


class Werkkaarten(Document):
    soort: Literal["werkkaarten"]
    werkkaarten: Annotated[list[Werkkaart], Field(min_length=1)]

    def checks(self) -> Checks:
        return _duplicates(self.werkkaarten, "nummer", ("werkkaarten",))


# --- helpende vragen ---------------------------------------------------------------------


class Vraag(Strict):
    vraag: Tekst
    toelichting: Tekst | None = None
    lijst: list[Tekst] = []


class Inzicht(Strict):
    titel: Tekst
    inhoud: Blokken = []


class Hulpbron(Strict):
    titel: Tekst
    aanbieder: Tekst | None = None
    url: Url


class Leersessie(Strict):
    nummer: Nummer
    titel: Tekst
    inhoud: Blokken = []
    inzichten: list[Inzicht] = []
    helpende_vragen: Annotated[list[Vraag], Field(min_length=1)]
    citaten: list[Tekst] = []
    hulpbronnen: list[Hulpbron] = []


class Vraaggroep(Strict):
    id: Slug
    titel: Tekst
    bron: Bron | None = None
    inleiding: Tekst | None = None
    vragen: Annotated[list[Vraag], Field(min_length=1)]


class HelpendeVragen(Document):
    soort: Literal["helpende-vragen"]
    leersessies: list[Leersessie] = []
    vraaggroepen: list[Vraaggroep] = []

    def checks(self) -> Checks:
        problems = _duplicates(self.leersessies, "nummer", ("leersessies",))
        problems += _duplicates(self.vraaggroepen, "id", ("vraaggroepen",))
        if not self.leersessies and not self.vraaggroepen:
            problems.append((("leersessies",), "geef minstens één leersessie of vraaggroep"))
        return problems


# --- oefeningen --------------------------------------------------------------------------


class Basisprincipe(Strict):
    id: Slug
    naam: Tekst
    kern: Tekst | None = None


class Stap(Strict):
    nummer: Nummer
    titel: Tekst
    minuten: Minuten | None = None
    minuten_tot: Minuten | None = None
    minuten_per: Tekst | None = None
    inhoud: Blokken = []

    @model_validator(mode="after")
    def _range(self) -> Stap:
        if self.minuten_tot is not None and (self.minuten is None or self.minuten_tot < self.minuten):
            raise ValueError("'minuten_tot' moet bij 'minuten' horen en minstens even groot zijn")
        return self


class Oefening(Strict):
    id: Slug
    basisprincipe: Slug
    nummer: Nummer
    titel: Tekst
    groepsgrootte: Tekst | None = None
    duur: Tekst | None = None
    duur_minuten: Minuten | None = None
    duur_minuten_tot: Minuten | None = None
    doel: Blokken = []
    stappen: Annotated[list[Stap], Field(min_length=1)]
    aantekeningen: list[Tekst] = []

    @model_validator(mode="after")
    def _range(self) -> Oefening:
        if self.duur_minuten_tot is not None and (
            self.duur_minuten is None or self.duur_minuten_tot < self.duur_minuten
        ):
            raise ValueError("'duur_minuten_tot' moet bij 'duur_minuten' horen en minstens even groot zijn")
        return self


class Oefeningen(Document):
    soort: Literal["oefeningen"]
    basisprincipes: list[Basisprincipe] = []
    oefeningen: Annotated[list[Oefening], Field(min_length=1)]

    def checks(self) -> Checks:
        problems = _duplicates(self.basisprincipes, "id", ("basisprincipes",))
        problems += _duplicates(self.oefeningen, "id", ("oefeningen",))
        known = [b.id for b in self.basisprincipes]
        for index, oefening in enumerate(self.oefeningen):
            if known and oefening.basisprincipe not in known:
                message = f"onbekend basisprincipe '{oefening.basisprincipe}' (bekend: {', '.join(known)})"
                problems.append((("oefeningen", index, "basisprincipe"), message))
        return problems


# --- hand --------------------------------------------------------------------------------


class Vinger(Strict):
    vinger: Tekst
    tekst: Tekst
    opties: Annotated[list[Tekst], Field(min_length=1)]


class Hand(Document):
    soort: Literal["hand"]
    vingers: Annotated[list[Vinger], Field(min_length=1)]
    tip: Tekst | None = None
    stappen: list[Stap] = []
    aan_de_slag: Tekst | None = None

    def checks(self) -> Checks:
        problems = _duplicates(self.vingers, "vinger", ("vingers",))
        for index, vinger in enumerate(self.vingers):
            for number, optie in enumerate(vinger.opties):
                if optie not in vinger.tekst:
                    message = f"optie '{optie}' staat niet letterlijk in de tekst van de {vinger.vinger.lower()}"
                    problems.append((("vingers", index, "opties", number), message))
        return problems


# --- emoties -----------------------------------------------------------------------------


class Woord(Strict):
    woord: Tekst
    bron: Bron | None = None


class Familie(Strict):
    naam: Tekst
    lading: Literal["positief", "negatief"]
    woorden: Annotated[list[Woord], Field(min_length=1)]


class Emoties(Document):
    soort: Literal["emoties"]
    families: Annotated[list[Familie], Field(min_length=1)]

    @property
    def woorden(self) -> list[Woord]:
        return [woord for familie in self.families for woord in familie.woorden]

    def checks(self) -> Checks:
        problems = _duplicates(self.families, "naam", ("families",))
        seen: set[str] = set()
        for f, familie in enumerate(self.families):
            for w, woord in enumerate(familie.woorden):
                if woord.woord.lower() in seen:
                    problems.append((("families", f, "woorden", w, "woord"), f"'{woord.woord}' staat er al in"))
                seen.add(woord.woord.lower())
        return problems


# --- kaarten: a free-form deck of an organisation's own ---------------------------------


class Kaart(Strict):
    tekst: Tekst
    toelichting: Tekst | None = None


class Categorie(Strict):
    naam: Tekst
    kleur: Kleur | None = None
    kaarten: Annotated[list[Kaart], Field(min_length=1)]


class Kaarten(Document):
    soort: Literal["kaarten"]
    categorieen: Annotated[list[Categorie], Field(min_length=1)]

    def checks(self) -> Checks:
        return _duplicates(self.categorieen, "naam", ("categorieen",))


SCHEMAS: dict[str, type[Document]] = {
    "kaarten": Kaarten,
    "spanningsvelden": Spanningsvelden,
    "werkkaarten": Werkkaarten,
    "helpende-vragen": HelpendeVragen,
    "oefeningen": Oefeningen,
    "hand": Hand,
    "emoties": Emoties,
}


def validate_document(file: YamlFile) -> tuple[Document | None, list[Problem]]:
    """Turn parsed YAML into a document of its `soort`, or the problems that stop it."""
    data = file.data
    if not isinstance(data, dict):
        return None, [_problem(file, (), "het bestand moet velden bevatten (soort, id, titel, bron, ...)")]
    soort = data.get("soort")
    if not isinstance(soort, str) or soort not in SCHEMAS:
        allowed = ", ".join(SCHEMAS)
        message = "ontbreekt" if soort is None else f"onbekende soort '{soort}'"
        return None, [_problem(file, ("soort",), f"{message} (toegestaan: {allowed})")]
    return validate_as(file, SCHEMAS[soort])


def load_as(path, schema: type[Strict], fields: str) -> tuple[YamlFile, Any]:
    """Read and validate a YAML file of one schema (casus, plan, brand kit); raises DeckError
    with every problem. `fields` names a few of its fields for the message about a non-mapping."""
    file, problems = read_yaml(path)
    if not problems and not isinstance(file.data, dict):
        problems = [Problem(file.shown, 1, "", f"het bestand moet velden bevatten ({fields}, ...)")]
    if not problems:
        result, problems = validate_as(file, schema)
    if problems:
        raise DeckError(problems)
    return file, result


def validate_as(file: YamlFile, schema: type[Strict]) -> tuple[Any, list[Problem]]:
    """Validate parsed YAML against a schema; every problem as a Dutch line with file, line and field."""
    try:
        result = schema.model_validate(file.data)
    except ValidationError as error:
        details = _without_misspelled_missing(error.errors())
        return None, _in_line_order([_translate(file, schema, detail) for detail in details])
    checks = result.checks() if hasattr(result, "checks") else []
    return result, _in_line_order([_problem(file, loc, message) for loc, message in checks])


def _in_line_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda problem: problem.line or 0)


def _duplicates(items: list[Strict], key: str, loc: Loc) -> Checks:
    counts = Counter(getattr(item, key) for item in items)
    problems: Checks = []
    for index, item in enumerate(items):
        value = getattr(item, key)
        if counts[value] > 1 and [getattr(i, key) for i in items].index(value) != index:
            problems.append((loc + (index, key), f"'{value}' komt meer dan één keer voor"))
    return problems


def _problem(file: YamlFile, loc: Loc, message: str) -> Problem:
    return Problem(file.shown, file.line_of(loc), describe_loc(loc), message)


_TYPE_NAMES = {str: "tekst", int: "een getal", float: "een getal", bool: "ja/nee", list: "een lijst", dict: "velden"}
_EXPECTED = {
    "string_type": "tekst",
    "int_type": "een geheel getal",
    "int_from_float": "een geheel getal",
    "bool_type": "true of false",
    "list_type": "een lijst (regels met '- ')",
    "model_type": "velden (naam: waarde)",
    "model_attributes_type": "velden (naam: waarde)",
    "dict_type": "velden (naam: waarde)",
}


def _translate(file: YamlFile, schema: type[Strict], detail: dict[str, Any]) -> Problem:
    loc: Loc = tuple(detail["loc"])
    kind, ctx, given = detail["type"], detail.get("ctx", {}), detail.get("input")
    if kind == "missing":
        message = "ontbreekt (verplicht veld)"
    elif kind == "extra_forbidden":
        allowed = _fields_at(schema, loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        message = f"onbekend veld; bedoel je '{guess[0]}'?" if guess else "onbekend veld"
        message += f" (toegestaan: {', '.join(allowed)})" if allowed else ""
    elif kind in _EXPECTED:
        found = "niets (leeg)" if given is None else _TYPE_NAMES.get(type(given), type(given).__name__)
        message = f"moet {_EXPECTED[kind]} zijn, gevonden: {found}"
    elif kind in ("too_short", "string_too_short"):
        minimum = ctx.get("min_length", 1)
        message = "mag niet leeg zijn" if minimum <= 1 else f"moet minstens {minimum} waarden hebben"
    elif kind == "too_long":
        message = f"mag hoogstens {ctx.get('max_length')} waarden hebben"
    elif kind == "literal_error":
        message = f"moet een van deze waarden zijn: {ctx.get('expected', '').replace(' or ', ', ')}"
    elif kind in ("greater_than_equal", "less_than_equal"):
        bound = ctx.get("ge", ctx.get("le"))
        message = f"moet minstens {bound} zijn" if kind == "greater_than_equal" else f"mag hoogstens {bound} zijn"
    elif kind == "value_error":
        message = str(ctx.get("error", detail["msg"]))
    else:
        message = f"ongeldige waarde ({detail['msg']})"
    return _problem(file, loc, message)


def _without_misspelled_missing(details: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A misspelled key shows up twice: as unknown, and its field as missing. Keep only the first."""
    unknown = {(tuple(d["loc"][:-1]), d["loc"][-1]) for d in details if d["type"] == "extra_forbidden"}

    def misspelled(detail: dict[str, Any]) -> bool:
        parent, name = tuple(detail["loc"][:-1]), str(detail["loc"][-1])
        return detail["type"] == "missing" and any(
            place == parent and difflib.get_close_matches(str(key), [name], n=1) for place, key in unknown
        )

    return [detail for detail in details if not misspelled(detail)]


def _fields_at(schema: type[Strict] | None, loc: Loc) -> list[str]:
    """The field names allowed at loc, found by walking the schema's annotations."""
    for part in loc:
        if schema is None:
            return []
        if isinstance(part, int):
            continue
        field = fields_of(schema).get(part)
        schema = _model_in(field.annotation) if field else None
    return list(fields_of(schema)) if schema else []


def _model_in(annotation: Any) -> type[Strict] | None:
    if isinstance(annotation, type) and issubclass(annotation, Strict):
        return annotation
    if typing.get_origin(annotation) in (list, typing.Union, types.UnionType, Annotated):
        for argument in typing.get_args(annotation):
            found = _model_in(argument)
            if found:
                return found
    return None

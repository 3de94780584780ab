"""An organisation's house style (brand.yaml): name, logo, colours, fonts, footer, card back.

Everything is checked before anything is printed: the logo with Pillow (corrupt, truncated,
enormous, too coarse for print), every colour against white text (WCAG AA), every font
family and every character the content uses. Without a brand kit `deck` uses its own calm style.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import struct
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal
from xml.etree import ElementTree

from deck import scratch
from deck.errors import DeckError, Problem, describe_loc, display_path, dutch_number, os_reason, warn
from deck.fonts import FONT_SUFFIXES, MAX_FONT_BYTES, font_families, unprintable
from deck.load import YamlFile, input_problem
from deck.model.common import Tekst
from deck.schema import Chars, Length, Record, read_record
from deck.style import (
    MIN_CONTRAST,
    PALETTE,
    STYLE,
    Look,
    cmyk_values,
    contrast,
    ink_on,
    ratio,
    screen_colour,
    unreadable,
    with_back,
)

PRINT_PPI = 300
LOGO_MM = 22  # printed width of the logo on a poker card back
MAX_LOGO_PIXELS = 40_000_000  # beyond this Pillow's image is a decompression bomb to us
MAX_LOGO_BYTES = 20_000_000
MAX_SVG_BYTES = 5_000_000


def _colour(value: str) -> str:
    value = value.strip()
    if re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        return value.lower()
    values = cmyk_values(value)
    if values and all(v <= 100 for v in values):
        return value
    raise ValueError("moet een kleur zijn als '#1f6f8b' of 'cmyk(100%, 44%, 0%, 0%)'")


Kleur = Annotated[str, _colour]


class Kleuren(Record):
    primair: Kleur | None = None
    accent: Kleur | None = None
    categorieen: Annotated[list[Kleur], Length(1, 24)] | None = None


class Lettertype(Record):
    map: Tekst
    tekst: Tekst
    koppen: Tekst | None = None


class Achterkant(Record):
    logo: bool = True
    kleur: Kleur | None = None
    patroon: Literal["stippen", "lijnen", "geen"] = "stippen"


class BrandFile(Record):
    organisatie: Annotated[Tekst, Chars(80)]  # on covers and card backs
    logo: Tekst | None = None
    kleuren: Kleuren = Kleuren()
    lettertype: Lettertype | None = None
    voettekst: Annotated[Tekst, Chars(160)] | None = None  # one line under the credit at the foot of a page
    achterkant: Achterkant = Achterkant()


@dataclass
class Brand:
    """A checked brand kit, ready for the layouts."""

    organisation: str
    style: dict
    palette: list[str]
    font: str | None = None
    heading_font: str | None = None
    font_dirs: list[str] = field(default_factory=list)
    logo: Path | None = None  # a PNG or SVG Typst can embed, trimmed
    logo_ppi: float | None = None  # at its printed size on a card back; None for SVG or no logo on the back
    logo_path: str = ""  # as the brand kit names it
    footer: str | None = None
    _workdir: tempfile.TemporaryDirectory | None = None

    def check_logo_for(self, mode: str) -> None:
        """A logo too coarse for print is an error for a print shop (mode 'shop') and a warning for
        the office printer."""
        if self.logo_ppi is None or self.logo_ppi >= PRINT_PPI:
            return
        if mode == "shop":
            message = (
                f"het logo heeft {self.logo_ppi:.0f} ppi op de kaart; de drukker heeft minstens {PRINT_PPI} "
                "ppi nodig: lever een groter logo of een SVG"
            )
            raise DeckError([Problem("--brand", None, "logo", message)])
        warn(
            f"logo {self.logo_path}: {self.logo_ppi:.0f} ppi op {LOGO_MM} mm breed; voor de drukker is minstens "
            f"{PRINT_PPI} ppi nodig"
        )

    @property
    def look(self) -> Look:
        return Look(
            font=self.font or Look().font,
            font_dirs=tuple(self.font_dirs),
            style=self.style,
            palette=tuple(self.palette),
            logo=self.logo.as_posix() if self.logo else None,
            organisation=self.organisation,
            footer=self.footer,
            heading_font=self.heading_font,
        )


def load_brand(path: Path) -> Brand:
    """Read, validate and check a brand kit; raises DeckError with every problem."""
    file, spec = read_record(path, BrandFile, "organisatie, logo, kleuren")
    problems = _colour_problems(file, spec) + _font_problems(file, spec)
    brand = Brand(spec.organisatie, _style(spec), list(spec.kleuren.categorieen or PALETTE), footer=spec.voettekst)
    if spec.lettertype:
        brand.font, brand.heading_font = spec.lettertype.tekst, spec.lettertype.koppen or spec.lettertype.tekst
        brand.font_dirs = [str(path.parent / spec.lettertype.map)]
    if spec.logo:
        problems += _add_logo(brand, file, path.parent / spec.logo, spec.achterkant.logo)
    if not problems:  # with fonts that are there: the printed texts in them
        printed = [(("organisatie",), spec.organisatie)] + (
            [(("voettekst",), spec.voettekst)] if spec.voettekst else []
        )
        problems += unprintable(file, printed, brand.look)
    if problems:
        raise DeckError(problems)
    return brand


def _style(spec: BrandFile) -> dict:
    primary = spec.kleuren.primair
    back = spec.achterkant.kleur or primary
    style = dict(STYLE)
    for name, colour in (("deck", primary), ("kop", primary), ("accent", spec.kleuren.accent or primary)):
        if colour:
            style[name] = screen_colour(colour)
            style[f"{name}-cmyk"] = cmyk_values(colour)  # None for a hex colour
    if back:
        style = with_back(style, back)
    style["pattern"] = spec.achterkant.patroon
    style["organisation"] = spec.organisatie
    return style


# --- colours -----------------------------------------------------------------------------------


def _colour_problems(file: YamlFile, spec: BrandFile) -> list[Problem]:
    """The primary colour is both the ground of white text (the booklet's cover) and the colour of
    headings on white; on every category colour and the back, white or near-black text must read."""
    problems = []
    primary = spec.kleuren.primair
    if primary and contrast(primary) < MIN_CONTRAST:
        message = (
            f"witte tekst op {primary}, en koppen in {primary} op wit, hebben een contrast van "
            f"{ratio(contrast(primary))}; nodig is minstens {MIN_CONTRAST}:1 (WCAG AA): kies een donkerdere kleur"
        )
        problems.append(Problem(file.shown, file.line_of(("kleuren", "primair")), "kleuren.primair", message))
    places = [(("achterkant", "kleur"), spec.achterkant.kleur)]
    places += [(("kleuren", "categorieen", i), c) for i, c in enumerate(spec.kleuren.categorieen or [])]
    for loc, colour in places:
        if colour is not None and ink_on(colour) is None:
            problems.append(Problem(file.shown, file.line_of(loc), describe_loc(loc), unreadable(colour)))
    return problems


# --- fonts --------------------------------------------------------------------------------------


def _font_problems(file: YamlFile, spec: BrandFile) -> list[Problem]:
    if spec.lettertype is None:
        return []
    folder = file.path.parent / spec.lettertype.map
    line = file.line_of(("lettertype", "map"))
    if not folder.is_dir():
        return [Problem(file.shown, line, "lettertype.map", f"map {display_path(folder)} bestaat niet")]
    unreadable = [
        Problem(file.shown, line, "lettertype.map", f"{display_path(font)}: {problem}")
        for font in sorted(folder.iterdir())
        if font.suffix.lower() in FONT_SUFFIXES and (problem := input_problem(font, MAX_FONT_BYTES))
    ]
    if unreadable:
        return unreadable
    families = font_families(folder)
    if not families:
        return [
            Problem(
                file.shown, line, "lettertype.map", f"geen lettertypebestanden (.ttf, .otf) in {display_path(folder)}"
            )
        ]
    problems = []
    for key in ("tekst", "koppen"):
        family = getattr(spec.lettertype, key)
        if family and family not in families:
            message = f"lettertype '{family}' staat niet in {display_path(folder)} (wel: {', '.join(sorted(families))})"
            problems.append(Problem(file.shown, file.line_of(("lettertype", key)), f"lettertype.{key}", message))
    return problems


# --- logo ---------------------------------------------------------------------------------------


def _add_logo(brand: Brand, file: YamlFile, path: Path, on_back: bool) -> list[Problem]:
    line = file.line_of(("logo",))

    def problem(message: str) -> list[Problem]:
        return [Problem(file.shown, line, "logo", f"{display_path(path)}: {message}")]

    unreadable = input_problem(path, MAX_LOGO_BYTES)
    if unreadable:
        return problem(unreadable)
    # the prepared logo lives as long as the Brand; cleaned up when the process ends
    brand._workdir = scratch.folder("huisstijl")
    if path.suffix.lower() == ".svg":
        return _add_svg(brand, path, problem)
    try:
        image = _open_image(path)
    except _LogoError as error:
        return problem(str(error))
    trimmed = _trim(image)
    target = Path(brand._workdir.name) / "logo.png"
    trimmed.save(target, format="PNG")
    brand.logo, brand.logo_path = target, display_path(path)
    brand.logo_ppi = trimmed.width / (LOGO_MM / 25.4)
    if on_back and brand.logo_ppi < PRINT_PPI:
        warn(
            f"logo {display_path(path)}: {brand.logo_ppi:.0f} ppi op {LOGO_MM} mm breed; "
            f"voor de drukker is minstens {PRINT_PPI} ppi nodig"
        )
    return []


class _LogoError(Exception):
    pass


def _open_image(source):
    """Open, verify and fully decode a PNG or JPEG (a path or bytes); refuse bombs, corrupt and
    truncated files. Only those two formats are tried: Pillow would otherwise hand an EPS file
    named logo.png to Ghostscript."""
    from PIL import Image, UnidentifiedImageError  # imported here: only a brand kit has a logo

    formats = ["PNG", "JPEG"]
    opened = (
        (lambda: Image.open(io.BytesIO(source), formats=formats))
        if isinstance(source, bytes)
        else (lambda: Image.open(source, formats=formats))
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with opened() as probe:
                if probe.width * probe.height > MAX_LOGO_PIXELS:
                    raise _LogoError(f"afbeelding is te groot ({probe.width}×{probe.height} pixels)")
                probe.verify()
            with opened() as image:
                image.load()
                return image.convert("RGBA")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _LogoError("afbeelding is te groot (mogelijk een decompressiebom)") from None
    except UnidentifiedImageError:
        raise _LogoError("geen afbeelding die deck kan lezen (gebruik PNG, JPEG of SVG)") from None
    except (OSError, SyntaxError, ValueError, struct.error, IndexError):
        raise _LogoError("afbeelding is beschadigd of onvolledig") from None


def _trim(image):
    """Cut away transparent borders, keeping a small margin."""
    box = image.getchannel("A").getbbox()
    if not box:
        return image
    pad = 4
    left, top, right, bottom = box
    return image.crop(
        (max(0, left - pad), max(0, top - pad), min(image.width, right + pad), min(image.height, bottom + pad))
    )


def _add_svg(brand: Brand, path: Path, problem) -> list[Problem]:
    try:
        data = path.read_bytes()
    except OSError as error:
        return problem(f"kan het bestand niet lezen ({os_reason(error)})")
    if len(data) > MAX_SVG_BYTES:
        return problem(f"SVG is te groot ({dutch_number(len(data))} bytes, hoogstens {dutch_number(MAX_SVG_BYTES)})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return problem("SVG is geen UTF-8")
    refused = _svg_problem(text)
    if refused:
        return problem(refused)
    target = Path(brand._workdir.name) / "logo.svg"
    target.write_bytes(data)
    brand.logo = target
    return []


_DATA_IMAGE = re.compile(r"data:image/(png|jpeg|jpg);base64,(.*)", re.DOTALL)


def _svg_problem(text: str) -> str | None:
    """Why an SVG logo is refused, or None. Only plain drawing: no document type (the home of
    entity bombs), no link to another file, and embedded pictures only as PNG or JPEG that pass
    the same checks as a logo of their own."""
    if re.search(r"<!(DOCTYPE|ENTITY)", text, re.IGNORECASE):
        return "een SVG met <!DOCTYPE> of <!ENTITY> wordt niet gelezen; bewaar het logo opnieuw als gewone SVG"
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return "geen geldige SVG (de XML is beschadigd)"
    if not root.tag.endswith("svg"):
        return "geen geldige SVG (geen <svg>-element)"
    for element in root.iter():
        for name, value in element.attrib.items():
            if not name.endswith("href") or value.startswith("#"):
                continue
            embedded = _DATA_IMAGE.fullmatch(value.strip()) if element.tag.endswith("image") else None
            if embedded is None:
                return "een SVG-logo mag niet naar een ander bestand of adres verwijzen; sluit het in"
            try:
                picture = base64.b64decode(embedded.group(2), validate=False)
                _open_image(picture)
            except (binascii.Error, ValueError):
                return "een afbeelding in de SVG is beschadigd"
            except _LogoError as error:
                return f"een afbeelding in de SVG: {error}"
    return None

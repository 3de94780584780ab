"""How the output looks: deck's own calm house style or an organisation's brand kit (a Look),
and the colour arithmetic both need.

The default colours keep white text readable (WCAG AA) and print well in grey.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

FONT = "Atkinson Hyperlegible"
INK = "#1d2327"  # the near-black of all text (layouts/common.typ)
WHITE = "#ffffff"
MIN_CONTRAST = 4.5  # WCAG AA for normal text

# Category colours, in order of first use. Each has a contrast of at least 4.5:1 with white.
PALETTE = ["#1f5f7a", "#8a3b24", "#3d6130", "#5b3f7a", "#7a1f45", "#2f4f8f", "#6b5518", "#2e6b64", "#7a4a1f", "#4a4a6a"]

STYLE = {
    "muted": "#56616b",
    "back": "#1f3f4f",
    "back-pattern": "#2b5266",
    "back-ink": "#ffffff",
    "deck": "#1f5f7a",
    "kop": "#1f5f7a",
    "accent": "#1f5f7a",
}


class Look(NamedTuple):
    """Font, colours, logo and lines of an organisation, or deck's own calm style."""

    font: str = FONT
    font_dirs: tuple[str, ...] = ()
    style: dict = STYLE  # never changed: a brand kit makes a dict of its own
    palette: tuple[str, ...] = tuple(PALETTE)
    logo: str | None = None  # absolute path of a PNG or SVG
    organisation: str | None = None
    footer: str | None = None
    heading_font: str | None = None

    def as_json(self) -> dict:
        return {
            "font": self.font,
            "style": self.style,
            "logo": self.logo,
            "organisation": self.organisation,
            "footer": self.footer,
            "heading-font": self.heading_font,
        }


DEFAULT_LOOK = Look()


def with_back(style: dict, colour: str) -> dict:
    """style with card backs in this colour: a quiet pattern a shade towards the text colour, and
    text in the colour that reads on it."""
    ink = ink_on(colour) or WHITE
    back = screen_colour(colour)
    pattern = mix(back, ink, 0.14)
    given = cmyk_values(colour)
    style = {**style, "back": back, "back-pattern": pattern, "back-ink": ink, "back-cmyk": given}
    if given:  # the pattern mixed in the brand's own inks, so the back prints in them alone
        ink_values = print_colour(ink)
        style["back-pattern-cmyk"] = [round(a + (b - a) * 0.14, 1) for a, b in zip(given, ink_values, strict=True)]
    return style


def category_colours(categories: list[str], palette: list[str] = PALETTE) -> dict[str, str]:
    """A colour per category, in order of first appearance, cycling through the palette."""
    colours: dict[str, str] = {}
    for name in categories:
        if name not in colours:
            colours[name] = palette[len(colours) % len(palette)]
    return colours


def screen_colour(colour: str) -> str:
    """#rrggbb for a colour given as hex or CMYK."""
    values = cmyk_values(colour)
    if values is None:
        return colour
    c, m, y, k = (v / 100 for v in values)
    return "#" + "".join(f"{round(255 * (1 - v) * (1 - k)):02x}" for v in (c, m, y))


def cmyk_values(colour: str | None) -> list[float] | None:
    """[c, m, y, k] in percent for a colour written as 'cmyk(…%, …%, …%, …%)', None otherwise."""
    match = re.fullmatch(
        r"cmyk\(\s*([\d.]+)%\s*,\s*([\d.]+)%\s*,\s*([\d.]+)%\s*,\s*([\d.]+)%\s*\)", (colour or "").strip()
    )
    return [float(part) for part in match.groups()] if match else None


def print_colour(colour: str) -> list[float]:
    """[c, m, y, k] in percent for a print shop: a CMYK colour as given; deck's text colour as
    black ink alone (100 % K); greys as a tint of black; other colours by the plain formula
    (no colour profile: a brand that cares gives its CMYK values)."""
    given = cmyk_values(colour)
    if given is not None:
        return given
    if colour.lower() == INK:
        return [0, 0, 0, 100]
    r, g, b = (v / 255 for v in _rgb(colour))
    if max(r, g, b) - min(r, g, b) <= 0.1:
        return [0, 0, 0, round(100 * (1 - (r + g + b) / 3), 1)]
    k = 1 - max(r, g, b)
    return [round(100 * (1 - v - k) / (1 - k), 1) for v in (r, g, b)] + [round(100 * k, 1)]


def for_print(style: dict) -> dict:
    """The style with every colour in CMYK (print_colour, or the brand's own values kept beside
    it as '<name>-cmyk'), text in black ink: what a print shop's PDF uses, so one colour never
    prints two ways."""
    converted = {"ink": [0, 0, 0, 100], "paper": [0, 0, 0, 0]}
    for name, value in style.items():
        if name.endswith("-cmyk"):
            continue
        if isinstance(value, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            converted[name] = style.get(f"{name}-cmyk") or print_colour(value)
        else:
            converted[name] = value
    return converted


def mix(colour: str, other: str, amount: float) -> str:
    """colour moved `amount` (0–1) of the way towards other; both #rrggbb."""
    a, b = _rgb(colour), _rgb(other)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def contrast(colour: str, other: str = WHITE) -> float:
    """WCAG 2 contrast ratio of two colours (hex or CMYK), from 1 to 21."""
    lighter, darker = sorted((_luminance(colour), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def ratio(value: float) -> str:
    """A contrast ratio as a message shows it: rounded down, so 4.47 never reads as the 4.5 it misses."""
    return f"{math.floor(value * 10) / 10:.1f}:1"


def ink_on(colour: str) -> str | None:
    """The text colour that reads on this background: white, else near-black, whichever reaches
    WCAG AA (4.5:1); None when neither does (a mid grey, a muted mid-tone)."""
    for ink in (WHITE, INK):
        if contrast(colour, ink) >= MIN_CONTRAST:
            return ink
    return None


def unreadable(colour: str) -> str:
    """Why no text reads on this colour, in the words of an error line."""
    return (
        f"op {colour} is geen tekst goed leesbaar: wit haalt een contrast van {ratio(contrast(colour, WHITE))}, zwart "
        f"{ratio(contrast(colour, INK))}, nodig is {MIN_CONTRAST}:1 (WCAG AA); kies een lichtere of donkerdere kleur"
    )


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(screen_colour(colour)))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b

"""How the output looks: deck's own calm house style or an organisation's brand kit (a Look),
and the colour arithmetic both need.

The default colours keep white text readable (WCAG AA) and print well in grey.
"""

from __future__ import annotations

import re
from typing import NamedTuple

FONT = "Atkinson Hyperlegible"

# Category colours, in order of first use. Each has a contrast of at least 4.5:1 with white.
PALETTE = ["#1f5f7a", "#8a3b24", "#3d6130", "#5b3f7a", "#7a1f45", "#2f4f8f", "#6b5518", "#2e6b64", "#7a4a1f", "#4a4a6a"]

STYLE = {
    "muted": "#56616b",
    "back": "#1f3f4f",
    "back-pattern": "#2b5266",
    "back-ink": "#ffffff",
    "deck": "#1f5f7a",
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


def mix(colour: str, other: str, amount: float) -> str:
    """colour moved `amount` (0–1) of the way towards other; both #rrggbb."""
    a, b = _rgb(colour), _rgb(other)
    return "#" + "".join(f"{round(x + (y - x) * amount):02x}" for x, y in zip(a, b, strict=True))


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def contrast_with_white(colour: str) -> float:
    """WCAG 2 contrast ratio of white text on this colour (hex or CMYK)."""

    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in _rgb(screen_colour(colour)))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)

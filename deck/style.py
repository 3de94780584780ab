"""The default house style: calm colours that keep white text readable (WCAG AA) and print in grey."""

from __future__ import annotations

# Category colours, in order of first use. Each has a contrast of at least 4.5:1 with white.
PALETTE = ["#1f5f7a", "#8a3b24", "#3d6130", "#5b3f7a", "#7a1f45", "#2f4f8f", "#6b5518", "#2e6b64", "#7a4a1f", "#4a4a6a"]

STYLE = {
    "muted": "#56616b",
    "back": "#1f3f4f",
    "back-pattern": "#2b5266",
    "back-ink": "#ffffff",
    "deck": "#1f5f7a",
}


def category_colours(categories: list[str], palette: list[str] = PALETTE) -> dict[str, str]:
    """A colour per category, in order of first appearance, cycling through the palette."""
    colours: dict[str, str] = {}
    for name in categories:
        if name not in colours:
            colours[name] = palette[len(colours) % len(palette)]
    return colours

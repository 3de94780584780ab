"""Where the bundled sources and layouts live: inside the installed package, or in the checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    """The bundled folder `name` (sources, layouts, fonts).

    A wheel carries it inside the package (see pyproject.toml, force-include); a checkout has
    it at the top level beside the package.
    """
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name

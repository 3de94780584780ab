"""Fitted text sizes, remembered between builds.

Fitting a card's text means measuring it at one or more sizes: about half of Typst's work on
a plain deck. The size found depends only on the card's content, its box, the fonts, the card
layout and the Typst version, so it is kept under a key of exactly those: in memory for the
rebuilds of one process (deck watch), and in a small file per deck in the user's cache folder
for the next `deck build`. A card whose key is known is set at its size after one measurement
that confirms it fits (so no cache content can make text clip); any change (an edited word,
another font file, a new layout) makes a new key and a new search. The cache is only a shortcut:
when it cannot be read or written, deck measures as before; `deck check` always measures.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import typst

from deck import __version__, cache
from deck.paths import bundled

_memory: dict[str, dict[str, dict]] = {}  # per deck file name: card key -> {"size": pt, "hyph": bool}


def recall(payload: dict, font: str, font_dirs: tuple[str, ...], use: bool = True) -> tuple[str, list[str]]:
    """Give every card whose size is known a `fitted` field: a hint the layout checks with one
    measurement before it uses it. Returns the deck's cache file and every card's key, which
    remember() needs after the compile. With use=False no card gets a hint (deck check measures all)."""
    name = _deck_name(payload, font, font_dirs)
    keys = [_card_key(card) for card in payload["cards"]]
    known = _known(name) if use else {}
    for card, key in zip(payload["cards"], keys, strict=True):
        fitted = known.get(key) if card["vorm"] in payload["fit"] else None
        if fitted:
            card["fitted"] = fitted
    return name, keys


def remember(kept: tuple[str, list[str]], found: list[dict]) -> None:
    """Keep the sizes Typst reported (`<fitted>` metadata: card index, size, hyph) for the deck
    that recall() saw."""
    if not found:
        return
    name, keys = kept
    known = _known(name)
    known.update({keys[item["card"]]: {"size": item["size"], "hyph": item["hyph"]} for item in found})
    if len(known) > 4 * len(keys) + 100:  # edited cards leave old keys behind
        current = set(keys)
        known = _memory[name] = {key: value for key, value in known.items() if key in current}
    _write(name, known)


def _known(name: str) -> dict[str, dict]:
    if name not in _memory:
        _memory[name] = _read(name)
    return _memory[name]


def _deck_name(payload: dict, font: str, font_dirs: tuple[str, ...]) -> str:
    """The cache file of a deck at one size, font set, layout and Typst version."""
    box = [payload.get(name) for name in ("title", "width", "height", "safe", "band", "fit")]
    layout = hashlib.sha256((bundled("layouts") / "cards.typ").read_bytes()).hexdigest()
    fonts = [_font_files(folder) for folder in (str(bundled("layouts") / "fonts"), *font_dirs)]
    context = json.dumps([box, font, fonts, layout, typst.__version__, __version__], sort_keys=True)
    return "maten-" + hashlib.sha256(context.encode()).hexdigest()[:24] + ".json"


def _font_files(folder: str) -> list:
    try:
        entries = sorted(Path(folder).rglob("*"))
        return [folder] + [[str(p), p.stat().st_size, p.stat().st_mtime_ns] for p in entries if p.is_file()]
    except OSError:
        return [folder]


def _card_key(card: dict) -> str:
    content = {name: value for name, value in card.items() if name not in ("id", "fitted")}
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()[:32]


def _read(name: str) -> dict[str, dict]:
    try:
        data = json.loads(cache.read(name) or b"{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: value for key, value in data.items() if _valid(value)}


def _valid(value) -> bool:
    return (
        isinstance(value, dict)
        and set(value) == {"size", "hyph"}
        and isinstance(value["hyph"], bool)
        and isinstance(value["size"], (int, float))
        and 1 <= value["size"] <= 200
    )


def _write(name: str, known: dict[str, dict]) -> None:
    cache.write(name, json.dumps(known).encode())

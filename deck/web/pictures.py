"""What deck serve's pages show, read and made once per version of the files it comes from: the
inputs (a brand kit takes some 35 ms to check, and a page asks several times), the pictures of a
deck's cards, and the thumbnails of the overview."""

from __future__ import annotations

import contextlib
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from deck.build import Inputs, Request, render_targets
from deck.cards import selected_cards
from deck.errors import DeckError
from deck.render import CardOptions, card_stem, plain_backs, thumbnail
from deck.sources import Sources, default_sources_dir
from deck.targets import Target, list_targets
from deck.werkbladen import SESSIEPLAN

PAGE_PPI = 100  # a deck page's pictures, about 250 pixels wide: sharp at their size, a deck in 0.1 s
TABLE_PPI = 200  # a card 88 mm high is about 700 pixels: sharp on a shared screen
THUMBNAIL_PPI = 144  # a page 50 mm wide: about 280 pixels, sharp on a laptop's screen
PLAIN_BACK = re.compile(r"achterkant-\d+\.png")  # a back without text, shared by cards (render.plain_backs)


class Served(NamedTuple):
    """The targets a page offers, by kind."""

    decks: list[Target]
    werkbladen: list[Target]
    boekjes: list[Target]


class CardPair(NamedTuple):
    number: int
    front: str  # picture names, as deck_pictures has them
    back: str


def load(inputs: Inputs, options: CardOptions = CardOptions(), cards: str | None = None) -> tuple[Sources, Request]:
    """inputs.load(options, cards), read again only when a file of the sources or brand kit changed."""
    return _loaded(inputs, options, cards, state(inputs))


@lru_cache(maxsize=32)
def _loaded(inputs: Inputs, options: CardOptions, cards: str | None, versions: tuple) -> tuple[Sources, Request]:
    return inputs.load(options, cards)


def state(inputs: Inputs) -> tuple:
    """The version of every file the inputs may read: the sources folder and the brand kit's folder
    (with its subfolders one level down, where fonts are)."""
    folders = [inputs.sources or default_sources_dir()]
    if inputs.brand:
        folders += [inputs.brand.parent, *_subfolders(inputs.brand.parent)]
    return tuple(_version(path) for folder in folders for path in entries(folder))


def entries(folder: Path) -> list[Path]:
    """The folder's entries, sorted; none when it cannot be read."""
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def _subfolders(folder: Path) -> list[Path]:
    return [path for path in entries(folder) if path.is_dir() and not path.is_symlink()]


def _version(path: Path) -> tuple:
    try:
        info = path.stat()
        return (str(path), info.st_mtime_ns, info.st_size)
    except OSError:
        return (str(path), None, None)


def targets(inputs: Inputs) -> list[Target]:
    """What can be made from the inputs (`deck list`), worked out once per version of the files."""
    return _targets(inputs, state(inputs))


@lru_cache(maxsize=32)
def _targets(inputs: Inputs, versions: tuple) -> list[Target]:
    return [target for target in list_targets(load(inputs)[0]) if target.bouwbaar]


def served(inputs: Inputs) -> Served:
    found = targets(inputs)
    return Served(*([t for t in found if t.soort == kind] for kind in ("kaarten", "werkblad", "boekje")))


def find_target(inputs: Inputs, target_id: str, kind: str | None) -> Target | None:
    """The target with this id (and kind): ids are looked up, never used as paths."""
    for target in targets(inputs):
        if target.id == target_id and (kind is None or target.soort == kind):
            return target
    return None


def render_one(inputs: Inputs, target_id: str, options: CardOptions = CardOptions(), cards: str | None = None):
    """One target's output (a Rendered), as `deck build` makes it."""
    sources, request = load(inputs, options, cards)
    return render_targets(sources, [target_id], request, jobs=1)[0][2]


def deck_pictures(inputs: Inputs, deck_id: str) -> dict[str, bytes]:
    """Every card side with text of a deck as a small PNG, and each plain back once (achterkant-1.png,
    …): made for the whole deck at once, and again when a source file or the brand kit changes."""
    return _whole_deck(inputs, deck_id, PAGE_PPI, True, state(inputs))


def table_picture(inputs: Inputs, deck_id: str, name: str) -> bytes | None:
    """One card side large, for the kaarttafel (None: the deck has no such picture). A numbered
    card is made on its own, in some 20 ms, as a reprint is: it looks as it does in the whole deck."""
    numbered = re.fullmatch(r"(\d{3})(?:-\d+)?(?:-achterkant)?\.png", name)
    if numbered:
        try:
            sides = _one_card(inputs, deck_id, int(numbered.group(1)), state(inputs))
        except DeckError:
            return None  # no card with that number
    else:
        sides = _whole_deck(inputs, deck_id, TABLE_PPI, False, state(inputs))
    return sides.get(name)


@lru_cache(maxsize=8)
def _whole_deck(inputs: Inputs, deck_id: str, ppi: int, backs: bool, versions: tuple) -> dict[str, bytes]:
    return render_one(inputs, deck_id, CardOptions(fmt="png", ppi=ppi, backs=backs)).images


@lru_cache(maxsize=256)
def _one_card(inputs: Inputs, deck_id: str, number: int, versions: tuple) -> dict[str, bytes]:
    return render_one(inputs, deck_id, CardOptions(fmt="png", ppi=TABLE_PPI), str(number)).images


def card_pairs(inputs: Inputs, deck_id: str) -> list[CardPair]:
    """Every numbered card of a deck with the names of its front and back pictures (deck_pictures)."""
    sources, request = load(inputs)
    cards, labels, _ = selected_cards(sources.documents[deck_id], None, list(request.look.palette))
    back_of = {
        index: f"achterkant-{n}.png" for n, indexes in enumerate(plain_backs(cards).values(), 1) for index in indexes
    }
    pairs = []
    for index, label in enumerate(labels):
        if label:
            stem = card_stem(label)
            pairs.append(CardPair(int(stem), f"{stem}.png", back_of.get(index, f"{stem}-achterkant.png")))
    return pairs


def thumbnail_of(inputs: Inputs, target_id: str) -> bytes:
    """A small picture of a deck's first card, or of a werkblad's or the booklet's first page."""
    return _thumbnail(inputs, target_id, state(inputs))


@lru_cache(maxsize=128)
def _thumbnail(inputs: Inputs, target_id: str, versions: tuple) -> bytes:
    target = find_target(inputs, target_id, None)
    if target.soort == "kaarten":
        return render_one(inputs, target_id, CardOptions(fmt="png", ppi=THUMBNAIL_PPI // 2), "1").images["001.png"]
    return thumbnail(render_one(inputs, target_id).pdf, target_id, ppi=THUMBNAIL_PPI)


def has_thumbnail(target: Target) -> bool:
    return target.id != SESSIEPLAN  # made from a plan only: see the Sessie plannen page


def make_thumbnails(inputs: Inputs) -> None:
    """Every picture of the overview, made once ahead (in a thread when the server starts), so that
    the overview shows at once. A target that cannot be made is left out: its page says why."""
    with contextlib.suppress(DeckError):
        for target in (target for kind in served(inputs) for target in kind if has_thumbnail(target)):
            with contextlib.suppress(DeckError):
                thumbnail_of(inputs, target.id)

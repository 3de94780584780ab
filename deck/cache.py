"""The user's cache folder: shortcuts kept between runs (fitted text sizes, parsed sources, QR codes).

Nothing in it is needed for a correct result. Every entry is JSON or text, never code; it is
stored under a key of everything it depends on, and read back with the same checks as the input
it replaces. A file that cannot be read counts as missing, and when the folder cannot be written
deck simply does the work again next time. The system's cache folder is not used when others
could write to it; a DECK_CACHE like that, or one that is a file, is an error.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from deck import scratch
from deck.errors import DeckError, Problem

CACHE_ENV = "DECK_CACHE"  # the cache folder; "uit" keeps nothing on disk


def folder() -> Path | None:
    """DECK_CACHE, or the system's place for caches (~/.cache/deck on Linux); None for none. A
    DECK_CACHE that is a file, or a folder others can write in, is an error: it was asked for."""
    setting = os.environ.get(CACHE_ENV)
    if setting == "uit":
        return None
    if setting:
        chosen = Path(setting)
        if chosen.exists() and not chosen.is_dir():
            raise DeckError([Problem(CACHE_ENV, None, "", f"{setting} is geen map; geef een eigen map, of 'uit'")])
        if chosen.is_dir() and not _private(chosen):
            message = f"in {setting} kunnen anderen schrijven; geef een map van uzelf alleen, of 'uit'"
            raise DeckError([Problem(CACHE_ENV, None, "", message)])
        return chosen
    import platformdirs  # imported here: only a start that uses the cache needs it

    return Path(platformdirs.user_cache_dir("deck", appauthor=False))


def read(name: str) -> bytes | None:
    where = folder()
    if where is None or not _private(where):
        return None
    try:
        return (where / name).read_bytes()
    except (OSError, ValueError):
        return None


def write(name: str, data: bytes) -> None:
    """Atomically, so a build running beside this one reads a whole file or none."""
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(where):
            return
        scratch.sweep(where)
        handle, temporary = tempfile.mkstemp(dir=where, prefix=scratch.name("bewaar", ""))
    except (OSError, ValueError):
        return
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, where / name)
    except BaseException as error:  # a failed write is only a missed shortcut; a stop still stops
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if not isinstance(error, OSError):
            raise


def _private(where: Path) -> bool:
    """Whether the folder is this user's own and nobody else can write in it."""
    try:
        info = where.stat()
    except (OSError, ValueError):
        return False
    mine = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_ISDIR(info.st_mode) and mine and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)

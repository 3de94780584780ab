"""The user's cache folder: shortcuts kept between runs (fitted text sizes, validated sources).

Nothing in it is needed for a correct result. Every entry is stored under a key of everything
it depends on, a file that cannot be read counts as missing, and when the folder cannot be
written deck simply does the work again next time.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

CACHE_ENV = "DECK_CACHE"  # the cache folder; "uit" keeps nothing on disk


def folder() -> Path | None:
    setting = os.environ.get(CACHE_ENV)
    if setting == "uit":
        return None
    if setting:
        return Path(setting)
    try:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    except (RuntimeError, KeyError):  # no home folder to be found: keep nothing
        return None
    return Path(base) / "deck"


def read(name: str) -> bytes | None:
    where = folder()
    if where is None:
        return None
    try:
        return (where / name).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    """Atomically, so a build running beside this one reads a whole file or none."""
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=where, prefix=".deck-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, where / name)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)

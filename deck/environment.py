"""The environment variables deck reads besides DECK_CACHE (deck/cache.py), checked like any
other input: a bad value is one Dutch line naming the variable, never a traceback."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from deck.errors import DeckError, Problem

_LAST_SECOND = 253_402_300_799  # 9999-12-31 23:59:59, the last moment a date can hold


def source_date() -> datetime | None:
    """SOURCE_DATE_EPOCH as a moment, for builds that give the same bytes again; None when not set."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or int(value) > _LAST_SECOND:
        message = f"'{value[:40]}' is geen tijdstip: geef de seconden sinds 1 januari 1970, zoals 1767225600"
        raise DeckError([Problem("SOURCE_DATE_EPOCH", None, "", message)])
    return datetime.fromtimestamp(int(value), UTC)


def jobs() -> int | None:
    """DECK_JOBS: how many processes a build may use; None when not set."""
    value = os.environ.get("DECK_JOBS", "")
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or int(value) < 1:
        raise DeckError([Problem("DECK_JOBS", None, "", f"'{value[:40]}' is geen aantal processen: gebruik 1 of 2")])
    return int(value)

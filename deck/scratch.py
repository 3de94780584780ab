"""Scratch space: folders in the system's temporary folder, and temporary names beside the
output. Both carry the process id, so a later run removes what a killed one left behind; the
folders are private (0700, as tempfile makes them). A casus never goes here (see typeset.py)."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import tempfile
from pathlib import Path

PREFIX = "deck"
_OURS = re.compile(rf"\.?{PREFIX}-[a-z]+-(\d+)-.*")
_swept: set[str] = set()


def folder(kind: str) -> tempfile.TemporaryDirectory:
    """A private scratch folder, removed when the object is; stale ones of dead runs go first."""
    sweep(Path(tempfile.gettempdir()))
    return tempfile.TemporaryDirectory(prefix=f"{PREFIX}-{kind}-{os.getpid()}-", ignore_cleanup_errors=True)


def name(kind: str, final: str) -> str:
    """A hidden name, unique to this call, for a file or folder being written beside `final`;
    swept if the run dies."""
    return f".{PREFIX}-{kind}-{os.getpid()}-{secrets.token_hex(4)}-{final}"


def sweep(place: Path) -> None:
    """Remove, once per run and place, what runs that are no longer alive left in it."""
    if str(place) in _swept:
        return
    _swept.add(str(place))
    try:
        entries = list(place.iterdir())
    except OSError:
        return
    for entry in entries:
        found = _OURS.fullmatch(entry.name)
        if found and not _alive(int(found.group(1))) and _owned(entry):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # another user's, or not a process id: not ours to touch
    return True


def _owned(entry: Path) -> bool:
    try:
        return entry.lstat().st_uid == os.getuid()
    except OSError:
        return False

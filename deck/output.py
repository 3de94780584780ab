"""Stage 4: write results all or nothing. Every file of a build is first written under a
hidden name beside its target; only when all of them are written are they moved into place, each
in one step. A failed or interrupted build never leaves half a file, and a build that fails
(a full disk included) leaves every earlier file in the output folder as it was."""

from __future__ import annotations

import os
import shutil
import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

from deck import scratch, stop
from deck.errors import DeckError, Problem, display_path, os_reason


def prepare_folder(folder: Path) -> None:
    """Create the output folder, or explain in Dutch why that cannot be done; remove what killed
    runs left in it."""
    shown = display_path(folder)
    try:
        if folder.is_symlink() and not folder.exists():
            raise DeckError([Problem(shown, None, "", "uitvoermap is een koppeling naar een map die niet bestaat")])
        if folder.exists() and not folder.is_dir():
            raise DeckError([Problem(shown, None, "", "uitvoermap is een bestand; kies een map met --out")])
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DeckError(
            [Problem(shown, None, "", f"uitvoermap kan niet worden gemaakt ({os_reason(error)})")]
        ) from None
    if not os.access(folder, os.W_OK):
        raise DeckError([Problem(shown, None, "", "geen schrijfrechten in de uitvoermap")])
    scratch.sweep(folder)


class Staged(NamedTuple):
    """A file or folder written under a hidden name, waiting to be moved over its target."""

    temporary: Path
    target: Path


def write_all(files: list[tuple[Path, bytes | dict[str, bytes]]]) -> None:
    """Write every file (bytes) and folder of images (name -> bytes), then move them all into place."""
    staged = [Staged(target.parent / scratch.name("nieuw", target.name), target) for target, _ in files]
    current = staged[0].target if staged else None
    try:
        for item, (_, content) in zip(staged, files, strict=True):
            current = item.target
            _stage(item.temporary, content)
        stop.checkpoint()
        with held_stops():  # the moves, a few renames, are done together or not at all
            for item in staged:
                current = item.target
                _move_into_place(item)
    except BaseException as error:
        for item in staged:
            _remove(item.temporary)
        if isinstance(error, OSError):
            where = display_path(current)
            raise DeckError([Problem(where, None, "", f"kan niet schrijven ({os_reason(error)})")]) from None
        raise


def write_file(path: Path, data: bytes) -> None:
    write_all([(path, data)])


def _stage(temporary: Path, content: bytes | dict[str, bytes]) -> None:
    if isinstance(content, dict):
        temporary.mkdir()
        for name, data in content.items():
            _write_synced(temporary / name, data)
    else:
        _write_synced(temporary, content)


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "xb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.chmod(path, 0o666 & ~_umask())


def _move_into_place(item: Staged) -> None:
    """A file replaces its target in one step; a folder of images takes the old one's place,
    which goes only after (a folder cannot be replaced in one step)."""
    if not item.temporary.is_dir():
        os.replace(item.temporary, item.target)
        return
    retired = item.target.parent / scratch.name("oud", item.target.name)
    if item.target.exists():
        item.target.rename(retired)
    item.temporary.rename(item.target)
    shutil.rmtree(retired, ignore_errors=True)


STOPS = {signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)}


@contextmanager
def held_stops():
    """Ctrl+C and kill wait until the block is done (where signals can be held back): a stop
    then arrives just after it, as if it came a moment later."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, STOPS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

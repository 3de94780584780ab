"""Stage 4: write results atomically, so a failed or interrupted build never leaves half a file
and never damages what was there before."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from deck.errors import DeckError, Problem, display_path, os_reason


def prepare_folder(folder: Path) -> None:
    """Create the output folder, or explain in Dutch why that cannot be done."""
    shown = display_path(folder)
    if folder.exists() and not folder.is_dir():
        raise DeckError([Problem(shown, None, "", "uitvoermap is een bestand; kies een map met --out")])
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DeckError(
            [Problem(shown, None, "", f"uitvoermap kan niet worden gemaakt ({os_reason(error)})")]
        ) from None
    if not os.access(folder, os.W_OK):
        raise DeckError([Problem(shown, None, "", "geen schrijfrechten in de uitvoermap")])


def write_file(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, then rename over the target in one step."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise DeckError([Problem(display_path(path), None, "", f"kan niet schrijven ({os_reason(error)})")]) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise DeckError(
                [Problem(display_path(path), None, "", f"kan niet schrijven ({os_reason(error)})")]
            ) from None
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_folder(folder: Path, files: dict[str, bytes]) -> None:
    """Replace folder by a new one holding files; the old one stays until the new one is complete."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    except OSError as error:
        raise DeckError([Problem(display_path(folder), None, "", f"kan niet schrijven ({os_reason(error)})")]) from None
    retired = None
    try:
        for name, data in files.items():
            (staging / name).write_bytes(data)
        if folder.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=folder.parent))
            folder.rename(retired / folder.name)
        staging.rename(folder)
    except BaseException as error:
        shutil.rmtree(staging, ignore_errors=True)
        if retired and not folder.exists():
            (retired / folder.name).rename(folder)  # put the previous images back
        if isinstance(error, OSError):
            raise DeckError(
                [Problem(display_path(folder), None, "", f"kan niet schrijven ({os_reason(error)})")]
            ) from None
        raise
    finally:
        if retired:
            shutil.rmtree(retired, ignore_errors=True)

"""Run `deck` and record every call it makes into Typst, so that bench/replay.py can make exactly
those calls again without deck: the Typst-only floor a build is measured against.

    python bench/capture.py FOLDER build emoties --out /tmp/x

Each compile or query becomes FOLDER/<pid>-<n>.json (the files in memory, the fonts, the call);
the PDF a second pass places is saved beside it. Runs deck in this process, workers included.
"""

from __future__ import annotations

import itertools
import json
import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import deck.render  # noqa: E402 - after the path is set
import deck.typeset  # noqa: E402

_counter = itertools.count()


def _record(folder: Path, entry: dict) -> None:
    name = f"{time.monotonic_ns():020d}-{os.getpid()}-{next(_counter)}.json"
    (folder / name).write_text(json.dumps(entry), encoding="utf-8")


def _recording_compiler(folder: Path, make):
    class Recording:
        def __init__(self, files, look, what, cmyk=False):
            self.compiler = make(files, look, what, cmyk)
            fonts = [str(deck.typeset.bundled("layouts") / "fonts"), *look.font_dirs]
            files = {name: data.decode() for name, data in files.items()}
            self.entry = {"files": files, "fonts": fonts, "sys_inputs": {"kleuren": "cmyk"} if cmyk else {}}

        def compile(self, timestamp, **options):
            _record(folder, {**self.entry, "op": "compile", "timestamp": timestamp.timestamp(), "options": options})
            return self.compiler.compile(timestamp=timestamp, **options)

        def query(self, label, field):
            _record(folder, {**self.entry, "op": "query", "label": label})
            return self.compiler.query(label, field=field)

    return Recording


def _recording_on_disk(folder: Path, on_disk):
    @contextmanager
    def recorded(name, data, what):
        with on_disk(name, data, what) as path:
            _record(folder, {"op": "file", "path": path, "data": data.hex()})
            yield path

    return recorded


def main() -> None:
    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    deck.typeset._compiler = _recording_compiler(folder, deck.typeset._compiler)
    deck.render.on_disk = _recording_on_disk(folder, deck.typeset.on_disk)
    from deck.cli import main as deck_main

    deck_main(sys.argv[2:], prog_name="deck")


if __name__ == "__main__":
    main()

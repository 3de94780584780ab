"""Make the Typst calls bench/capture.py recorded, in order, in one process, with nothing of deck:
Python's start, typst's import, the fonts and the compiles. What a build cannot do with less.

    python bench/replay.py FOLDER
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import typst


def main() -> None:
    placed: list[Path] = []
    try:
        replay(Path(sys.argv[1]), placed)
    finally:
        for path in placed:
            path.unlink(missing_ok=True)
            path.parent.rmdir()


def replay(folder: Path, placed: list[Path]) -> None:
    fonts: dict[tuple, typst.Fonts] = {}  # loaded once per set of font folders, as deck does
    for path in sorted(folder.glob("*.json")):
        entry = json.loads(path.read_text(encoding="utf-8"))
        if entry["op"] == "file":  # the first pass a second pass places: where it was
            placed.append(Path(entry["path"]))
            placed[-1].parent.mkdir(parents=True, exist_ok=True)
            placed[-1].write_bytes(bytes.fromhex(entry["data"]))
            continue
        folders = tuple(entry["fonts"])
        if folders not in fonts:
            fonts[folders] = typst.Fonts(include_system_fonts=False, font_paths=list(folders))
        files = {name: text.encode() for name, text in entry["files"].items()}
        sys_inputs = entry.get("sys_inputs", {})
        compiler = typst.Compiler(input=files, root="/", font_paths=fonts[folders], sys_inputs=sys_inputs)
        if entry["op"] == "query":
            compiler.query(entry["label"], field="value")
        else:
            compiler.compile(timestamp=datetime.fromtimestamp(entry["timestamp"], UTC), **entry["options"])


if __name__ == "__main__":
    main()

"""Golden outputs: a fixed set of `deck` commands and the SHA-256 of every file they write.

A refactoring must not change a single byte of what deck prints; a deliberate change of the
output regenerates the record, and its commit says why:

    python -m tests.golden --update

The commands run as users run them (`python -m deck` in a fresh process, with a cold cache).
The record holds the Typst version it was made with: another Typst version may set type
differently, so then the comparison is skipped, saying so.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RECORD = Path(__file__).resolve().parent / "data" / "golden.json"
DECKS = ["emoties", "hand", "helpende-vragen", "oefeningen", "spanningsvelden", "werkkaarten"]

# name -> arguments of `deck`; every file the command writes into its --out folder is recorded
COMMANDS: dict[str, list[str]] = {
    "standaard": ["build"],
    "drukker": ["build", *DECKS, "--mode", "shop"],
    "huisstijl": ["build", "--brand", "examples/huisstijl/brand.yaml"],
    "huisstijl-drukker": [
        "build",
        "spanningsvelden",
        "werkkaarten",
        "--mode",
        "shop",
        "--brand",
        "examples/huisstijl/brand.yaml",
    ],
    "casus-en-plan": ["build", "--casus", "tests/data/casus/casus.yaml", "--plan", "examples/plan.yaml"],
    "letter-kort-tarot": [
        "build",
        "emoties",
        "werkkaarten",
        "--paper",
        "letter",
        "--flip",
        "short",
        "--back-offset",
        "1,-0.5",
        "--size",
        "tarot",
    ],
    "selectie": ["build", "spanningsvelden", "--cards", "3,7-9"],
    "svg": ["build", "oefeningen", "--format", "svg", "--cards", "1-3"],
    "svg-heel": ["build", "hand", "--format", "svg"],
    "png": ["build", "hand", "--format", "png"],
    "toegankelijk": ["build", "tijdlijn", "--pdf-standard", "ua-1"],
    "eigen-deck": ["build", "--sources", "examples/eigen-deck", "--size", "bridge"],
    "uitlijntest": ["uitlijntest", "--paper", "letter", "--flip", "short"],
}


def outputs(names: list[str] | None = None) -> dict[str, str]:
    """Run the commands (two at a time) and hash what they write: {command/file: sha256}."""
    chosen = names or list(COMMANDS)
    with tempfile.TemporaryDirectory(prefix="deck-golden-") as work, ThreadPoolExecutor(2) as pool:
        results = pool.map(lambda name: _run(name, Path(work)), chosen)
        return {key: digest for result in results for key, digest in result.items()}


def _run(name: str, work: Path) -> dict[str, str]:
    out = work / name
    environment = {**os.environ, "DECK_CACHE": str(work / f"cache-{name}"), "SOURCE_DATE_EPOCH": "1767225600"}
    command = [sys.executable, "-m", "deck", *COMMANDS[name], "--out", str(out)]
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"deck {' '.join(COMMANDS[name])} failed:\n{result.stderr}")
    return {
        f"{name}/{path.relative_to(out).as_posix()}": hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(out.rglob("*"))
        if path.is_file()
    }


def typst_version() -> str:
    import typst

    return typst.__version__


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="write the record anew")
    arguments = parser.parse_args()
    found = outputs()
    if arguments.update:
        RECORD.write_text(
            json.dumps({"typst": typst_version(), "files": found}, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
        print(f"{RECORD.relative_to(ROOT)}: {len(found)} files")
        return
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))["files"]
    changed = sorted(key for key in set(found) | set(recorded) if found.get(key) != recorded.get(key))
    print("\n".join(changed) if changed else f"all {len(found)} files byte-identical")
    sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()

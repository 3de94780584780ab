"""Benchmark: prints a table of timings (median of several runs) and checks them against the targets.

Run from the repository root after `python -m pip install .`:

    python bench/run.py            # full run, a few minutes
    python bench/run.py --quick    # fewer repetitions, no 5,000-card deck

Whole-process numbers start a fresh `python -m deck` each time, as a user does. "Typst share" is
measured in one process by timing every call into Typst (deck/typeset.py).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = [
    "Wat zie je gebeuren als het spannend wordt in het gezin?",
    "Wie is er nog niet gehoord, en hoe komt dat?",
    "Welk patroon herken je uit eerdere hulpverlening?",
    "Wat heb jij nodig om te vertragen en te verdragen?",
    "Waar ben je trots op in deze samenwerking?",
    "Wat zou het gezin zeggen als het hier aan tafel zat?",
]


def synthetic_sources(folder: Path, cards: int) -> Path:
    """A kaarten deck of `cards` cards in 10 categories."""
    folder.mkdir(parents=True, exist_ok=True)
    per = cards // 10
    document = {
        "soort": "kaarten", "id": "synth", "titel": f"Testdeck {cards}",
        "bron": {"publicatie": "Benchmark", "uitgever": "deck"},
        "categorieen": [{"naam": f"Categorie {c + 1}",
                         "kaarten": [{"tekst": f"{QUESTIONS[(c + i) % len(QUESTIONS)]} ({c * per + i + 1})"}
                                     for i in range(per)]} for c in range(10)],
    }
    (folder / "synth.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return folder


def whole_process(args: list[str], runs: int) -> tuple[float, float]:
    """Median wall time of `python -m deck ARGS` and the peak memory of those processes (MB)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "deck", *args], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(times), peak


def typst_share(ids: list[str], sources: Path | None, out: Path) -> tuple[float, float]:
    """(seconds in-process, share inside Typst) for one serial build in this process."""
    import deck.render as render
    from deck.build import build_targets
    from deck.sources import load_sources

    spent = {"typst": 0.0}

    def timed(function):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent["typst"] += time.perf_counter() - started
        return wrapper

    originals = (render.typeset, render.second_pass, render.query)
    render.typeset, render.second_pass, render.query = (timed(f) for f in originals)
    try:
        started = time.perf_counter()
        build_targets(load_sources(sources), ids, out, jobs=1)
        total = time.perf_counter() - started
    finally:
        render.typeset, render.second_pass, render.query = originals
    return total, spent["typst"] / total


def warm_edit(sources: Path, out: Path) -> float:
    """Seconds to rebuild after changing one card, with warm compilers (as `deck watch` does)."""
    from deck.build import build_targets
    from deck.sources import load_sources

    build_targets(load_sources(sources), ["synth"], out, jobs=1)
    path = sources / "synth.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("(1)", "(één)", 1), encoding="utf-8")
    started = time.perf_counter()
    build_targets(load_sources(sources), ["synth"], out, jobs=1)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    quick = parser.parse_args().quick
    runs = 3 if quick else 5
    rows: list[tuple[str, str, str]] = []
    work = Path(tempfile.mkdtemp(prefix="deck-bench-"))
    print(f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.system()} {platform.release()}")

    all_time, all_peak = whole_process(["build", "--quiet", "--out", str(work / "all")], runs)
    rows.append(("alle standaarddoelen (deck build)", f"{all_time:.2f} s", f"{all_peak:.0f} MB piek"))
    in_process, share = typst_share([], None, work / "share")
    rows.append(("  waarvan in Typst (één proces, zonder opstarten)", f"{share:.0%}", f"van {in_process:.2f} s"))
    startup, _ = whole_process(["list"], runs)
    rows.append(("  opstarten + bronnen laden (deck list)", f"{startup:.2f} s", ""))

    from deck.sources import load_sources
    from deck.targets import list_targets

    for target in list_targets(load_sources()):
        if target.bouwbaar and target.id != "sessieplan":
            seconds, _ = whole_process(["build", target.id, "--quiet", "--out", str(work / "one")], max(2, runs - 2))
            rows.append((f"  {target.id}", f"{seconds:.2f} s", target.soort))

    sizes = [100, 1000] if quick else [100, 1000, 5000]
    for cards in sizes:
        sources = synthetic_sources(work / f"synth{cards}", cards)
        cold, peak = whole_process(["build", "synth", "--quiet", "--sources", str(sources), "--out", str(work / "s")],
                                   1 if cards >= 5000 else max(2, runs - 2))
        warm = warm_edit(sources, work / "warm")
        _, share = typst_share(["synth"], sources, work / "sshare")
        rows.append((f"testdeck {cards} kaarten (koud, heel proces)", f"{cold:.2f} s", f"{peak:.0f} MB piek"))
        rows.append((f"testdeck {cards} kaarten (warm, één kaart gewijzigd)", f"{warm:.3f} s", f"Typst {share:.0%}"))

    png, _ = whole_process(["build", "hand", "emoties", "--format", "png", "--quiet", "--out", str(work / "png")], 2)
    rows.append(("PNG 300 ppi: hand + emoties (66 kaarten)", f"{png:.2f} s", ""))

    width = max(len(r[0]) for r in rows)
    print()
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>9}  {note}")
    print()
    print(f"Doel alle standaarddoelen ≤ 1,0 s: {'gehaald' if all_time <= 1.0 else 'niet gehaald'} ({all_time:.2f} s)")


if __name__ == "__main__":
    main()

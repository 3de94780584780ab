"""Benchmark: prints a table of timings (median of several runs) and checks them against the targets.

Run from the repository root after `python -m pip install .`:

    python bench/run.py            # full run, about three minutes
    python bench/run.py --quick    # fewer repetitions, no 5,000-card deck

Every "heel proces" number starts a fresh `python -m deck`, as a user does, and reads the time,
CPU time and peak memory of that process and its workers from the operating system. "In Typst"
is the share spent inside Typst's compiler: deck/typeset.py reports every call into Typst when
DECK_TYPST_LOG names a file. For one process (DECK_JOBS=1) it is a share of the wall time the
user waits; for two processes a share of the CPU time of both.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
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


@dataclass
class Sample:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and its workers
    typst_wall: float  # seconds inside Typst, summed over processes
    typst_cpu: float
    peak_mb: float  # largest resident size of any one of the processes

    @property
    def wall_share(self) -> float:
        """Of the time the user waits: meaningful for one process."""
        return self.typst_wall / self.wall

    @property
    def cpu_share(self) -> float:
        """Of the CPU time of all processes: meaningful for two."""
        return self.typst_cpu / self.cpu


def run_deck(args: list[str], env: dict | None = None) -> Sample:
    """One fresh `python -m deck ARGS`, measured."""
    with tempfile.NamedTemporaryFile(prefix="deck-typst-", suffix=".log", delete=False) as log:
        log_path = Path(log.name)
    # cold unless told otherwise: an empty folder for remembered text sizes (deck/sizes.py)
    empty_cache = tempfile.mkdtemp(prefix="deck-bench-cache-")
    environment = {**os.environ, "DECK_CACHE": empty_cache, **(env or {}), "DECK_TYPST_LOG": str(log_path)}
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "deck", *args],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"deck {' '.join(args)} failed: {process.stderr.read().decode()}")
    process.stderr.close()
    shutil.rmtree(empty_cache, ignore_errors=True)
    calls = [line.split() for line in log_path.read_text().splitlines()]
    log_path.unlink()
    return Sample(
        wall,
        usage.ru_utime + usage.ru_stime,
        sum(float(w) for w, _ in calls),
        sum(float(c) for _, c in calls),
        usage.ru_maxrss / 1024,
    )


def python_start(runs: int) -> float:
    """The median wall time of a Python that does nothing: what every `deck` start costs before deck
    itself runs (on some machines mostly the .pth files of site-packages)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def median_sample(args: list[str], runs: int, env: dict | None = None) -> Sample:
    return _median([run_deck(args, env) for _ in range(runs)])


def interleaved_samples(commands: list[tuple[list[str], dict | None]], runs: int) -> list[Sample]:
    """The median of each command (arguments, environment), run in turns (A, B, C, A, B, C, ...):
    this machine's speed drifts within minutes, and commands that are compared must see the same drift."""
    rounds = [[run_deck(args, env) for args, env in commands] for _ in range(runs)]
    return [_median([samples[index] for samples in rounds]) for index in range(len(commands))]


def _median(samples: list[Sample]) -> Sample:
    middle = sorted(samples, key=lambda s: s.wall)[len(samples) // 2]
    return Sample(
        middle.wall,
        statistics.median(s.cpu for s in samples),
        middle.typst_wall,
        middle.typst_cpu,
        max(s.peak_mb for s in samples),
    )


def synthetic_sources(folder: Path, cards: int) -> Path:
    """A kaarten deck of `cards` cards in 10 categories."""
    folder.mkdir(parents=True, exist_ok=True)
    per = cards // 10
    document = {
        "soort": "kaarten",
        "id": "synth",
        "titel": f"Testdeck {cards}",
        "bron": {"publicatie": "Benchmark", "uitgever": "deck"},
        "categorieen": [
            {
                "naam": f"Categorie {c + 1}",
                "kaarten": [
                    {"tekst": f"{QUESTIONS[(c + i) % len(QUESTIONS)]} ({c * per + i + 1})"} for i in range(per)
                ],
            }
            for c in range(10)
        ],
    }
    (folder / "synth.yaml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return folder


def warm_edit(sources: Path, target: str, card_text: str, out: Path, edits: int = 3) -> tuple[float, float]:
    """(seconds, Typst share) to rebuild one target after changing the card with card_text, in one process with
    warm compilers, as `deck watch` does: the median of a few edits."""
    import deck.typeset as typeset
    from deck.build import build_targets
    from deck.sources import load_sources

    spent = [0.0]

    @contextmanager
    def counted():
        started = time.perf_counter()
        try:
            yield
        finally:
            spent[0] += time.perf_counter() - started

    build_targets(load_sources(sources), [target], out, jobs=1)
    path = sources / f"{target}.yaml"
    times, shares = [], []
    original, typeset._timed = typeset._timed, counted
    try:
        for _ in range(edits):
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace(card_text, card_text + "x", 1), encoding="utf-8")
            card_text += "x"
            spent[0], started = 0.0, time.perf_counter()
            build_targets(load_sources(sources), [target], out, jobs=1)
            times.append(time.perf_counter() - started)
            shares.append(spent[0] / times[-1])
    finally:
        typeset._timed = original
    return statistics.median(times), statistics.median(shares)


def warm_edit_alone(sources: Path, target: str, card_text: str, out: Path) -> tuple[float, float]:
    """warm_edit in a process of its own, as `deck watch` is: Typst's caches from the other
    measurements of this benchmark would slow every lookup down."""
    result = subprocess.run(
        [sys.executable, __file__, "--warm-edit", str(sources), target, card_text, str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, share = result.stdout.split()
    return float(seconds), float(share)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument(
        "--warm-edit", nargs=4, metavar=("SOURCES", "TARGET", "CARD_TEXT", "OUT"), help=argparse.SUPPRESS
    )
    arguments = parser.parse_args()
    if arguments.warm_edit:
        sources, target, card_text, out = arguments.warm_edit
        print(*warm_edit(Path(sources), target, card_text, Path(out)))
        return
    quick = arguments.quick
    runs = 3 if quick else 7
    work = Path(tempfile.mkdtemp(prefix="deck-bench-"))
    _compile_bytecode()
    os.environ["DECK_CACHE"] = str(work / "maten-hier")  # the in-process rebuilds below start cold too
    rows: list[tuple[str, str, str, str]] = []  # what, time, in Typst, memory
    verdicts: list[tuple[str, bool, str]] = []
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}; "
        f"referentie: 3 miljoen Python-optellingen in {_reference():.2f} s (de machine zelf varieert)",
        flush=True,
    )

    kept = {"DECK_CACHE": str(work / "maten")}
    run_deck(["build", "--quiet", "--out", str(work / "kept")], kept)
    every, serial, again, startup = interleaved_samples(
        [
            (["build", "--quiet", "--out", str(work / "all")], None),
            (["build", "--quiet", "--out", str(work / "all1")], {"DECK_JOBS": "1"}),
            (["build", "--quiet", "--out", str(work / "kept")], kept),
            (["list"], None),
        ],
        runs,
    )
    rows += [
        (
            "alle standaarddoelen (deck build, 2 processen)",
            f"{every.wall:.2f} s",
            f"{every.cpu_share:.0%} van de CPU",
            f"{every.peak_mb:.0f} MB",
        ),
        (
            "  idem in één proces (DECK_JOBS=1)",
            f"{serial.wall:.2f} s",
            f"{serial.wall_share:.0%}",
            f"{serial.peak_mb:.0f} MB",
        ),
        (
            "  idem opnieuw, tekstmaten bewaard (2 processen)",
            f"{again.wall:.2f} s",
            f"{again.cpu_share:.0%} van de CPU",
            f"{again.peak_mb:.0f} MB",
        ),
        ("  opstarten en bronnen laden (deck list)", f"{startup.wall:.2f} s", "", ""),
        ("  waarvan Python zelf starten (python -c pass)", f"{python_start(runs):.2f} s", "", ""),
    ]
    verdicts += [
        ("alle standaarddoelen ≤ 1,0 s (eerste keer)", every.wall <= 1.0, f"{every.wall:.2f} s"),
        ("alle standaarddoelen ≤ 1,0 s (opnieuw, tekstmaten bewaard)", again.wall <= 1.0, f"{again.wall:.2f} s"),
        ("tijd buiten Typst ≤ 25 % (één proces)", 1 - serial.wall_share <= 0.25, f"{1 - serial.wall_share:.0%}"),
    ]

    from deck.sources import load_sources
    from deck.targets import list_targets

    for target in list_targets(load_sources()):
        if target.bouwbaar and target.id != "sessieplan":
            one = median_sample(["build", target.id, "--quiet", "--out", str(work / "one")], max(3, runs - 4))
            rows.append(
                (
                    f"  {target.id} ({target.soort})",
                    f"{one.wall:.2f} s",
                    f"{one.wall_share:.0%}",
                    f"{one.peak_mb:.0f} MB",
                )
            )

    per_card = {}
    sizes = [100, 1000] if quick else [100, 1000, 5000]
    folders = {cards: synthetic_sources(work / f"synth{cards}", cards) for cards in sizes}
    colds = interleaved_samples(
        [
            (["build", "synth", "--quiet", "--sources", str(folders[cards]), "--out", str(work / "s")], None)
            for cards in sizes
        ],
        max(3, runs - 4),
    )
    for cards, cold in zip(sizes, colds, strict=True):
        warm, warm_share = warm_edit_alone(folders[cards], "synth", "(1)", work / "warm")
        per_card[cards] = cold.typst_wall / cards
        rows.append(
            (
                f"testdeck {cards} kaarten, koud (heel proces)",
                f"{cold.wall:.2f} s",
                f"{cold.wall_share:.0%}",
                f"{cold.peak_mb:.0f} MB",
            )
        )
        rows.append((f"testdeck {cards} kaarten, warm, één kaart gewijzigd", f"{warm:.3f} s", f"{warm_share:.0%}", ""))
        if cards == 1000:
            verdicts.append(("1.000 kaarten ≤ 2 s", cold.wall <= 2.0, f"{cold.wall:.2f} s"))
        if cards == 100:
            verdicts.append(("één kaart gewijzigd, warm ≤ 100 ms (100 kaarten)", warm <= 0.1, f"{warm * 1000:.0f} ms"))
    ratio = per_card[max(per_card)] / per_card[1000]
    rows.append(
        (
            f"  Typst per kaart bij 100 / 1.000{'' if quick else ' / 5.000'} kaarten",
            " / ".join(f"{per_card[n] * 1000:.2f}" for n in sorted(per_card)) + " ms",
            "",
            "",
        )
    )
    if max(per_card) > 1000:
        verdicts.append(
            (
                f"lineaire groei ({max(per_card):,} kaarten per kaart ≤ 1,25 × 1.000)".replace(",", "."),
                ratio <= 1.25,
                f"{ratio:.2f} ×",
            )
        )

    watch, watch_share = warm_edit_alone(_copy_sources(work / "bronnen"), "emoties", 'woord: "boos', work / "watch")
    rows.append(("deck watch emoties: één kaart gewijzigd", f"{watch:.3f} s", f"{watch_share:.0%}", ""))
    verdicts.append(("deck watch emoties ≤ 100 ms", watch <= 0.1, f"{watch * 1000:.0f} ms"))

    png_args = ["build", "hand", "emoties", "--format", "png", "--quiet", "--out", str(work / "png")]
    png, png_one = interleaved_samples([(png_args, None), (png_args, {"DECK_JOBS": "1"})], 3)
    rows.append(
        (
            "PNG 300 ppi, hand + emoties (66 kaarten), 2 processen",
            f"{png.wall:.2f} s",
            f"{png.cpu_share:.0%} van de CPU",
            f"{png.peak_mb:.0f} MB",
        )
    )
    rows.append(("  idem in één proces", f"{png_one.wall:.2f} s", f"{png_one.wall_share:.0%}", ""))
    verdicts.append(
        (
            "PNG op beide kernen",
            png.cpu / png.wall >= 1.5,
            f"{png.cpu / png.wall:.1f} kernen bezet, {png_one.wall / png.wall:.1f}× sneller",
        )
    )

    _print_table(rows)
    print()
    for name, met, value in verdicts:
        print(f"{'gehaald     ' if met else 'NIET gehaald'}  {name}: {value}")
    shutil.rmtree(work, ignore_errors=True)


def _compile_bytecode() -> None:
    """Measure deck as installed: pip compiles a package's modules when it installs them. Run from a
    checkout with PYTHONDONTWRITEBYTECODE set (as on some CI machines), every start would compile
    deck's source again, about 60 ms that no user pays."""
    import compileall

    compileall.compile_dir(ROOT / "deck", quiet=1)


def _reference() -> float:
    """A fixed piece of pure Python work, to compare runs on a machine whose speed varies."""
    started, total = time.perf_counter(), 0
    for number in range(3_000_000):
        total += number
    return time.perf_counter() - started


def _copy_sources(folder: Path) -> Path:
    shutil.copytree(ROOT / "sources", folder)
    return folder


def _print_table(rows: list[tuple[str, str, str, str]]) -> None:
    header = ("wat", "tijd", "in Typst", "piekgeheugen")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    print()
    for row in [header, *rows]:
        print(f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:>{widths[2]}}  {row[3]:>{widths[3]}}")


if __name__ == "__main__":
    main()

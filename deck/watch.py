"""`deck watch`: rebuild when sources, layouts, brand, casus or plan change, with warm compilers.

It polls file times (no extra dependency, works on every system), rebuilds in this process so
Typst's caches stay warm, prints what it rebuilt or the errors, and never stops on bad input.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from deck.brand import load_brand
from deck.build import Request, build_targets
from deck.casus import load_casus
from deck.errors import DeckError
from deck.paths import bundled
from deck.plan import load_plan
from deck.sources import default_sources_dir, load_sources

CARD_KINDS_ONLY = ("emoties", "kaarten")  # sources no werkblad or booklet reads


def watched_files(sources_dir: Path, brand_file: Path | None, others: list[Path | None]) -> dict[Path, int]:
    """Every file whose change means a rebuild, with its modification time: the sources, the
    layouts, the brand kit's folder (logo, fonts) and the casus and plan files."""
    files = list(sources_dir.glob("*.y*ml")) + list(bundled("layouts").rglob("*"))
    if brand_file:
        files += [brand_file, *brand_file.parent.rglob("*")]
    files += [path for path in others if path]
    return {path: path.stat().st_mtime_ns for path in files if path.is_file()}


def watch(ids: list[str], out: Path, request: Request, sources_dir: Path | None, brand_file: Path | None,
          casus_file: Path | None, plan_file: Path | None, echo: Callable[[str], None],
          interval: float = 0.05, rounds: int | None = None) -> None:
    """Build, then rebuild on every change until interrupted (or `rounds` polls, for tests)."""
    folder = sources_dir or default_sources_dir()

    def snapshot() -> dict[Path, int]:
        return watched_files(folder, brand_file, [casus_file, plan_file])

    seen = snapshot()
    _rebuild(ids, out, request, sources_dir, brand_file, casus_file, plan_file, echo, changed=None)
    polls = 0
    while rounds is None or polls < rounds:
        time.sleep(interval)
        polls += 1
        now = snapshot()
        changed = {p for p in set(now) | set(seen) if now.get(p) != seen.get(p)}
        seen = now
        if changed:
            _rebuild(ids, out, request, sources_dir, brand_file, casus_file, plan_file, echo, changed)


def _rebuild(ids, out, request, sources_dir, brand_file, casus_file, plan_file, echo, changed: set[Path] | None) -> None:
    started = time.perf_counter()
    try:
        sources = load_sources(sources_dir)
        request = replace(
            request,
            brand=load_brand(brand_file) if brand_file else None,
            casus=load_casus(casus_file) if casus_file else None,
            agenda=load_plan(plan_file, sources) if plan_file else None,
        )
        targets = _affected(sources, changed, with_plan=plan_file is not None, among=ids)
        if not targets:
            return
        built = build_targets(sources, targets, out, request, jobs=1)
    except DeckError as error:
        for problem in error.problems:
            echo(f"Error: {problem}")
        echo("Wacht op een wijziging …")
        return
    seconds = time.perf_counter() - started
    names = ", ".join(str(item.path) for item in built)
    echo(f"Bijgewerkt in {seconds:.2f} s: {names}")


def _affected(sources, changed: set[Path] | None, with_plan: bool = False, among: list[str] = ()) -> list[str]:
    """The targets a change touches (of those watched: `among`, or all): the deck of an edited
    source file, plus the werkbladen and booklet unless only card-only sources changed.
    Everything on the first build and whenever something else changed (a layout, the brand
    kit, a casus or plan, a removed file)."""
    from deck.targets import list_targets

    targets = [t for t in list_targets(sources) if t.bouwbaar and (t.id != "sessieplan" or with_plan)]
    if among:
        targets = [t for t in list_targets(sources) if t.id in among]
    by_path = {path: doc_id for doc_id, path in sources.files.items()}
    if changed is None or any(path not in by_path for path in changed):
        return [t.id for t in targets]
    edited = {by_path[path] for path in changed}
    only_cards = all(sources.documents[doc_id].soort in CARD_KINDS_ONLY for doc_id in edited)
    return [t.id for t in targets if t.id in edited or (t.soort != "kaarten" and not only_cards)]

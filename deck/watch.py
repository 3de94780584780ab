"""`deck watch`: rebuild when sources, layouts, brand, casus or plan change, with warm caches.

It polls file times (no extra dependency, works on every system), rebuilds in this process so
Typst's caches stay warm, prints what it rebuilt or the errors, and never stops on bad input.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from deck.build import Inputs, build_targets
from deck.errors import DeckError
from deck.paths import bundled
from deck.render import CardOptions
from deck.sources import SOURCE_SUFFIXES, Sources, sources_folder
from deck.targets import list_targets
from deck.werkbladen import SESSIEPLAN

CARD_KINDS_ONLY = ("emoties", "kaarten")  # sources no werkblad or booklet reads


def watched_files(inputs: Inputs) -> dict[Path, int]:
    """Every file whose change means a rebuild, with its modification time: the sources, the
    layouts, the brand kit's folder (logo, fonts) and the casus and plan files. Files come and go
    while an editor saves or git checks out: one that vanishes or dangles mid-scan is left out
    (the build that follows names what it cannot read)."""
    folder = sources_folder(inputs.sources)
    files = [path for path in _listed(folder.iterdir) if path.suffix.lower() in SOURCE_SUFFIXES]
    files += _listed(lambda: bundled("layouts").rglob("*"))
    if inputs.brand:
        files += [inputs.brand, *_listed(lambda: inputs.brand.parent.rglob("*"))]
    files += [path for path in (inputs.casus, inputs.plan) if path]
    found = {}
    for path in files:
        try:
            found[path] = path.stat().st_mtime_ns
        except OSError:
            continue
    return found


def _listed(entries) -> list[Path]:
    try:
        return list(entries())
    except OSError:
        return []


def watch(
    ids: list[str],
    out: Path,
    inputs: Inputs,
    options: CardOptions,
    echo: Callable[[str], None],
    warn: Callable[[str], None],
    interval: float = 0.05,
    rounds: int | None = None,
) -> None:
    """Build, then rebuild on every change until interrupted (or `rounds` polls, for tests).
    What was built goes to echo, problems to warn."""
    seen = watched_files(inputs)
    _rebuild(ids, out, inputs, options, echo, warn, changed=None)
    polls = 0
    while rounds is None or polls < rounds:
        time.sleep(interval)
        polls += 1
        now = watched_files(inputs)
        changed = {p for p in set(now) | set(seen) if now.get(p) != seen.get(p)}
        seen = now
        if changed:
            _rebuild(ids, out, inputs, options, echo, warn, changed)


def _rebuild(
    ids: list[str], out: Path, inputs: Inputs, options: CardOptions, echo, warn, changed: set[Path] | None
) -> None:
    started = time.perf_counter()
    try:
        sources, request = inputs.load(options)
        for warning in request.warnings:
            warn(f"Let op: {warning}")
        targets = _affected(sources, changed, with_plan=inputs.plan is not None, among=ids)
        if not targets:
            return
        built = build_targets(sources, targets, out, request, jobs=1)
    except DeckError as error:
        for problem in error.problems:
            warn(f"Fout: {problem}")
        warn("Wacht op een wijziging …")
        return
    seconds = time.perf_counter() - started
    names = ", ".join(str(item.path) for item in built)
    echo(f"Bijgewerkt in {seconds:.2f} s: {names}")


def _affected(sources: Sources, changed: set[Path] | None, with_plan: bool = False, among: list[str] = ()) -> list[str]:
    """The targets a change touches (of those watched: `among`, or all): the deck of an edited
    source file, plus the werkbladen and booklet unless only card-only sources changed.
    Everything on the first build and whenever something else changed (a layout, the brand
    kit, a casus or plan, a removed file)."""
    targets = [t for t in list_targets(sources) if t.bouwbaar and (t.id != SESSIEPLAN or with_plan)]
    if among:
        targets = [t for t in list_targets(sources) if t.id in among]
    by_path = {path: doc_id for doc_id, path in sources.files.items()}
    if changed is None or any(path not in by_path for path in changed):
        return [t.id for t in targets]
    edited = {by_path[path] for path in changed}
    only_cards = all(sources.documents[doc_id].soort in CARD_KINDS_ONLY for doc_id in edited)
    return [t.id for t in targets if t.id in edited or (t.soort != "kaarten" and not only_cards)]

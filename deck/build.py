"""`deck build` and `deck check`: the pipeline in order.

    inputs  →  targets  →  content  →  pages (Typst)  →  files

- inputs: sources.py reads the YAML sources (checked by schema.py against the records in model/);
  brand.py, casus.py and plan.py the brand kit, casus and session plan;
- targets: targets.py says what can be made;
- content: cards.py chooses a deck's cards, werkbladen.py what a werkblad holds, boekje.py the
  booklet's sections;
- pages: render.py hands that content as JSON to a layout in layouts/ (a card's look is in
  cards.typ, a werkblad's in werkblad.typ, running text everywhere in common.typ), and
  typeset.py, the one door to Typst, compiles it;
- files: output.py writes them, all at once and only when everything succeeded.

This module runs the stages in that order, on two processes where that helps.
"""

from __future__ import annotations

import os
import signal
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from deck import environment, stop, werkbladen
from deck.cards import deck_cards, deck_style, default_size, parse_selection, selected_cards, selection_name
from deck.errors import DeckError, DeckWarning, Problem
from deck.fonts import unprintable_sources
from deck.load import YamlFile
from deck.output import STOPS, held_stops, prepare_folder, write_all, write_file
from deck.render import (
    CardOptions,
    Rendered,
    band_labels,
    page_count,
    render_alignment_sheet,
    render_booklet,
    render_deck,
    render_werkblad,
)
from deck.sources import Sources, load_sources
from deck.style import DEFAULT_LOOK, Look
from deck.targets import Target, list_targets
from deck.typeset import DoesNotFit, forking_is_safe

# A brand kit, a casus and a plan are read only when given, the booklet's content only when it
# is built, the process pool only when there are two processes: a start costs what it uses.
if TYPE_CHECKING:
    from deck.brand import Brand
    from deck.casus import Casus
    from deck.plan import Agenda


class Request(NamedTuple):
    """Everything a build was asked for besides its targets: how to print, and the brand kit,
    casus and plan it uses."""

    options: CardOptions = CardOptions()
    cards: str | None = None  # a selection of cards, as '3,7-9'
    pdf_standard: str | None = None  # werkbladen as PDF/UA-1 or PDF/A-2b
    brand: Brand | None = None
    casus: Casus | None = None
    casus_file: YamlFile | None = None  # where the casus came from, to name the line of a field that does not fit
    agenda: Agenda | None = None  # the session plan, scheduled
    warnings: tuple[str, ...] = ()  # what the inputs probably did not mean ('Let op:' lines)
    remembered: bool = True  # use the text sizes earlier builds found (deck check measures every card)

    @property
    def look(self) -> Look:
        return self.brand.look if self.brand else DEFAULT_LOOK


class Inputs(NamedTuple):
    """The files a build reads besides the layouts. `deck build` reads them once; `deck watch`
    again after every change."""

    sources: Path | None = None  # a folder of own sources instead of the bundled ones
    brand: Path | None = None
    casus: Path | None = None
    plan: Path | None = None

    def load(
        self,
        options: CardOptions = CardOptions(),
        cards: str | None = None,
        pdf_standard: str | None = None,
        ids: list[str] | None = None,
    ) -> tuple[Sources, Request]:
        """Read and check every input file; raises DeckError with the problems of all of them. What
        the files say that was probably not meant comes with the request, as its warnings. With the
        `ids` of the decks to build (and no plan, which needs all sources), only their sources are read."""
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always", DeckWarning)
            sources = load_sources(self.sources, only=None if self.plan else ids)
            request = Request(options, cards, pdf_standard)
            if self.brand:
                from deck.brand import load_brand

                request = request._replace(brand=load_brand(self.brand))
                request.brand.check_logo_for(options.mode)
            problems = unprintable_sources(sources, request.look)
            if problems:
                raise DeckError(problems)
            if self.casus:
                from deck.casus import load_casus

                casus_file, casus = load_casus(self.casus, request.look)
                request = request._replace(casus=casus, casus_file=casus_file)
            if self.plan:
                from deck.plan import load_plan

                request = request._replace(agenda=load_plan(self.plan, sources, request.look))
        for other in (item for item in said if not issubclass(item.category, DeckWarning)):
            warnings.warn_explicit(other.message, other.category, other.filename, other.lineno)
        return sources, request._replace(
            warnings=tuple(str(item.message) for item in said if item.category is DeckWarning)
        )


class Built(NamedTuple):
    """A file written by a build: its target, path and page count (for the summary)."""

    target: Target
    path: Path
    pages: int


def build_targets(
    sources: Sources,
    ids: list[str],
    out: Path,
    request: Request = Request(),
    progress=lambda target, done, total: None,
    jobs: int | None = None,
) -> list[Built]:
    """Build the named targets (all buildable ones when none are named) into out. Everything is
    rendered first and written only when all of it succeeded."""
    outputs = render_targets(sources, ids, request, progress, jobs)
    prepare_folder(out)
    write_all([(out / name, result.pdf if result.images is None else result.images) for _, name, result in outputs])
    return [Built(target, out / name, result.pages) for target, name, result in outputs]


def check(sources: Sources, ids: list[str] = (), request: Request = Request(), progress=lambda *_: None) -> None:
    """`deck check`: `deck build` without writing, every card measured anew. Raises DeckError with
    every problem of every target."""
    render_targets(sources, list(ids), request._replace(remembered=False), progress)


def render_targets(
    sources: Sources,
    ids: list[str],
    request: Request = Request(),
    progress=lambda target, done, total: None,
    jobs: int | None = None,
) -> list[tuple[Target, str, Rendered]]:
    """The files of the named targets (all buildable ones when none are named), by target and name."""
    targets = _select(list_targets(sources), ids, request)
    if request.pdf_standard and any(target.soort != "werkblad" for target in targets):
        raise DeckError(
            [Problem("--pdf-standard", None, "", "geldt alleen voor werkbladen; noem de werkbladen die u wilt bouwen")]
        )
    if request.cards and (len(targets) != 1 or targets[0].soort != "kaarten"):
        message = "hoort bij één deck: noem het deck, bijvoorbeeld deck build emoties --cards 3,7"
        raise DeckError([Problem("--cards", None, "", message)])
    parts = _parts(sources, targets, request, jobs)
    rendered = _render_all(sources, parts, request, progress, jobs)
    return [(target, name, result) for target in targets for name, result in _joined(target, parts, rendered)]


def not_made(sources: Sources) -> list[str]:
    """What a build of everything leaves out because the sources lack a part of it, and why."""
    return [f"{t.soort} '{t.id}' wordt niet gemaakt: {t.missing}" for t in list_targets(sources) if not t.bouwbaar]


def write_alignment_sheet(out: Path, paper: str, flip: str) -> Path:
    """`deck uitlijntest`: the duplex alignment sheet in out; its path."""
    pdf = render_alignment_sheet(paper, flip)
    prepare_folder(out)
    path = out / "uitlijntest.pdf"
    write_file(path, pdf)
    return path


def _select(targets: list[Target], ids: list[str], request: Request) -> list[Target]:
    by_id = {target.id: target for target in targets}
    if not ids:
        return [t for t in targets if t.bouwbaar and (t.id != werkbladen.SESSIEPLAN or request.agenda)]
    problems = []
    for target_id in ids:
        if target_id not in by_id:
            known = ", ".join(by_id)
            problems.append(Problem(target_id, None, "", f"onbekend doel (bekend: {known})"))
        elif not by_id[target_id].bouwbaar:
            problems.append(Problem(target_id, None, "", f"niet te maken: {by_id[target_id].missing}"))
        elif target_id == werkbladen.SESSIEPLAN and request.agenda is None:
            problems.append(Problem(target_id, None, "", "een sessieplan heeft een plan nodig: --plan plan.yaml"))
    if problems:
        raise DeckError(problems)
    return [by_id[target_id] for target_id in dict.fromkeys(ids)]


# --- rendering: every target in one or two processes -------------------------------------------


class Part(NamedTuple):
    """One piece of work for a process: a whole target, or some of a deck's cards when they are
    exported as images (Typst rasterises on one core), with an estimate of its work, so that the
    longest parts go first and both processes finish at about the same time."""

    target: Target
    cards: slice | None = None
    cost: float = 1.0


_COST = {"boekje": 3, "kaarten": 2, "werkblad": 1}  # of a PDF, roughly in proportion


def _parts(sources: Sources, targets: list[Target], request: Request, jobs: int | None) -> list[Part]:
    parts = []
    for target in targets:
        if request.options.fmt in ("pdf", "slides") or target.soort != "kaarten" or _jobs(jobs) < 2:
            parts.append(Part(target, cost=_COST[target.soort]))
        else:
            cards = selected_cards(sources.documents[target.id], request.cards, list(request.look.palette))[0]
            parts += _shares(target, cards)
    return parts


def _shares(target: Target, cards: list) -> list[Part]:
    """A deck's cards as images in shares of about equal work: a long card on its own, its work
    in proportion to its text (werkkaart 8 takes 20 sides); plain cards sixteen together, each
    about as much work as a hundred characters of a long card."""
    if any(card.vorm == "flow" for card in cards):
        return [Part(target, slice(i, i + 1), sum(map(len, card.words()))) for i, card in enumerate(cards)]
    return [Part(target, slice(i, i + 16), 1600) for i in range(0, len(cards), 16)]


def _jobs(jobs: int | None) -> int:
    """Processes to render in: two on a machine with two or more cores (DECK_JOBS overrides)."""
    return max(1, min(2, jobs or environment.jobs() or os.cpu_count() or 1))


def _render_all(sources: Sources, parts: list[Part], request: Request, progress, jobs: int | None) -> list[list]:
    """Render every part: in two processes on two or more cores (a compile keeps about one core
    busy), else in this one. DECK_JOBS=1 (or jobs=1, as `deck watch` does to keep Typst's caches
    warm) forces one process."""
    workers = min(_jobs(jobs), len(parts))
    if workers < 2 or not _can_fork():
        results = []
        for part in parts:
            stop.checkpoint()
            results.append(_render_or_problems(sources, part, request))
            progress(part.target, len(results), len(parts))
        return _all_or_problems(results)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork")  # the workers inherit the sources: nothing to send them
    # Ctrl+C waits while the workers are forked: a child hit before it ignores Ctrl+C would run on
    # in the parent's code (its copy of it) and end as a second deck.
    with held_stops():
        pool = ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker, initargs=(sources, parts, request)
        )
        futures = {pool.submit(_render_part, index): index for index in _longest_first(parts)}
    try:
        for done, future in enumerate(as_completed(futures), 1):
            stop.checkpoint()
            progress(parts[futures[future]].target, done, len(parts))
        return _all_or_problems([future.result() for future in sorted(futures, key=futures.get)])
    except BrokenProcessPool:
        raise DeckError(
            [
                Problem(
                    "deck build",
                    None,
                    "",
                    "een van de processen stopte onverwacht; bouw opnieuw, of bouw in één proces met DECK_JOBS=1",
                )
            ]
        ) from None
    finally:
        pool.shutdown(cancel_futures=True)


def _can_fork() -> bool:
    """A fork copies only the thread that makes it: safe before Typst has started threads of its own."""
    return hasattr(os, "fork") and forking_is_safe()


_work: tuple | None = None  # in a worker: the sources, parts and request of the build


def _start_worker(sources: Sources, parts: list[Part], request: Request) -> None:
    """In each worker. Ctrl+C reaches deck's workers too; the parent handles it, and a worker
    finishes the part it is rendering (killing it halfway through sending its result would
    leave the parent waiting for the rest)."""
    global _work
    _work = (sources, parts, request)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPS)  # held while it was forked


def _render_part(index: int) -> list[tuple[str, Rendered]] | DeckError:
    sources, parts, request = _work
    return _render_or_problems(sources, parts[index], request)


def _render_or_problems(sources: Sources, part: Part, request: Request) -> list[tuple[str, Rendered]] | DeckError:
    """A part's files, or the problems that stopped it: every part is tried, to report them all."""
    try:
        return _render(sources, part, request)
    except DeckError as error:
        return error


def _all_or_problems(results: list) -> list[list[tuple[str, Rendered]]]:
    problems = [problem for result in results if isinstance(result, DeckError) for problem in result.problems]
    if problems:
        raise DeckError(list(dict.fromkeys(problems)))
    return results


def _longest_first(parts: list[Part]) -> list[int]:
    """The longest parts first, so both processes finish at about the same time."""
    return sorted(range(len(parts)), key=lambda i: -parts[i].cost)


def _render(sources: Sources, part: Part, request: Request) -> list[tuple[str, Rendered]]:
    """The files of one part, by name."""
    target = part.target
    if target.soort == "kaarten":
        rendered = _render_deck(sources, target, request, part.cards)
        name = target.id if request.cards is None else f"{target.id}-{_selection(sources, target, request)}"
        if request.options.fmt == "slides":
            return [(f"{name}-dia.pdf", rendered)]
        return [(name if rendered.images is not None else f"{name}.pdf", rendered)]
    if target.soort == "boekje":
        from deck.boekje import booklet_data

        paper, mode = request.options.paper, request.options.mode
        a5, a4, pages = render_booklet(booklet_data(sources, request.agenda), request.look, paper, mode)
        files = [(f"{target.id}.pdf", Rendered(pdf=a5, pages=pages))]
        if a4 is not None:
            files.append((f"{target.id}-{paper}-drukvel.pdf", Rendered(pdf=a4, pages=page_count(a4))))
        return files
    if target.id == werkbladen.SESSIEPLAN:
        sheet = werkbladen.sessieplan(sources, request.agenda, request.casus)
    else:
        sheet = werkbladen.by_id(target.id).build(sources, request.casus)
    try:
        options = request.options
        pdf = render_werkblad(sheet, request.pdf_standard, request.look, options.paper, options.mode)
    except DoesNotFit as report:
        found = werkbladen.not_fitting(report.items, request.casus, target.id)
        raise DeckError([request.casus_file.problem(loc, message) for loc, message in found]) from None
    return [(f"{target.id}.pdf", Rendered(pdf=pdf, pages=page_count(pdf)))]


def _render_deck(sources: Sources, target: Target, request: Request, share: slice | None = None) -> Rendered:
    document = sources.documents[target.id]
    options = request.options._replace(size=request.options.size or default_size(document))
    palette = list(request.look.palette)
    cards, labels, colours = selected_cards(document, None, palette)
    band = band_labels(cards, labels)  # of the whole deck, also for a selection
    if request.cards:
        cards, labels, colours = selected_cards(document, request.cards, palette)
    if share:
        cards, labels = cards[share], labels[share]
    look = request.look._replace(style=deck_style(document, request.look.style))
    return render_deck(target.id, document.titel, cards, labels, colours, options, look, request.remembered, band)


def _selection(sources: Sources, target: Target, request: Request) -> str:
    """What a reprint of some cards is called: 'kaarten-3,7-9', beside the full deck, never over it."""
    cards = deck_cards(sources.documents[target.id])
    return selection_name(parse_selection(request.cards, target.id, len(cards)))


def _joined(target: Target, parts: list[Part], rendered: list[list]) -> list[tuple[str, Rendered]]:
    """The files of a target, with the images of its shares put back together."""
    pieces = [files for part, files in zip(parts, rendered, strict=True) if part.target is target]
    if len(pieces) == 1:
        return pieces[0]
    images = {name: image for files in pieces for _, result in files for name, image in result.images.items()}
    return [(pieces[0][0][0], Rendered(images=images, pages=len(images)))]

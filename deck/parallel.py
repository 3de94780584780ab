"""Rendering in two processes: this one and one forked child, sharing one queue of tasks; and,
in one process, preparing the next task while Typst works on this one.

A Typst compile keeps about one core busy, so on two cores two processes halve the time. A
plain fork is all it takes: the child inherits everything loaded so far, takes task numbers
from a pipe filled before the fork, and leaves each result as a pickle in the scratch folder
with a four-byte notice on a second pipe. Notices are too small to fill that pipe, so the
child never waits for this process, which works through the same queue meanwhile.

Typst lets go of Python's interpreter lock while it compiles, so in one process the Python
work of the next task (its payload, the booklet's QR codes) can run in a thread meanwhile.
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from pathlib import Path
from typing import Any, Callable, Iterator, NoReturn, TypeVar

from deck.errors import DeckError, Problem

Item = TypeVar("Item")
Prepared = TypeVar("Prepared")

_RECORD = 4  # bytes per task number on either pipe
_MOST_TASKS = 16_000  # their numbers must fit in the queue pipe (64 KiB) before the fork
_INTERRUPTED = 130  # the child's exit code after Ctrl+C, as a shell has it


def run_in_two(order: list[int], work: Callable[[int], Any], finished: Callable[[int], None], folder: Path) -> dict[int, Any]:
    """work(task) for every task, taken in this order by whichever process is free; finished(task)
    is called here as each one is done, in either process. An error raised by work, in either
    process, is raised here and stops the other process. Returns every task's result."""
    if len(order) > _MOST_TASKS:
        raise ValueError(f"at most {_MOST_TASKS} tasks")
    queue, notices, child = _start(order, work, folder)
    results: dict[int, Any] = {}
    status = 0
    try:
        while (task := _take(queue)) is not None:
            results[task] = work(task)
            finished(task)
            _collect(notices, folder, results, finished)
        os.set_blocking(notices, True)
        _collect(notices, folder, results, finished)  # until the child closes its end
        status = os.waitpid(child, 0)[1]
        child = 0
    finally:
        if child:
            os.kill(child, signal.SIGTERM)
            os.waitpid(child, 0)
        os.close(queue)
        os.close(notices)
    if len(results) < len(order):
        raise _stopped(status)
    return results


def _start(order: list[int], work: Callable[[int], Any], folder: Path) -> tuple[int, int, int]:
    """The queue filled and closed for writing, then the fork: (queue, notices, child's pid)."""
    queue, queue_end = os.pipe()
    os.write(queue_end, b"".join(task.to_bytes(_RECORD, "big") for task in order))
    os.close(queue_end)
    notices, notices_end = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(notices)
        _serve(queue, notices_end, work, folder)
    os.close(notices_end)
    os.set_blocking(notices, False)
    return queue, notices, child


def _take(queue: int) -> int | None:
    """The next task, or None when the queue is empty. A read this small is never split."""
    data = os.read(queue, _RECORD)
    return int.from_bytes(data, "big") if data else None


def _collect(notices: int, folder: Path, results: dict[int, Any], finished: Callable[[int], None]) -> None:
    """The results the child has announced so far; once the pipe is set to block, all of them,
    up to the moment the child closes it."""
    while True:
        try:
            data = os.read(notices, 256 * _RECORD)
        except BlockingIOError:
            return
        if not data:
            return
        for start in range(0, len(data), _RECORD):
            task = int.from_bytes(data[start:start + _RECORD], "big")
            path = _result_path(folder, task)
            succeeded, value = pickle.loads(path.read_bytes())
            path.unlink()
            if not succeeded:
                raise value
            results[task] = value
            finished(task)


def _serve(queue: int, notices: int, work: Callable[[int], Any], folder: Path) -> NoReturn:
    """The child: tasks until the queue is empty or one fails. It leaves by os._exit, so none of
    the parent's exit handlers (which remove the scratch folder) run here."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent stops it with SIGTERM: at once, even inside Typst
    code = 0
    try:
        while (task := _take(queue)) is not None:
            try:
                outcome = (True, work(task))
            except Exception as error:  # noqa: BLE001 - raised again in the parent, as if it were there
                outcome = (False, error)
            _result_path(folder, task).write_bytes(pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL))
            os.write(notices, task.to_bytes(_RECORD, "big"))
            if not outcome[0]:
                break
    except KeyboardInterrupt:
        code = _INTERRUPTED
    except BaseException:  # noqa: BLE001 - a result that cannot be passed on
        code = 1
    finally:
        os._exit(code)


def _result_path(folder: Path, task: int) -> Path:
    return folder / f"taak-{task}.pickle"


def _stopped(status: int) -> BaseException:
    """Why the child ended before its tasks did: stopped (as by Ctrl+C), or something else."""
    stopped = os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGINT, signal.SIGTERM)
    if stopped or (os.WIFEXITED(status) and os.WEXITSTATUS(status) == _INTERRUPTED):
        return KeyboardInterrupt()
    return DeckError([Problem("deck build", None, "", "het tweede proces stopte onverwacht; bouw opnieuw, "
                              "of bouw in één proces met DECK_JOBS=1")])


def prepared_ahead(items: list[Item], prepare: Callable[[Item], Prepared]) -> Iterator[Prepared]:
    """prepare(item) for each item, in order, in a thread that runs ahead of the caller: while the
    caller works on one item, the next ones are prepared. An error in prepare, Ctrl+C included,
    is raised here when its item's turn comes, and nothing after it is prepared. The thread is a
    daemon: still preparing when the caller stops, it does not hold up the exit."""
    outcomes: list[dict] = [{} for _ in items]
    ready = [threading.Event() for _ in items]

    def run() -> None:
        for item, outcome, done in zip(items, outcomes, ready):
            try:
                outcome["value"] = prepare(item)
            except BaseException as error:  # noqa: BLE001 - raised again in the caller's thread
                outcome["error"] = error
            done.set()
            if "error" in outcome:
                return

    threading.Thread(target=run, name="deck-voorbereiden", daemon=True).start()
    for outcome, done in zip(outcomes, ready):
        done.wait()
        if "error" in outcome:
            raise outcome["error"]
        yield outcome.pop("value")

"""Two processes sharing the work (deck/parallel.py). Each test forks in a fresh Python, as deck
build does: this test process has Typst's threads running, and a fork is only safe before them."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

from deck.errors import DeckError, Problem
from tests.conftest import ROOT


def run_script(body: str, tmp_path: Path) -> subprocess.CompletedProcess:
    script = textwrap.dedent("""
        import os, sys, time
        from pathlib import Path
        from deck.errors import DeckError, Problem
        from deck.parallel import run_in_two
        folder = Path(sys.argv[1])
        finished = []
        parent = os.getpid()

        def in_child():
            return os.getpid() != parent

        def report_children():
            try:
                os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                print("no child left")
    """) + textwrap.dedent(body)
    return subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)


def test_every_task_is_done_once_by_one_of_two_processes(tmp_path):
    result = run_script("""
        def work(task):
            time.sleep(0.02)
            return (task * task, os.getpid())
        results = run_in_two([5, 3, 0, 1, 4, 2, 7, 6], work, finished.append, folder)
        print(sorted(results) == list(range(8)), all(results[t][0] == t * t for t in results))
        print(sorted(finished) == list(range(8)))
        print(len({pid for _, pid in results.values()}), parent in {pid for _, pid in results.values()})
        print(os.listdir(folder))
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["True True", "True", "2 True", "[]"]


def test_an_error_in_the_child_is_raised_in_the_parent_and_the_child_is_gone(tmp_path):
    result = run_script("""
        def work(task):
            if in_child():
                raise DeckError([Problem("kaarten.yaml", 3, "tekst", "te lang")])
            time.sleep(0.2)
            return task
        try:
            run_in_two([0, 1, 2, 3], work, finished.append, folder)
        except DeckError as error:
            print(error.problems[0])
        report_children()
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["kaarten.yaml:3: tekst: te lang", "no child left"]


def test_an_error_in_the_parent_stops_the_child(tmp_path):
    result = run_script("""
        def work(task):
            if not in_child():
                raise DeckError([Problem("boekje", None, "", "mislukt")])
            time.sleep(30)
        started = time.perf_counter()
        try:
            run_in_two([0, 1], work, finished.append, folder)
        except DeckError as error:
            print(error.problems[0], time.perf_counter() - started < 10)
        report_children()
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["boekje: mislukt True", "no child left"]


def test_a_child_that_dies_is_one_clear_error(tmp_path):
    result = run_script("""
        def work(task):
            if in_child():
                os._exit(3)
            time.sleep(0.2)
            return task
        try:
            run_in_two([0, 1, 2], work, finished.append, folder)
        except DeckError as error:
            print(error.problems[0])
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "deck build: het tweede proces stopte onverwacht; bouw opnieuw, of bouw in één proces met DECK_JOBS=1"]


def _start_build(tmp_path: Path, *args: str, jobs: str = "2") -> tuple[subprocess.Popen, Path]:
    """deck in a session of its own, once its processes are at work; and its TMPDIR."""
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    environment = {**os.environ, "DECK_CACHE": str(tmp_path / "cache"), "DECK_JOBS": jobs, "TMPDIR": str(scratch)}
    process = subprocess.Popen([sys.executable, "-m", "deck", *args], cwd=ROOT, env=environment, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    waited = 0.0
    while not list(scratch.glob("deck-*")) and waited < 30:  # made just before the fork
        time.sleep(0.01)
        waited += 0.01
    time.sleep(0.2)  # both processes compiling: a cold build takes most of a second more
    return process, scratch


def test_ctrl_c_during_a_build_in_two_processes_is_one_line_and_no_output(tmp_path):
    out = tmp_path / "uit"
    process, scratch = _start_build(tmp_path, "build", "--quiet", "--out", str(out))
    os.killpg(process.pid, signal.SIGINT)  # as the terminal does: to the parent and its child
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 1
    assert stderr == "Error: onderbroken; er zijn geen halve bestanden geschreven\n"
    assert not out.exists()
    assert list(scratch.iterdir()) == []
    assert _processes_in_session(process.pid) == []


def test_ctrl_c_during_a_build_in_one_process_is_one_line_and_no_output(tmp_path):
    """With one process a thread prepares the next target while Typst compiles; Ctrl+C still
    ends the build at once."""
    out = tmp_path / "uit"
    process, scratch = _start_build(tmp_path, "build", "--quiet", "--out", str(out), jobs="1")
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (1, "Error: onderbroken; er zijn geen halve bestanden geschreven\n")
    assert not out.exists()
    assert list(scratch.iterdir()) == []


def test_the_next_item_is_prepared_while_the_caller_works_on_this_one():
    from deck.parallel import prepared_ahead

    second_prepared = threading.Event()
    seen_while_working = []

    def prepare(item):
        if item == 2:
            second_prepared.set()
        return item * 10, threading.current_thread() is not threading.main_thread()

    for value, in_thread in prepared_ahead([1, 2, 3], prepare):
        if value == 10:
            seen_while_working.append(second_prepared.wait(timeout=10))
        assert in_thread
    assert seen_while_working == [True]


def test_an_error_in_preparing_comes_in_its_turn_and_stops_the_preparing():
    from deck.parallel import prepared_ahead

    prepared, handed = [], []

    def prepare(item):
        prepared.append(item)
        if item == 2:
            raise DeckError([Problem("b.yaml", 3, "tekst", "mag niet leeg zijn")])
        return item

    try:
        for value in prepared_ahead([1, 2, 3], prepare):
            handed.append(value)
    except DeckError as error:
        assert str(error.problems[0]) == "b.yaml:3: tekst: mag niet leeg zijn"
    else:
        raise AssertionError("no error")
    assert (handed, prepared) == ([1], [1, 2])


def test_a_build_told_to_stop_stops_its_child_and_cleans_up(tmp_path):
    """`kill PID` (SIGTERM, to the parent alone) counts as Ctrl+C."""
    out = tmp_path / "uit"
    process, scratch = _start_build(tmp_path, "build", "--quiet", "--out", str(out))
    process.terminate()
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (1, "Error: onderbroken; er zijn geen halve bestanden geschreven\n")
    assert not out.exists()
    assert list(scratch.iterdir()) == []
    assert _processes_in_session(process.pid) == []


def test_deck_watch_told_to_stop_leaves_no_scratch_folder(tmp_path):
    process, scratch = _start_build(tmp_path, "watch", "emoties", "--out", str(tmp_path / "uit"))
    process.terminate()
    stdout, _ = process.communicate(timeout=60)
    assert process.returncode == 0 and stdout.endswith("Gestopt.\n")
    assert list(scratch.iterdir()) == []


def _processes_in_session(session: int) -> list[int]:
    """Processes still running in the session the build was started in (from /proc/PID/stat)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if entry.name.isdigit() and int(fields[3]) == session:  # fields after the name: state ppid pgrp session
            found.append(int(entry.name))
    return found

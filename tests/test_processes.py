"""deck build in two processes (concurrent.futures, deck/build.py) as users run it: in a fresh
`python -m deck`, since a process that has used Typst never forks (this test process has)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.conftest import ROOT

INTERRUPTED = "\nFout: onderbroken; er zijn geen halve bestanden geschreven\n"  # the newline ends the ^C


def deck(tmp_path: Path, *args: str, jobs: str = "2", **options) -> subprocess.CompletedProcess:
    environment = {**os.environ, "DECK_CACHE": str(tmp_path / "cache"), "DECK_JOBS": jobs}
    return subprocess.run(
        [sys.executable, "-m", "deck", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        **options,
    )


def test_two_processes_write_the_same_files_as_one(tmp_path):
    targets = ["hand", "werkkaarten", "tijdlijn", "facilitatorboekje"]
    for jobs in ("1", "2"):
        result = deck(tmp_path, "build", *targets, "--quiet", "--out", str(tmp_path / jobs), jobs=jobs)
        assert result.returncode == 0, result.stderr
    one, two = sorted((tmp_path / "1").iterdir()), sorted((tmp_path / "2").iterdir())
    assert [p.name for p in one] == [p.name for p in two] and len(one) == 5
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(one, two, strict=True))


def test_bad_input_found_in_a_worker_is_one_line(tmp_path):
    sources = tmp_path / "bronnen"
    sources.mkdir()
    for name, text in (("kort", "Korte vraag?"), ("lang", "Wat zie je gebeuren in deze situatie? " * 30)):
        (sources / f"{name}.yaml").write_text(
            f'soort: kaarten\nid: {name}\ntitel: "{name}"\nbron: {{publicatie: "x", uitgever: "y"}}\n'
            f'categorieen:\n  - naam: Test\n    kaarten:\n      - tekst: "{text}"\n',
            encoding="utf-8",
        )
    result = deck(tmp_path, "build", "--sources", str(sources), "--out", str(tmp_path / "uit"))
    assert result.returncode == 1
    assert (
        result.stderr.startswith(
            "Fout: lang: kaart 1/1 (Test: 'Wat zie je gebeuren in deze situatie? W…'): tekst past niet"
        )
        and result.stderr.count("\n") == 1
    )
    assert not (tmp_path / "uit").exists()


def test_a_bug_in_a_worker_shows_the_workers_own_traceback(tmp_path):
    """Only bugs show a traceback: the cause, as it happened in the worker, comes with it."""
    script = textwrap.dedent("""
        import sys
        import deck.render
        from deck.cli import main

        def broken(*args, **kwargs):
            return 1 / 0

        deck.render.render_werkblad = broken
        deck.build.render_werkblad = broken
        main(["build", "tijdlijn", "hand", "--out", sys.argv[1]])
    """)
    (tmp_path / "kapot.py").write_text(script, encoding="utf-8")
    environment = {**os.environ, "DECK_CACHE": str(tmp_path / "cache"), "DECK_JOBS": "2"}
    result = subprocess.run(
        [sys.executable, str(tmp_path / "kapot.py"), str(tmp_path / "uit")],
        cwd=ROOT,
        env={**environment, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "concurrent.futures.process._RemoteTraceback" in result.stderr
    assert "in broken\n    return 1 / 0" in result.stderr
    assert result.stderr.rstrip().endswith("ZeroDivisionError: division by zero")
    assert not (tmp_path / "uit").exists()


def _start(tmp_path: Path, *args: str) -> subprocess.Popen:
    """deck in a session of its own, once its two worker processes are at work."""
    environment = {
        **os.environ,
        "DECK_CACHE": str(tmp_path / "cache"),
        "DECK_JOBS": "2",
        "TMPDIR": str(tmp_path / "tmp"),
    }
    (tmp_path / "tmp").mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "deck", *args],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    waited = 0.0
    while len(_processes_in_session(process.pid)) < 3 and waited < 30:
        time.sleep(0.01)
        waited += 0.01
    time.sleep(0.15)  # all three compiling: a cold build takes most of a second more
    return process


def test_ctrl_c_during_a_build_in_two_processes_is_one_line_and_no_output(tmp_path):
    out = tmp_path / "uit"
    process = _start(tmp_path, "build", "--quiet", "--out", str(out))
    assert len(_processes_in_session(process.pid)) == 3
    os.killpg(process.pid, signal.SIGINT)  # as the terminal does: to deck and its workers
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (130, INTERRUPTED)
    assert not out.exists()
    assert list((tmp_path / "tmp").iterdir()) == []
    assert _processes_in_session(process.pid) == []


def test_a_build_told_to_stop_stops_its_workers(tmp_path):
    """`kill PID` (SIGTERM, to deck alone) counts as Ctrl+C; the workers end with it."""
    out = tmp_path / "uit"
    process = _start(tmp_path, "build", "--quiet", "--out", str(out))
    process.terminate()
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (130, INTERRUPTED)
    assert not out.exists()
    assert list((tmp_path / "tmp").iterdir()) == []
    assert _processes_in_session(process.pid) == []


def test_deck_watch_told_to_stop_says_so(tmp_path):
    environment = {**os.environ, "DECK_CACHE": str(tmp_path / "cache")}
    process = subprocess.Popen(
        [sys.executable, "-m", "deck", "watch", "emoties", "--out", str(tmp_path / "uit")],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    waited = 0.0
    while not (tmp_path / "uit" / "emoties.pdf").exists() and waited < 30:
        time.sleep(0.01)
        waited += 0.01
    process.terminate()
    stdout, _ = process.communicate(timeout=60)
    assert process.returncode == 0 and stdout.endswith("Gestopt.\n")


def _processes_in_session(session: int) -> list[int]:
    """Processes still running in the session deck was started in (from /proc/PID/stat)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if entry.name.isdigit() and int(fields[3]) == session and fields[0] != "Z":
            found.append(int(entry.name))
    return found

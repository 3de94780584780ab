"""The `deck` command's first lines. A stop (Ctrl+C, a closed terminal, `kill`) at any moment,
also while the rest of deck is still being imported, ends in one line and exit code 130: never
a traceback, never half a file (writes are all or nothing, see deck/output.py). This module
imports nothing itself: its own import is the only moment a stop is Python's to handle."""

import sys

from deck import INTERRUPTED, STOPPED, stop


def main() -> None:
    try:
        import signal

        for name in ("SIGTERM", "SIGHUP"):  # a request to stop counts as Ctrl+C
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.default_int_handler)
        sys.unraisablehook = stop.keep_swallowed
        from deck.cli import run

        try:
            run()
        finally:
            stop.checkpoint()
    except KeyboardInterrupt as interrupt:
        import signal

        for name in ("SIGINT", "SIGTERM", "SIGHUP"):  # stopping already: a second stop changes nothing
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), signal.SIG_IGN)
        sys.stderr.write(("" if getattr(interrupt, "line_ended", False) else "\n") + f"{INTERRUPTED}\n")
        sys.exit(STOPPED)

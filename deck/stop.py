"""A stop (Ctrl+C, kill) that Python swallowed. Python raises KeyboardInterrupt wherever the
program happens to be; when that is a callback it cannot raise from (a weak reference's, during
garbage collection), it prints a message and goes on. deck keeps it instead, and its own
checkpoints (before a file is written, after each part of a build) raise it again there."""

import sys

_swallowed = False


def keep_swallowed(unraisable) -> None:
    """sys.unraisablehook: a swallowed stop is kept for the next checkpoint; anything else as usual."""
    global _swallowed
    if issubclass(unraisable.exc_type, KeyboardInterrupt):
        _swallowed = True
    else:
        sys.__unraisablehook__(unraisable)


def checkpoint() -> None:
    """Stop here if a stop was swallowed (once: it is then an ordinary stop)."""
    global _swallowed
    if _swallowed:
        _swallowed = False
        raise KeyboardInterrupt

"""`python -m deck`: the same start as the `deck` command (deck/start.py)."""

from deck.start import main

main()

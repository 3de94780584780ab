"""deck: print-ready cards, werkbladen and booklets for reflection sessions, typeset with Typst."""

__version__ = "0.2.0"

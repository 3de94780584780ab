"""deck: print-ready cards, werkbladen and booklets for reflection sessions, typeset with Typst."""

__version__ = "0.2.0"

# What a stop (Ctrl+C, kill) says and the exit code it ends with; here, where deck/start.py can
# have them before anything slow is imported.
INTERRUPTED = "Fout: onderbroken; er zijn geen halve bestanden geschreven"
STOPPED = 130  # 128 + SIGINT, as any program stopped by Ctrl+C

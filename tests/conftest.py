import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from deck.sources import load_sources

# Remembered text sizes (deck/sizes.py) go to a folder of this test run, not the user's cache.
os.environ["DECK_CACHE"] = tempfile.mkdtemp(prefix="deck-test-cache-")
atexit.register(shutil.rmtree, os.environ["DECK_CACHE"], ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def sources():
    """The bundled sources, validated once for the whole test run."""
    return load_sources()

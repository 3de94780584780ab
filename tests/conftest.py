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


@pytest.fixture(scope="session")
def office(tmp_path_factory, sources):
    """Everything built once with the defaults, as `deck build` does."""
    from deck.build import build_targets

    out = tmp_path_factory.mktemp("office")
    build_targets(sources, [], out)
    return out


@pytest.fixture(scope="session")
def printshop(tmp_path_factory, sources):
    """Everything built once for a print shop, as `deck build --mode drukker` does."""
    from deck.build import Request, build_targets
    from deck.render import CardOptions

    out = tmp_path_factory.mktemp("printshop")
    build_targets(sources, [], out, Request(CardOptions(mode="shop")))
    return out

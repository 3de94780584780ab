from pathlib import Path

import pytest
from click.testing import CliRunner

from deck.sources import load_sources

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def sources():
    """The bundled sources, validated once for the whole test run."""
    return load_sources()

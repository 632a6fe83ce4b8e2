"""One pipeline for the whole test session: loading the French model takes seconds."""
from pathlib import Path

import pytest
import yaml

import hypothesis_profiles  # noqa: F401  (registers 'default' and 'long' before --hypothesis-profile is read)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def pipeline():
    from nlp import load

    return load()


def load_table(name: str):
    """A YAML test table from tests/data."""
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))

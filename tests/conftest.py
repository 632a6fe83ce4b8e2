"""One pipeline for the whole test session: loading the French model takes seconds."""
from pathlib import Path

import pytest
import yaml

import hypothesis_profiles  # noqa: F401  (registers 'default' and 'long' before --hypothesis-profile is read)

ROOT = Path(__file__).resolve().parent.parent
NBSP = "\u00a0"  # no-break space
NNBSP = "\u202f"  # narrow no-break space
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def pipeline():
    from nlp import load

    return load()


def load_table(name: str):
    """A YAML test table from tests/data."""
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def check(function, rows):
    """Every (input, expected) row of a table; one failure lists all the wrong rows."""
    wrong = []
    for text, expected in rows:
        got = function(text)
        if got != expected:
            wrong.append(f"{text!r}: expected {expected!r}, got {got!r}")
    assert not wrong, "\n".join(wrong)

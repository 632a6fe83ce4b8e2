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


# The corpora the series and the grouping table are judged on; the sealed part is never read.
SERIES_CORPORA = ("seeds", "evaluation/realistic/dev.jsonl", "evaluation/series/articles.jsonl")


@pytest.fixture(scope="session")
def corpus_records(pipeline):
    """The fact records of the seeds, the realistic development corpus and the series corpus, in input order."""
    from nlp.io.streaming import prepared_docs
    from nlp.io.readers import Article, read_articles

    articles = [a for a in read_articles([str(ROOT / name) for name in SERIES_CORPORA]) if isinstance(a, Article)]
    return [fact.to_dict() for doc in pipeline.pipe(prepared_docs(pipeline, articles)) for fact in doc._.facts]

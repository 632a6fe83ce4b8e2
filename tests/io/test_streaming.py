"""Long articles in pieces: the same facts as in one piece, and memory that does not grow with the article."""
import tracemalloc

import pytest

import nlp.io.streaming as streaming
from conftest import ROOT
from nlp.api import extract
from nlp.pipeline.loader import shared_pipeline
from nlp.bench.corpus import articles
from nlp.io.readers import Article
from nlp.io.streaming import extract_batch, pieces

FIGURE = "Selon la BCEAO, les réserves de change ont atteint 12 500 milliards de FCFA à fin juin 2023."
FILLER = "Le marché est resté calme au cours de la période, sans annonce notable des opérateurs. " * 12


def test_a_figure_repeated_in_two_pieces_is_one_fact(monkeypatch):
    text = FIGURE + "\n\n" + FILLER + "\n\n" + FIGURE
    whole = extract(text, doc_id="x")
    monkeypatch.setattr(streaming, "PIECE_CHARS", len(text) // 2)
    assert len(pieces(Article("x", text), streaming.PIECE_CHARS)) >= 2
    cut = extract(text, doc_id="x")
    assert [(f.value, f.unit, f.period) for f in cut] == [(f.value, f.unit, f.period) for f in whole]
    assert [f.unit for f in cut].count("XOF") == 1


@pytest.fixture(scope="module")
def news() -> str:
    return "\n\n".join(row["text"] for row in articles(40, seeds_dir=ROOT / "seeds"))


def peak_bytes(text: str) -> int:
    tracemalloc.start()
    try:
        extract_batch([Article("long", text)])
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_of_a_long_article_does_not_grow_with_its_length(monkeypatch, news):
    """Pieces and batches made small, so that 10x the text is 10x the pieces: the peak stays that of one batch."""
    monkeypatch.setattr(streaming, "PIECE_CHARS", 1_000)
    monkeypatch.setattr(streaming, "BATCH_CHARS", 1_000)
    shared_pipeline()
    extract_batch([Article("warm", news[:2_000])])
    small, large = news[:3_000], news[:30_000]
    assert len(large) == 30_000
    assert peak_bytes(large) < 3 * peak_bytes(small)

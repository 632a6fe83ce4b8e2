"""The Python API: extract the facts of one article."""
from __future__ import annotations

from datetime import date, datetime
from typing import Iterable, Iterator

from nlp.io.readers import Article
from nlp.io.streaming import BATCH_SIZE, extract_batch, extract_stream
from nlp.pipeline.fact import Fact


def extract(text: str, *, doc_id: str | None = None, date: date | datetime | str | None = None) -> list[Fact]:
    """The facts of one article; `date` (a date, a datetime or an ISO string) is its publication date."""
    return extract_batch([Article(doc_id or "", text, date)])[0]


def extract_articles(articles: Iterable[Article], *, batch_size: int = BATCH_SIZE) -> Iterator[tuple[Article, list[Fact]]]:
    """Each article with its facts, streamed through `nlp.pipe` in input order."""
    yield from extract_stream(articles, batch_size=batch_size)

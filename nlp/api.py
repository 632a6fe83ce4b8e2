"""The Python API: extract the facts of one article."""
from __future__ import annotations

import functools
from datetime import date, datetime
from typing import Iterable, Iterator

import regex
from spacy.language import Language
from spacy.tokens import Doc

from nlp.pipeline.fact import Fact
from nlp.pipeline.loader import load
from nlp.io.readers import Article
from nlp.io.streaming import BATCH_SIZE


@functools.cache
def shared_pipeline() -> Language:
    """One pipeline per process, loaded on first use."""
    return load()


def extract(text: str, *, doc_id: str | None = None, date: date | datetime | str | None = None) -> list[Fact]:
    """The facts of one article; `date` (a date, a datetime or an ISO string) is its publication date."""
    from nlp.io.streaming import extract_batch

    return extract_batch([Article(doc_id or "", text, date)])[0]


def extract_articles(articles: Iterable[Article], *, batch_size: int = BATCH_SIZE) -> Iterator[tuple[Article, list[Fact]]]:
    """Each article with its facts, streamed through `nlp.pipe` in input order."""
    from nlp.io.streaming import extract_stream

    yield from extract_stream(articles, batch_size=batch_size)


def prepared_docs(nlp: Language, articles: Iterable[Article]) -> Iterator[Doc]:
    """Docs of the articles, with their id and date set."""
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.doc_id = article.doc_id
        doc._.date = article.date
        yield doc

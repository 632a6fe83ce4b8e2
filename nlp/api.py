"""The Python API: extract the facts of one article."""
from __future__ import annotations

import functools
from dataclasses import replace
from datetime import date
from typing import Iterable, Iterator

from spacy.language import Language

from nlp.fact import Fact
from nlp.readers import Article
from nlp.pipeline import load, plain_spaces


@functools.cache
def shared_pipeline() -> Language:
    """One pipeline per process, loaded on first use."""
    return load()


def extract(text: str, *, doc_id: str | None = None, date: date | None = None) -> list[Fact]:
    """The facts of one article; `date` is its publication date, the reference of relative periods."""
    nlp = shared_pipeline()
    doc = nlp.make_doc(plain_spaces(text))
    doc._.doc_id = doc_id
    doc._.date = date
    for _, component in nlp.pipeline:
        doc = component(doc)
    return [_with_original_text(fact, text) for fact in doc._.facts]


def _with_original_text(fact: Fact, text: str) -> Fact:
    """Evidence quoted from the article as given, no-break spaces included."""
    evidence = fact.evidence
    if evidence is None:
        return fact
    return replace(fact, evidence=replace(evidence, text=text[evidence.start : evidence.end]))


def extract_articles(articles: Iterable[Article], *, batch_size: int = 16) -> Iterator[tuple[Article, list[Fact]]]:
    """Each article with its facts, streamed through `nlp.pipe` in input order."""
    nlp = shared_pipeline()

    def docs():
        for article in articles:
            doc = nlp.make_doc(plain_spaces(article.text))
            doc._.doc_id = article.doc_id
            doc._.date = article.date
            yield doc, article

    for doc, article in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size):
        yield article, [_with_original_text(fact, article.text) for fact in doc._.facts]

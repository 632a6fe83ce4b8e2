"""The Python API: extract the facts of one article."""
from __future__ import annotations

import functools
from dataclasses import replace
from datetime import date
from typing import Iterable, Iterator

import regex
from spacy.language import Language
from spacy.tokens import Doc

from nlp.fact import Fact
from nlp.pipeline import load, plain_spaces
from nlp.readers import Article
from nlp.streaming import BATCH_SIZE


@functools.cache
def shared_pipeline() -> Language:
    """One pipeline per process, loaded on first use."""
    return load()


def extract(text: str, *, doc_id: str | None = None, date: date | None = None) -> list[Fact]:
    """The facts of one article; `date` is its publication date, the reference of relative periods."""
    from nlp.streaming import extract_batch

    return extract_batch([Article(doc_id or "", text, date)])[0]


def extract_articles(articles: Iterable[Article], *, batch_size: int = BATCH_SIZE) -> Iterator[tuple[Article, list[Fact]]]:
    """Each article with its facts, streamed through `nlp.pipe` in input order."""
    from nlp.streaming import extract_stream

    yield from extract_stream(articles, batch_size=batch_size)


def prepared_docs(nlp: Language, articles: Iterable[Article]) -> Iterator[Doc]:
    """Docs of the articles, typographic spaces made plain, with their id and date set."""
    for article in articles:
        doc = tokenized(nlp, plain_spaces(article.text))
        doc._.doc_id = article.doc_id
        doc._.date = article.date
        yield doc


# spaCy's tokenizer strips prefixes and suffixes one at a time, searching the rest of the word each
# time: a run of punctuation ('%%%…', '€€€…', '(((…') costs the square of its length. Such a run is
# tokenized in slices of this many characters: a cost linear in the run, and one token per mark, where
# spaCy might keep 'a%%…%b' whole; no figure is written that way.
_RUN_SLICE = 16
_PUNCTUATION_RUN = regex.compile(rf"[^\w\s]{{{_RUN_SLICE * 2},}}")


def tokenized(nlp: Language, text: str) -> Doc:
    """The pipeline's tokens of `text` (`nlp.make_doc`), in time linear in the length of any run of punctuation."""
    runs = list(_PUNCTUATION_RUN.finditer(text))
    if not runs:
        return nlp.make_doc(text)
    cuts = [cut for run in runs for cut in range(run.start() + _RUN_SLICE, run.end(), _RUN_SLICE)]
    bounds = [0, *cuts, len(text)]
    return Doc.from_docs([nlp.make_doc(text[start:end]) for start, end in zip(bounds, bounds[1:])],
                         ensure_whitespace=False)


def facts_of_doc(doc: Doc, article: Article) -> list[Fact]:
    """The facts of a processed doc, evidence quoted from the article as given (no-break spaces included)."""
    return [_with_original_text(fact, article.text) for fact in doc._.facts]


def _with_original_text(fact: Fact, text: str) -> Fact:
    evidence = fact.evidence
    if evidence is None:
        return fact
    sentence = text[evidence.sentence_start : evidence.sentence_start + len(evidence.sentence)]
    return replace(fact, evidence=replace(evidence, text=text[evidence.start : evidence.end], sentence=sentence))

"""The Python API: extract the facts of one article."""
from __future__ import annotations

import functools
from dataclasses import replace
from datetime import date

from spacy.language import Language

from nlp.fact import Fact
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

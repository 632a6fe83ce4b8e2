"""French typographic spaces (and apostrophes a copy lost): plain for the analysis, kept in the evidence."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import regex
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_suffix_regex, registry

from nlp.pipeline.extensions import declare
from nlp.pipeline.fact import Fact

# No-break and narrow no-break spaces group thousands and separate units in French typography;
# the tokenizer only splits on plain spaces. One character for one keeps every offset.
_PLAIN_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})
TYPOGRAPHIC_SPACES = "\u00a0\u202f\u2009\u2007"
# 'Md€.' at the end of a sentence: the period is punctuation, not part of the unit.
_UNIT_SUFFIX = r"(?<=[€$£%])[.,;:]"


# spaCy's tokenizer strips prefixes and suffixes one at a time, searching the rest of the word each
# time: a run of punctuation ('%%%…', '€€€…', '(((…') costs the square of its length. Such a run is
# tokenized in slices of this many characters: a cost linear in the run, and one token per mark, where
# spaCy might keep 'a%%…%b' whole; no figure is written that way.
_RUN_SLICE = 16
_PUNCTUATION_RUN = regex.compile(rf"[^\w\s]{{{_RUN_SLICE * 2},}}")


def plain_spaces(text: str) -> str:
    """The text with typographic spaces as plain spaces, same length, same offsets."""
    return text.translate(_PLAIN_SPACES)


# A copy that lost its apostrophes ('l encours', '6 milliards d euros', 'qu elle'): an elided article or
# pronoun stands alone before a vowel. One character for one, so offsets and the evidence stay as given.
_LOST_ELISION = regex.compile(r"(?<![\w'’.-])([dDlLjJnNsScC]|[qQ]u)\x20(?=[aeiouyhéèêàâîôûœAEIOUYHÉÈÊÀÂÎÔÛ])")


def restored_elisions(text: str) -> str:
    """The text with the apostrophes a mirror copy lost put back, same length, same offsets."""
    return _LOST_ELISION.sub(r"\1'", text)


class TypographicTokenizer:
    """spaCy's tokenizer on the text with plain spaces; the text as given stays in `doc._.text_as_given`."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        plain = restored_elisions(plain_spaces(text))
        doc = self._linear(plain)
        if plain != text:
            doc._.text_as_given = text
        return doc

    def _linear(self, text: str) -> Doc:
        """spaCy's tokens of `text`, in time linear in the length of any run of punctuation (see _RUN_SLICE)."""
        runs = list(_PUNCTUATION_RUN.finditer(text))
        if not runs:
            return self.tokenizer(text)
        cuts = [cut for run in runs for cut in range(run.start() + _RUN_SLICE, run.end(), _RUN_SLICE)]
        bounds = [0, *cuts, len(text)]
        return Doc.from_docs([self.tokenizer(text[start:end]) for start, end in zip(bounds, bounds[1:])],
                             ensure_whitespace=False)

    def to_disk(self, path: str | Path, **kwargs) -> None:
        self.tokenizer.to_disk(path, **kwargs)

    def from_disk(self, path: str | Path, **kwargs) -> TypographicTokenizer:
        self.tokenizer.from_disk(path, **kwargs)
        return self

    def to_bytes(self, **kwargs) -> bytes:
        return self.tokenizer.to_bytes(**kwargs)

    def from_bytes(self, data: bytes, **kwargs) -> TypographicTokenizer:
        self.tokenizer.from_bytes(data, **kwargs)
        return self


TOKENIZER = "chiffres.Tokenizer.v1"


def typographic(pipeline: Language) -> None:
    """Give a pipeline chiffres' tokenizer: its own, with typographic spaces made plain and '€.' split."""
    tokenizer = pipeline.tokenizer
    if isinstance(tokenizer, TypographicTokenizer):
        return
    pipeline.tokenizer = _wrapped(tokenizer, pipeline)
    # What a saved pipeline's config.cfg names, so that spacy.load() rebuilds the same tokenizer.
    pipeline._config["nlp"]["tokenizer"] = {"@tokenizers": TOKENIZER}


@registry.tokenizers(TOKENIZER)
def create_tokenizer():
    """spaCy's tokenizer for the language, wrapped as `typographic` does."""
    spacy_tokenizer = registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make(pipeline: Language) -> TypographicTokenizer:
        return _wrapped(spacy_tokenizer(pipeline), pipeline)

    return make


def _wrapped(tokenizer, pipeline: Language) -> TypographicTokenizer:
    declare()
    tokenizer.suffix_search = compile_suffix_regex(list(pipeline.Defaults.suffixes) + [_UNIT_SUFFIX]).search
    return TypographicTokenizer(tokenizer)


@Language.factory("chiffres_evidence", assigns=["doc._.facts"], default_config={})
class EvidenceQuoter:
    """Quote each fact's evidence and sentence from the text as given, no-break spaces included."""

    def __init__(self, nlp: Language, name: str = "chiffres_evidence"):
        self.name = name
        declare()

    def __call__(self, doc: Doc) -> Doc:
        if doc._.text_as_given is not None and doc._.facts:
            doc._.facts = [quoted(fact, doc._.text_as_given) for fact in doc._.facts]
        return doc


def quoted(fact: Fact, text: str) -> Fact:
    """The fact with its evidence and sentence taken from `text`, at the same offsets."""
    evidence = fact.evidence
    if evidence is None:
        return fact
    sentence = text[evidence.sentence_start : evidence.sentence_start + len(evidence.sentence)]
    return replace(fact, evidence=replace(evidence, text=text[evidence.start : evidence.end], sentence=sentence))

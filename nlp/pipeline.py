"""`load()`: fr_core_news_md plus chiffres' components, in order."""
from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.util import compile_suffix_regex

from nlp.extensions import declare
from nlp.lexicon import read_jsonl

MODEL = "fr_core_news_md"
# Each ruler runs before the statistical NER, which then keeps their spans whole. Figures go
# first: 'de 2020 DH' is an amount, not the year 2020 (counts never take a month or a year).
RULERS = {
    "chiffres_figure_ruler": ["money.jsonl", "percent.jsonl", "quantity.jsonl"],
    "chiffres_period_ruler": ["period.jsonl"],
    "chiffres_org_ruler": ["org.jsonl"],
}


def load(model: str = MODEL) -> Language:
    """The French model with chiffres' number merger, rulers, normaliser, organisations and facts."""
    declare()

    pipeline = spacy.load(model)
    # 'Md€.' at the end of a sentence: the period is punctuation, not part of the unit.
    suffixes = list(pipeline.Defaults.suffixes) + [r"(?<=[€$£%])[.,;:]"]
    pipeline.tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    pipeline.add_pipe("chiffres_number_merger", first=True)
    pipeline.add_pipe("chiffres_sentence_guard", after="chiffres_number_merger")
    pipeline.add_pipe("chiffres_sentence_joiner", after="parser")
    for name, files in RULERS.items():
        ruler = pipeline.add_pipe("entity_ruler", name=name, before="ner", config={"validate": True})
        for file in files:
            ruler.add_patterns(read_jsonl(file))
    pipeline.add_pipe("chiffres_normalizer", after="ner")
    pipeline.add_pipe("chiffres_orgs", after="chiffres_normalizer")
    pipeline.add_pipe("chiffres_facts", last=True)
    return pipeline


# No-break and narrow no-break spaces group thousands and separate units in French typography;
# the tokenizer only splits on plain spaces. One character for one keeps every offset.
_PLAIN_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " "})


def plain_spaces(text: str) -> str:
    """The text with typographic spaces as plain spaces, same length, same offsets."""
    return text.translate(_PLAIN_SPACES)

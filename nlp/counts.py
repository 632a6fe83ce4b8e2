"""Parse a count: a number and the noun it counts ('1,3 million d'opérations')."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from nlp.lexicon import fold_apostrophes
from nlp.numbers import read_number, skip_space, split_qualifier

_OF = regex.compile(r"(?:de\s++|d')\s*+", regex.IGNORECASE)
_PLURAL = regex.compile(r"(?<=\w\w)[sx]\b")


@dataclass(frozen=True)
class Count:
    value: Decimal
    noun: str  # singular, lower case: 'opération', 'site marchand'
    qualifier: str = "="


def parse_count(text: str, *, noun: str | None = None) -> Count | None:
    """'211.000 opérations' -> Count(211000, 'opération').

    noun: the counted noun already lemmatised by the caller; otherwise the plural mark is dropped.
    """
    text = fold_apostrophes(text).strip()
    qualifier, position = split_qualifier(text)
    number = read_number(text, position)
    if number is None:
        return None
    position = skip_space(text, number.end)
    of = _OF.match(text, position)
    rest = text[of.end() if of else position:].strip(" .,;:)»").lower()
    if noun is None:
        if not rest or not rest[0].isalpha():
            return None
        noun = _PLURAL.sub("", rest)
    return Count(number.value, noun, qualifier)

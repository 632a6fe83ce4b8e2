"""Parse a count: a number and the noun it counts ('1,3 million d'opérations')."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from nlp.parsing.lexicon import count_nouns, invariable_nouns, scaled_count_units
from nlp.parsing.numbers import figure_text, read_number, skip_of, skip_space, tidy



@dataclass(frozen=True)
class Count:
    value: Decimal
    noun: str  # singular, lower case: 'opération', 'site marchand'
    qualifier: str = "="


def parse_count(text: str, *, noun: str | None = None) -> Count | None:
    """'211.000 opérations' -> Count(211000, 'opération').

    noun: the counted noun already lemmatised by the caller; otherwise the plural mark is dropped.
    """
    text, qualifier, position = figure_text(text)
    number = read_number(text, position)
    if number is None:
        return None
    position = skip_space(text, number.end)
    abbreviation = scaled_count_units().get(text[position:].strip(" .,;:)»"))
    if abbreviation is not None and not number.scaled:
        counted, power = abbreviation
        return Count(tidy(number.value * 10 ** power), counted, qualifier)
    rest = text[skip_of(text, position):].strip(" .,;:)»").lower()
    if noun is None:
        if not rest or not rest[0].isalpha():
            return None
        noun = counted_noun([singular(word) for word in rest.split()])
    return Count(number.value, noun, qualifier)


_OF = ("de", "d'", "du", "des")


def counted_noun(words: list[str]) -> str:
    """The noun counted, with the adjectives after it, not its complement: 'opération de paiement' -> 'opération'.

    words: singular, lower case, from the noun on. A compound of count_nouns.yaml keeps its complement
    ('point de vente', 'demandeur d'emploi').
    """
    complement = next((i for i, word in enumerate(words) if word in _OF or word.startswith("d'")), len(words))
    for end in range(len(words), complement, -1):
        compound = " ".join(words[:end]).replace("d' ", "d'")
        if compound in count_nouns():
            return compound
    return " ".join(words[:complement])


def singular(word: str) -> str:
    """The singular of a French plural noun or adjective: 'opérations', 'terminaux', 'bureaux'."""
    if word in invariable_nouns() or len(word) <= 2 or "'" in word:
        return word
    if word.endswith("eaux"):
        return word[:-1]
    if word.endswith("aux"):
        # The -al plural: 'terminaux' -> 'terminal'.
        return word[:-3] + "al"
    if word.endswith(("s", "x")) and not word.endswith("ss"):
        return word[:-1]
    return word

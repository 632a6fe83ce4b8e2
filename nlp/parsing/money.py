"""Parse a money amount: number, scale and currency, to an ISO 4217 code."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

from nlp.parsing.lexicon import currencies
from nlp.parsing.numbers import figure_text, read_number, skip_of, skip_space, tidy



@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str
    qualifier: str = "="


def parse_money(text: str, *, currency: str | None = None) -> Money | None:
    """'1,056 milliard de dirhams' -> Money(1056000000, 'MAD'); None when it is not an amount.

    currency: the unit of an elliptical amount ('269,8 millions' after '270,3 MDH').
    """
    text, qualifier, position = figure_text(text)
    prefix = _read_currency(text, position)
    if prefix:
        (code, power), position = prefix
        position = skip_space(text, position)
    number = read_number(text, position)
    if number is None:
        return None
    position = skip_space(text, number.end)
    if not prefix:
        suffix = _read_currency(text, skip_of(text, position))
        if suffix:
            (code, power), position = suffix
        elif currency is not None and number.scaled:
            code, power = currency, 0
        else:
            return None
    if text[position:].strip(" .,;:)»\"'"):
        return None
    return Money(tidy(number.value * (Decimal(10) ** power)), code, qualifier)


def _read_currency(text: str, start: int):
    """The currency written at `start` ('dirhams', 'MDH', '€') with its implied power of ten."""
    words, symbols = currencies()
    for form, entry in _forms_longest_first():
        end = start + len(form)
        candidate = text[start:end]
        if candidate == form and form in symbols or candidate.lower() == form and form in words:
            if end < len(text) and text[end].isalnum() and form[-1].isalnum():
                continue
            return entry, end
    return None


@functools.cache
def _forms_longest_first():
    words, symbols = currencies()
    return tuple(sorted({**words, **symbols}.items(), key=lambda item: -len(item[0])))

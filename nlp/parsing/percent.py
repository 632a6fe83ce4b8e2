"""Parse a percentage or a change in percentage points ('22,2%', '3 points', '50 points de base')."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal

from nlp.parsing.lexicon import read_yaml
from nlp.parsing.numbers import figure_text, read_number, skip_space, tidy


@dataclass(frozen=True)
class Percent:
    value: Decimal
    unit: str  # '%' or 'pp'
    qualifier: str = "="


def parse_percent(text: str) -> Percent | None:
    """'près de 30%' -> Percent(30, '%', '~'); basis points become percentage points."""
    text, qualifier, position = figure_text(text)
    number = read_number(text, position)
    if number is None or number.scaled:
        return None
    position = skip_space(text, number.end)
    rest = text[position:].rstrip(" ,;:)»").lower()
    unit = _units().get(rest, _units().get(rest.rstrip(".")))
    if unit is None:
        return None
    if unit == "bp":
        # A basis point is a hundredth of a percentage point.
        return Percent(tidy(number.value / 100), "pp", qualifier)
    return Percent(number.value, unit, qualifier)


@functools.cache
def _units() -> dict[str, str]:
    return {form.lower(): unit for unit, forms in read_yaml("percent_units.yaml").items() for form in forms}

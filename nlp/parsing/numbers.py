"""Read a French number: digits with their separators, number words, scale words."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal, localcontext

import regex
from text_to_num import text2num

from nlp.parsing.lexicon import fold_apostrophes, qualifiers, scale_words, scales

# French writes the decimal comma and groups thousands with '.', a space, a no-break space
# or a narrow no-break space: '1,056' is 1.056 and '211.000' is 211000.
_DIGITS = regex.compile(
    r"(?P<sign>[+\-−–]\s?)?"
    r"(?P<int>\d{1,3}(?:(?P<sep>[.\u00a0\u202f\u2009 ])\d{3})(?:(?P=sep)\d{3})*+|\d++)"
    r"(?:,(?P<frac>\d++)|\.(?P<dotfrac>\d++)|,\ (?P<spacedfrac>0\d{1,2}|\d)(?=\s?%))?"
    r"(?!\d)"
)
_WORD = regex.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SPACE = regex.compile(r"[\s\u00a0\u202f\u2009]*+")
_HALF_SCALE = regex.compile(r"\s*+demi-(?P<scale>millions?|milliards?)\b", regex.IGNORECASE)
_AND_A_HALF = regex.compile(r"\s++et\s++demie?\b", regex.IGNORECASE)


@dataclass(frozen=True)
class Number:
    """A number read at the start of a text: its value and how many characters it took."""

    value: Decimal
    end: int
    scaled: bool = False


def read_number(text: str, start: int = 0) -> Number | None:
    """Read digits or number words at `start`, then an optional scale word ('1,2 million')."""
    match = _DIGITS.match(text, start)
    if match:
        value = _digits_value(match)
        if value is None:
            return None
        end = match.end()
    else:
        words = _read_number_words(text, start)
        if words is None:
            return None
        value, end = words
    half_scale = _HALF_SCALE.match(text, end)
    if half_scale:
        # 'un demi-million': half of the scale word, times the number before it.
        power = scales()[half_scale["scale"].lower()]
        return Number(tidy(value * Decimal("0.5") * (Decimal(10) ** power)), half_scale.end(), scaled=True)
    scale = _read_scale(text, end)
    if scale is None:
        return Number(tidy(value), end)
    power, end = scale
    half = _AND_A_HALF.match(text, end)
    if half:
        # 'un milliard et demi': half of the scale word, not of the number.
        value += Decimal("0.5")
        end = half.end()
    return Number(tidy(value * (Decimal(10) ** power)), end, scaled=True)


def tidy(value: Decimal) -> Decimal:
    """The same value without trailing zeros or exponent ('1056000000.000' -> '1056000000')."""
    with localcontext() as context:
        context.prec = 60  # room for 18 digits times a 10^12 scale, and their decimals
        if value == value.to_integral_value():
            return value.quantize(Decimal(1))
        return value.normalize()


# No economic figure has more digits than this; a longer run is an identifier or noise.
_MAX_DIGITS = 18


def _digits_value(match) -> Decimal | None:
    integer = regex.sub(r"\D", "", match["int"])
    if len(integer) > _MAX_DIGITS:
        return None
    # '16, 04 %', '4, 7 %': a copy that lost the decimal comma's glue; a leading zero or a single digit, then
    # a '%', make it sure (a list of rates writes its '%' after each: '3 %, 5 %').
    fraction = match["frac"] or match["spacedfrac"] or ""
    if match["dotfrac"] is not None:
        # A dot followed by three digits groups thousands ('211.000'); otherwise it is a decimal point.
        if len(match["dotfrac"]) == 3 and match["sep"] is None:
            integer += match["dotfrac"]
        elif match["sep"] == ".":
            integer += match["dotfrac"]  # '1.234.5' never happens; keep the digits rather than invent a point
        else:
            fraction = match["dotfrac"]
    value = Decimal(f"{integer}.{fraction}" if fraction else integer)
    sign = (match["sign"] or "").strip()
    return -value if sign in ("-", "−", "–") else value


def _read_number_words(text: str, start: int) -> tuple[Decimal, int] | None:
    """The longest run of words that text2num reads as one number ('vingt-deux', 'trois cent mille')."""
    best = None
    words: list[str] = []
    position = start
    while True:
        gap = _SPACE.match(text, position)
        word = _WORD.match(text, gap.end())
        # 'mille' stays in the run ('trois cent mille'); million and milliard scale what comes before.
        if not word or word.group().lower() in scale_words() - {"mille"}:
            break
        words.append(word.group().lower())
        position = word.end()
        value = _text2num(" ".join(words))
        if value is not None:
            best = (Decimal(value), position)
        elif len(words) > 1 and words[-1] != "et":
            break
    return best


@functools.lru_cache(maxsize=4096)
def _text2num(words: str) -> int | None:
    try:
        return text2num(words, "fr")
    except ValueError:
        return None


def _read_scale(text: str, start: int) -> tuple[int, int] | None:
    """A scale word right after the number, as a whole word: 'milliard', 'Md', 'M' in '3 M de'."""
    position = _SPACE.match(text, start).end()
    for word, power in _scales_longest_first():
        if text.startswith(word, position) or (len(word) > 3 and text[position:position + len(word)].lower() == word):
            after = position + len(word)
            if after < len(text) and (text[after].isalnum() or text[after] == "_"):
                continue
            return power, after
    return None


@functools.cache
def _scales_longest_first() -> tuple[tuple[str, int], ...]:
    return tuple(sorted(scales().items(), key=lambda item: -len(item[0])))


def qualifier_before(text: str) -> str:
    """The qualifier that ends `text` ('près de' -> '~', 'plus de' -> '>'), else '='."""
    tail = fold_apostrophes(text[-40:]).lower().rstrip()
    for phrase, symbol in _qualifiers_longest_first():
        if tail.endswith(phrase):
            before = tail[: -len(phrase)]
            if not before or not before[-1].isalnum():
                return symbol
    return "="


def figure_text(text: str) -> tuple[str, str, int]:
    """(text, qualifier, where the number starts) of a figure's text, its qualifier before or after it.

    'près de 30%' and '600 dirhams environ' are '~'; typographic apostrophes become straight ones.
    """
    text = fold_apostrophes(text).strip(" (")
    trailing, text = split_trailing_qualifier(text)
    qualifier, position = split_qualifier(text)
    return text, (trailing if qualifier == "=" else qualifier), position


def split_trailing_qualifier(text: str) -> tuple[str, str]:
    """A qualifier written after the figure ('600 dirhams environ') and the text without it."""
    folded = fold_apostrophes(text).lower().rstrip(" .,;:)")
    for phrase, symbol in _qualifiers_longest_first():
        if symbol == "~" and phrase.isalpha() and folded.endswith(" " + phrase):
            return symbol, text[: len(folded) - len(phrase)].rstrip()
    return "=", text


def split_qualifier(text: str) -> tuple[str, int]:
    """The qualifier that starts `text` and where the figure begins after it."""
    folded = fold_apostrophes(text).lower()
    for phrase, symbol in _qualifiers_longest_first():
        if folded.startswith(phrase):
            end = len(phrase)
            if phrase[-1].isalpha() and end < len(folded) and folded[end].isalnum():
                continue
            return symbol, _SPACE.match(text, end).end()
    return "=", 0


@functools.cache
def _qualifiers_longest_first() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(qualifiers().items(), key=lambda item: -len(item[0])))


_OF = regex.compile(r"(?:de\s++|d')\s*+", regex.IGNORECASE)


def skip_of(text: str, start: int) -> int:
    """The position after the 'de' or 'd'' that joins a number to its unit ('1,3 million d'opérations')."""
    of = _OF.match(text, start)
    return of.end() if of else start


def skip_space(text: str, start: int) -> int:
    """The first position at or after `start` that is not white space (no-break spaces included)."""
    return _SPACE.match(text, start).end()


# '~' (près de, environ) leaves this much room either way, beyond rounding.
APPROXIMATION = Decimal("0.1")


def same_up_to_rounding(a: Decimal, b: Decimal, qualifier_a: str = "=", qualifier_b: str = "=") -> bool:
    """Whether two figures can be one number written at different precisions: 2,1 milliards and 2 084 millions.

    A number is read as rounded to its last significant digit, and to two digits at least ('30' is not
    '25'); '~' allows a tenth either way, '>' and '<' are bounds.
    """
    room = max(_last_place(a), _last_place(b)) / 2
    if "~" in (qualifier_a, qualifier_b):
        room = max(room, APPROXIMATION * max(abs(a), abs(b)))
    if qualifier_a in (">", "<") or qualifier_b in (">", "<"):
        return _within_bounds(a, qualifier_a, b, room) and _within_bounds(b, qualifier_b, a, room)
    return abs(a - b) <= room


def _within_bounds(bound: Decimal, qualifier: str, other: Decimal, room: Decimal) -> bool:
    if qualifier == ">":
        return other >= bound - room
    if qualifier == "<":
        return other <= bound + room
    return True


def _last_place(value: Decimal) -> Decimal:
    """The place of a number's last significant digit, taken as the hundredth of its size at most."""
    sign, digits, exponent = value.normalize().as_tuple()
    if not isinstance(exponent, int) or not any(digits):
        return Decimal(0)
    exponent -= max(0, 2 - len(digits))
    return Decimal(1).scaleb(exponent)

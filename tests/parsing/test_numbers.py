"""nlp.parsing.numbers: French digits, number words, scale words and qualifiers.

Each table row is a real French form; a table is checked as a whole and every wrong row is reported.
"""
from decimal import Decimal

import pytest

from nlp.parsing.numbers import qualifier_before, read_number, skip_space, split_qualifier, tidy
from conftest import NBSP, NNBSP, check

THIN = "\u2009"


def reading(text):
    """read_number as (value, end, scaled), or None."""
    number = read_number(text)
    return None if number is None else (number.value, number.end, number.scaled)


def whole(value: str, text: str, scaled: bool = False):
    """The expected reading of a number that takes the whole text."""
    return (Decimal(value), len(text), scaled)


def rows_whole(table, scaled=False):
    return [(text, whole(value, text, scaled)) for text, value in table]


DECIMAL_COMMA = [
    ("22,2", "22.2"),
    ("1,056", "1.056"),  # '1,056 milliard de dirhams': a comma is never a thousands separator
    ("0,25", "0.25"),
    ("1 234 567,89", "1234567.89"),
]
THOUSANDS = [
    ("211.000", "211000"),
    ("2.500.000", "2500000"),
    ("1.500,25", "1500.25"),
    ("1 234 567", "1234567"),
    (f"1{NBSP}234", "1234"),
    (f"12{NNBSP}500", "12500"),
    (f"12{THIN}500", "12500"),
    ("1 000,50", "1000.5"),
]
DOT_DECIMAL = [
    # a dot not followed by exactly three digits is a decimal point (copy from English sources)
    ("3.5", "3.5"),
    ("15.3", "15.3"),
    ("150.25", "150.25"),
]
INTEGERS = [("2020", "2020"), ("4833", "4833"), ("7", "7")]
SIGNS = [
    ("+3,4", "3.4"),
    ("+ 12", "12"),
    ("-2,1", "-2.1"),
    ("- 2,1", "-2.1"),
    ("−0,8", "-0.8"),  # U+2212 minus sign
    ("– 1,5", "-1.5"),  # en dash used as a minus
]
WORDS = [
    ("dix", "10"),
    ("trois", "3"),
    ("DEUX", "2"),
    ("Vingt-deux", "22"),
    ("vingt-deux", "22"),
    ("vingt et un", "21"),
    ("soixante-dix", "70"),
    ("soixante et onze", "71"),
    ("quatre-vingts", "80"),
    ("quatre-vingt-dix-neuf", "99"),
    ("cent vingt", "120"),
    ("cinq cents", "500"),
    ("mille", "1000"),
    ("mille deux cents", "1200"),
    ("dix mille", "10000"),
    ("trente-six mille", "36000"),
    ("trois cent mille", "300000"),
]
SCALE_WORDS = [
    ("un million", "1000000"),
    ("deux milliards", "2000000000"),
    ("dix-sept millions", "17000000"),
    ("1,2 million", "1200000"),
    ("1,2 Millions", "1200000"),
    ("12,5 millions", "12500000"),
    ("3,5 milliards", "3500000000"),
    ("1 Milliard", "1000000000"),
    ("1 234,5 millions", "1234500000"),
    ("670 mille", "670000"),
    ("1 billion", "1000000000000"),  # French long scale: billion = 10^12
]
AND_A_HALF = [
    # 'et demi' is half of the scale word, not of the number
    ("un milliard et demi", "1500000000"),
    ("deux millions et demi", "2500000"),
    ("1 milliard et demie", "1500000000"),
]
SCALE_ABBREVIATIONS = [
    ("2,5 Md", "2500000000"),
    ("3 Mds", "3000000000"),
    ("4 Mrd", "4000000000"),
    ("3 md", "3000000000"),
    ("3M", "3000000"),
    ("5 Mio", "5000000"),
    ("10.5 M", "10500000"),
    ("15 k", "15000"),
]


@pytest.mark.parametrize(
    "table",
    [
        pytest.param(DECIMAL_COMMA, id="decimal-comma"),
        pytest.param(THOUSANDS, id="thousands-separators"),
        pytest.param(DOT_DECIMAL, id="dot-decimal"),
        pytest.param(INTEGERS, id="integers"),
        pytest.param(SIGNS, id="signs"),
        pytest.param(WORDS, id="number-words"),
    ],
)
def test_read_number_unscaled(table):
    check(reading, rows_whole(table))


@pytest.mark.parametrize(
    "table",
    [
        pytest.param(SCALE_WORDS, id="scale-words"),
        pytest.param(AND_A_HALF, id="et-demi"),
        pytest.param(SCALE_ABBREVIATIONS, id="abbreviations"),
    ],
)
def test_read_number_scaled(table):
    check(reading, rows_whole(table, scaled=True))


def test_read_number_scale_before_other_words():
    check(reading, [
        ("7 M de dirhams", (Decimal("7000000"), 3, True)),
        ("3 Mds.", (Decimal("3000000000"), 5, True)),
        ("1,2 million de touristes", (Decimal("1200000"), 11, True)),
    ])


def test_read_number_stops_before_what_is_not_a_scale():
    check(reading, [
        # a scale abbreviation must be a whole word: 'km', 'Maroc', 'MDH', 'MMDH' are not 'k' / 'M'
        ("15 km", (Decimal("15"), 2, False)),
        ("3 Maroc", (Decimal("3"), 1, False)),
        ("270,3 MDH", (Decimal("270.3"), 5, False)),
        ("2,3 MMDH", (Decimal("2.3"), 3, False)),
        ("4G", (Decimal("4"), 1, False)),
        ("3 et demi", (Decimal("3"), 1, False)),  # 'et demi' only after a scale word
        ("12,", (Decimal("12"), 2, False)),  # a trailing comma is punctuation
    ])


def test_read_number_from_offset():
    number = read_number("soit 1,2 million de touristes", 5)
    assert (number.value, number.end, number.scaled) == (Decimal("1200000"), 16, True)


def test_read_number_none():
    check(read_number, [(text, None) for text in ["", "abc", ",5", "n°4833", "%", "  ", "millions", "Md"]])


def test_read_number_demi_million():
    assert reading("un demi-million") == whole("500000", "un demi-million", scaled=True)


def test_tidy():
    rows = [
        ("1056000000.000", "1056000000"),
        ("1.50", "1.5"),
        ("0.10", "0.1"),
        ("1E+3", "1000"),
        ("-2.0", "-2"),
        ("22.2", "22.2"),
    ]
    # str() too: no exponent, no trailing zeros
    check(lambda value: str(tidy(Decimal(value))), rows)


def test_qualifier_before():
    check(qualifier_before, [
        ("Le chiffre d'affaires s'établit à près de ", "~"),
        ("un chiffre d'affaires de près de" + NBSP, "~"),
        ("le résultat a atteint près d’", "~"),
        ("Il a réalisé environ", "~"),
        ("env.", "~"),
        ("un taux voisin de ", "~"),
        ("quelque ", "~"),
        ("la banque emploie plus de ", ">"),
        ("au moins", ">"),
        ("Une baisse de moins de ", "<"),
        ("un peu moins de", "<"),
        ("des financements jusqu'à ", "<"),
        ("des financements jusqu’à ", "<"),
        ("un déficit ne dépassant pas ", "<"),  # the longest phrase wins over 'dépassant' (>)
        ("à peine ", "<"),
        # exact
        ("à hauteur de ", "="),
        ("CA de plus de 3 milliards, soit ", "="),
        ("estimé à ", "="),
        ("un surplus de ", "="),  # 'plus de' inside a word is not a qualifier
        ("néanmoins de ", "="),
        ("", "="),
    ])


def test_split_qualifier():
    check(split_qualifier, [
        ("près de 30%", ("~", 8)),
        ("Près de 30%", ("~", 8)),
        ("près d'un milliard", ("~", 7)),
        ("près d’un milliard", ("~", 7)),
        ("environ 30%", ("~", 8)),
        ("env. 30 M€", ("~", 5)),
        ("quelque 500 emplois", ("~", 8)),
        ("plus de 3", (">", 8)),
        ("PLUS DE 3", (">", 8)),
        (f"plus{NBSP}de 3", (">", 8)),
        ("au moins 5", (">", 9)),
        ("moins de 3 %", ("<", 9)),
        ("jusqu'à 40%", ("<", 8)),
        ("jusqu’à 40%", ("<", 8)),
        ("un peu moins de 5", ("<", 16)),
        # not qualifiers
        ("environnement 3", ("=", 0)),
        ("environs 3", ("=", 0)),
        ("quelques 3", ("=", 0)),
        ("30%", ("=", 0)),
        ("", ("=", 0)),
    ])


def test_skip_space():
    check(lambda case: skip_space(*case), [
        (("1 000", 1), 2),
        ((f"28,2{NNBSP}%", 4), 5),
        ((f"a {NBSP}{NNBSP} b", 1), 5),
        (("ab", 0), 0),
        (("a", 1), 1),
    ])

"""nlp.parsing.percent: percentages, percentage points and basis points.

Each table row is a real French form; a table is checked as a whole and every wrong row is reported.
"""
from decimal import Decimal

import pytest

from nlp.parsing.percent import Percent, parse_percent
from conftest import NBSP, NNBSP, check



def pct(value: str, unit: str = "%", qualifier: str = "=") -> Percent:
    return Percent(Decimal(value), unit, qualifier)


PERCENT_SIGN = [
    # a copy that put a space after the decimal comma: a leading zero or a single digit, then '%', is sure
    ("16, 04 %", pct("16.04")),
    ("0, 4 %", pct("0.4")),
    ("4, 7 %", pct("4.7")),
    ("22,2%", pct("22.2")),
    ("28,2 %", pct("28.2")),
    (f"28,2{NBSP}%", pct("28.2")),
    (f"28,2{NNBSP}%", pct("28.2")),
    ("100%", pct("100")),
    ("0,25%", pct("0.25")),
    ("1.000%", pct("1000")),
    ("22,2%.", pct("22.2")),
    ("22,2 %)", pct("22.2")),
    ("12%, ", pct("12")),
    ("+3,4%", pct("3.4")),
    ("-2,1%", pct("-2.1")),
    ("−0,8 %", pct("-0.8")),
]
WRITTEN_OUT = [
    ("5 pour cent", pct("5")),
    ("22,2 POUR CENT", pct("22.2")),
    ("cinq pour cent", pct("5")),
    ("vingt-deux pour cent", pct("22")),
    ("5 pourcent", pct("5")),
    ("12,5 pour-cent", pct("12.5")),
    ("5 pc", pct("5")),
]
PERCENTAGE_POINTS = [
    ("3 points", pct("3", "pp")),
    ("3 Points", pct("3", "pp")),
    ("1 point", pct("1", "pp")),
    ("un point", pct("1", "pp")),
    ("0,5 point", pct("0.5", "pp")),
    ("2 points de pourcentage", pct("2", "pp")),
    ("deux points de pourcentage", pct("2", "pp")),
    ("1,5 pt", pct("1.5", "pp")),
]
BASIS_POINTS = [  # a hundredth of a percentage point
    ("50 points de base", pct("0.5", "pp")),
    ("100 points de base", pct("1", "pp")),
    ("1 point de base", pct("0.01", "pp")),
    ("25 pb", pct("0.25", "pp")),
    ("75 pdb", pct("0.75", "pp")),
    ("50 bps", pct("0.5", "pp")),
]
QUALIFIERS = [
    ("près de 30%", pct("30", "%", "~")),
    ("environ 22%", pct("22", "%", "~")),
    ("env. 12%", pct("12", "%", "~")),
    ("plus de 50%", pct("50", "%", ">")),
    (f"plus{NBSP}de 30 %", pct("30", "%", ">")),
    ("moins de 3 %", pct("3", "%", "<")),
    ("jusqu'à 40%", pct("40", "%", "<")),
    ("jusqu’à 40%", pct("40", "%", "<")),
    ("à peine 2%", pct("2", "%", "<")),
    ("près de 10 points de base", pct("0.1", "pp", "~")),
]


@pytest.mark.parametrize(
    "table",
    [
        pytest.param(PERCENT_SIGN, id="percent-sign"),
        pytest.param(WRITTEN_OUT, id="pour-cent"),
        pytest.param(PERCENTAGE_POINTS, id="points"),
        pytest.param(BASIS_POINTS, id="points-de-base"),
        pytest.param(QUALIFIERS, id="qualifiers"),
    ],
)
def test_parse_percent(table):
    check(parse_percent, table)


def test_parse_percent_none():
    texts = [
        "",
        "abc",
        "4G",
        "%",
        "pour cent",
        "22,2",  # no unit
        "3 millions %",  # a scaled number is not a percentage
        "1,2 million %",
        "22,2% du PIB",  # trailing words
        "près d’un tiers",  # fractions are handled elsewhere
        "3 millions de dirhams",
    ]
    check(parse_percent, [(text, None) for text in texts])


def test_parse_percent_pc_abbreviation():
    assert parse_percent("5 p.c.") == pct("5")


def test_parse_percent_postposed_environ():
    assert parse_percent("30 % environ") == pct("30", "%", "~")

"""nlp.parsing.money: amounts with their scale and currency, to an ISO 4217 code.

Each table row is a real French form; a table is checked as a whole and every wrong row is reported.
"""
from decimal import Decimal

import pytest

from nlp.parsing.money import Money, parse_money
from conftest import NBSP, NNBSP, check



def money(amount: str, currency: str, qualifier: str = "=") -> Money:
    return Money(Decimal(amount), currency, qualifier)


MOROCCO = [
    ("1,056 milliard de dirhams", money("1056000000", "MAD")),
    ("500 dirhams", money("500", "MAD")),
    ("1 dirham", money("1", "MAD")),
    ("un dirham", money("1", "MAD")),
    ("3,5 milliards de Dirhams", money("3500000000", "MAD")),
    ("5 millions de dirhams marocains", money("5000000", "MAD")),
    ("300 DH", money("300", "MAD")),
    ("1,5 milliard de DH", money("1500000000", "MAD")),
    ("10 Mds de DH", money("10000000000", "MAD")),
    ("45 Dh", money("45", "MAD")),
    ("600 dh", money("600", "MAD")),
    ("2dh", money("2", "MAD")),
    ("120 Dhs", money("120", "MAD")),
    ("1 milliard de Dhs", money("1000000000", "MAD")),
    ("15 millions de MAD", money("15000000", "MAD")),
    ("MAD 1,2 milliard", money("1200000000", "MAD")),
    ("Dh 500", money("500", "MAD")),
    ("270,3 MDH", money("270300000", "MAD")),
    ("270,3 MDH.", money("270300000", "MAD")),
    ("2,3 MMDH", money("2300000000", "MAD")),
    ("3 Md de dirhams", money("3000000000", "MAD")),
    ("3,7 Mds de dirhams", money("3700000000", "MAD")),
    ("5 M de dirhams", money("5000000", "MAD")),
]
EURO = [
    ("3 milliards d'euros", money("3000000000", "EUR")),
    ("3 milliards d’euros", money("3000000000", "EUR")),
    ("2,5 millions d’euros", money("2500000", "EUR")),
    ("1 euro", money("1", "EUR")),
    ("deux euros", money("2", "EUR")),
    ("2,5 €", money("2.5", "EUR")),
    ("2,5€", money("2.5", "EUR")),
    ("€ 5 millions", money("5000000", "EUR")),
    ("1 EUR", money("1", "EUR")),
    ("12 M€", money("12000000", "EUR")),
    ("2 M€.", money("2000000", "EUR")),
    ("1,2 Md€", money("1200000000", "EUR")),
    ("3 Mds€", money("3000000000", "EUR")),
    ("50 k€", money("50000", "EUR")),
    ("50 K€", money("50000", "EUR")),
]
DOLLAR = [
    ("5 millions de dollars", money("5000000", "USD")),
    ("1,2 million de dollars", money("1200000", "USD")),
    ("5 millions de dollars américains", money("5000000", "USD")),
    ("5 millions de dollars US", money("5000000", "USD")),
    ("1 dollar", money("1", "USD")),
    ("$5 millions", money("5000000", "USD")),
    ("$ 5 millions", money("5000000", "USD")),
    ("5 millions $", money("5000000", "USD")),
    ("5 millions US$", money("5000000", "USD")),
    ("20 millions USD", money("20000000", "USD")),
    ("USD 20 millions", money("20000000", "USD")),
    ("20 USD", money("20", "USD")),
    ("3 Md$", money("3000000000", "USD")),
    ("2 Mrd de dollars", money("2000000000", "USD")),
    ("20 MUSD", money("20000000", "USD")),
]
CFA = [  # Senegal, Côte d'Ivoire (UEMOA); XAF for the BEAC zone
    ("500 millions de FCFA", money("500000000", "XOF")),
    ("500 millions FCFA", money("500000000", "XOF")),
    ("500 millions de FCFA,", money("500000000", "XOF")),
    ("3 milliards de FCFA.", money("3000000000", "XOF")),
    ("1 000 milliards de FCFA", money("1000000000000", "XOF")),
    ("500 millions F CFA", money("500000000", "XOF")),
    ("25 milliards de F CFA", money("25000000000", "XOF")),
    ("1,2 milliard de F.CFA", money("1200000000", "XOF")),
    ("50 Fcfa", money("50", "XOF")),
    ("500 millions de francs CFA", money("500000000", "XOF")),
    ("3 000 milliards de francs CFA", money("3000000000000", "XOF")),
    ("300 francs CFA", money("300", "XOF")),
    ("300 XOF", money("300", "XOF")),
    ("3 XAF", money("3", "XAF")),
]
DINAR = [  # Tunisia by default, Algeria when said
    ("3 millions de dinars", money("3000000", "TND")),
    ("1 dinar", money("1", "TND")),
    ("200 dinars", money("200", "TND")),
    ("1,8 milliard de dinars", money("1800000000", "TND")),
    ("3 millions de dinars tunisiens", money("3000000", "TND")),
    ("4,5 millions DT", money("4500000", "TND")),
    ("10 000 DT", money("10000", "TND")),
    ("12 millions de TND", money("12000000", "TND")),
    ("120 MDT", money("120000000", "TND")),
    ("4,2 MD", money("4200000", "TND")),
    ("5 milliards de dinars algériens", money("5000000000", "DZD")),
    ("200 DA", money("200", "DZD")),
]
SHORTHANDS = [  # how the Maghreb, Swiss and Québec press abbreviate
    ("711,9 ME", money("711900000", "EUR")),
    ("41,5 MEUR", money("41500000", "EUR")),
    ("4,2 MdsEUR", money("4200000000", "EUR")),
    ("3,2 G$", money("3200000000", "CAD")),
    ("45 MDA", money("45000000", "DZD")),
    ("2,1 MdsDA", money("2100000000", "DZD")),
    ("94,4 mia de francs", money("94400000000", "CHF")),
    ("2,3 mrd fr.", money("2300000000", "CHF")),
    ("450 mio fr.", money("450000000", "CHF")),
    ("1,8 Mia CHF", money("1800000000", "CHF")),
    ("712 MCHF", money("712000000", "CHF")),
    ("3,41 MdsCHF", money("3410000000", "CHF")),
    ("711,9 MdsFCFA", money("711900000000", "XOF")),
    ("42 MFCFA", money("42000000", "XOF")),
]

OTHER_CURRENCIES = [
    ("10 millions de livres sterling", money("10000000", "GBP")),
    ("£5 millions", money("5000000", "GBP")),
    ("5 milliards de francs suisses", money("5000000000", "CHF")),
    ("3 milliards de yens", money("3000000000", "JPY")),
]
SEPARATORS_AND_SIGNS = [
    ("1.500 DH", money("1500", "MAD")),
    ("1 500 DH", money("1500", "MAD")),
    (f"1{NBSP}500{NBSP}DH", money("1500", "MAD")),
    (f"1{NNBSP}500{NNBSP}DH", money("1500", "MAD")),
    (f"12{NNBSP}500 dirhams", money("12500", "MAD")),
    ("-3 millions de dirhams", money("-3000000", "MAD")),
    ("+12 MDH", money("12000000", "MAD")),
    ("−3,5 M€", money("-3500000", "EUR")),
]
NUMBER_WORDS = [
    ("670 mille dirhams", money("670000", "MAD")),
    ("trois cent mille dirhams", money("300000", "MAD")),
    ("un million de dirhams", money("1000000", "MAD")),
    ("vingt-deux millions d'euros", money("22000000", "EUR")),
    ("un milliard et demi de dollars", money("1500000000", "USD")),
]
QUALIFIERS = [
    ("environ 3 millions de dirhams", money("3000000", "MAD", "~")),
    ("ENVIRON 3 M€", money("3000000", "EUR", "~")),
    ("près de 5 milliards de dirhams", money("5000000000", "MAD", "~")),
    ("près d’1 milliard de dirhams", money("1000000000", "MAD", "~")),
    ("quelque 500 millions de dirhams", money("500000000", "MAD", "~")),
    ("env. 30 M€", money("30000000", "EUR", "~")),
    ("Env. 3 M€", money("3000000", "EUR", "~")),
    ("plus de 2 MMDH", money("2000000000", "MAD", ">")),
    ("moins de 100 millions d'euros", money("100000000", "EUR", "<")),
    ("jusqu'à 5 millions de dollars", money("5000000", "USD", "<")),
    ("jusqu’à 300 000 DH", money("300000", "MAD", "<")),
]


@pytest.mark.parametrize(
    "table",
    [
        pytest.param(MOROCCO, id="morocco-dirham"),
        pytest.param(EURO, id="euro"),
        pytest.param(DOLLAR, id="dollar"),
        pytest.param(CFA, id="franc-cfa"),
        pytest.param(DINAR, id="dinar"),
        pytest.param(SHORTHANDS, id="shorthands"),
        pytest.param(OTHER_CURRENCIES, id="other-currencies"),
        pytest.param(SEPARATORS_AND_SIGNS, id="separators-signs"),
        pytest.param(NUMBER_WORDS, id="number-words"),
        pytest.param(QUALIFIERS, id="qualifiers"),
    ],
)
def test_parse_money(table):
    check(parse_money, table)


def test_parse_money_elliptical():
    # '... 270,3 MDH, contre 269,8 millions un an auparavant': the unit comes from the context
    check(lambda case: parse_money(case[0], currency=case[1]), [
        (("269,8 millions", "MAD"), money("269800000", "MAD")),
        (("1,2 milliard", "EUR"), money("1200000000", "EUR")),
        (("500 mille", "MAD"), money("500000", "MAD")),
        (("près de 3 millions", "XOF"), money("3000000", "XOF", "~")),
        # a written currency wins over the elliptical one
        (("12 MDH", "EUR"), money("12000000", "MAD")),
        # an elliptical amount needs a scale word: a bare number is not money
        (("269,8", "MAD"), None),
        (("500 000", "MAD"), None),
        (("4G", "MAD"), None),
        # without currency= there is no unit
        (("3 milliards", None), None),
    ])


def test_parse_money_none():
    texts = [
        "",
        "abc",
        "4G",
        "n°4833",
        "4833",
        "3 millions",
        "dirhams",
        "22,2%",
        "3 millions de touristes",
        # trailing words make it something else than an amount
        "1 milliard de dirhams supplémentaires",
        "1 milliard de dirhams en 2016",
        "20 euros l'unité",
        "3 MMDH 2016",
    ]
    check(parse_money, [(text, None) for text in texts])


def test_parse_money_postposed_environ():
    assert parse_money("600 dirhams environ") == money("600", "MAD", "~")

"""nlp.parsing.counts: a number and the noun it counts, plural mark dropped.

Each table row is a real French form; a table is checked as a whole and every wrong row is reported.
"""
from decimal import Decimal

import pytest

from nlp.parsing.counts import Count, parse_count
from conftest import NBSP, NNBSP, check



def count(value: str, noun: str, qualifier: str = "=") -> Count:
    return Count(Decimal(value), noun, qualifier)


DIGITS = [
    ("1,41 Mt", Count(Decimal("1410000"), "tonne")),  # Mt: million tonnes
    ("850 kt", Count(Decimal("850000"), "tonne")),
    ("211.000 opérations", count("211000", "opération")),
    ("1,3 million d'opérations", count("1300000", "opération")),
    ("1,3 million d’opérations", count("1300000", "opération")),
    ("25.000 postes", count("25000", "poste")),
    ("5 millions de tonnes", count("5000000", "tonne")),
    ("500 tonnes.", count("500", "tonne")),
    ("500 hectares", count("500", "hectare")),
    ("10 000 logements", count("10000", "logement")),
    (f"1{NBSP}200 entreprises", count("1200", "entreprise")),
    (f"12{NNBSP}000 touristes", count("12000", "touriste")),
    ("15 000 nuitées", count("15000", "nuitée")),
    ("5 millions de têtes", count("5000000", "tête")),
    ("1 000 000 de clients", count("1000000", "client")),
    ("3 000 dossiers", count("3000", "dossier")),
    ("12 000 dépôts", count("12000", "dépôt")),
    ("500 députés", count("500", "député")),
    ("20 000 diplômés", count("20000", "diplômé")),
    ("150 000 ménages", count("150000", "ménage")),
    ("3 personnes", count("3", "personne")),
    ("20 appareils", count("20", "appareil")),
    ("50 000 Marocains", count("50000", "marocain")),
    ("5 ans", count("5", "an")),
    # nouns that start with 'de': only a whole word 'de' is the preposition
    ("5 000 demandes", count("5000", "demande")),
    ("3 demandeurs d'emploi", count("3", "demandeur d'emploi")),
    ("3 demandeurs d’emploi", count("3", "demandeur d'emploi")),
    ("40 devises", count("40", "devise")),
    ("3 000 dentistes", count("3000", "dentiste")),
    ("2 millions de demandes", count("2000000", "demande")),
]
PLURALS = [
    # -x plurals of -eau / -eu
    ("4 bureaux", count("4", "bureau")),
    ("10 jeux", count("10", "jeu")),
    # multi-word nouns: every word loses its plural mark
    ("3 sites marchands", count("3", "site marchand")),
    ("700 points de vente", count("700", "point de vente")),
    # the counted noun without its complement
    ("211.000 opérations de paiement", count("211000", "opération")),
    ("120 000 tonnes de blé tendre", count("120000", "tonne")),
    ("3 000 demandeurs d'emploi de longue durée", count("3000", "demandeur d'emploi")),
    ("10 000 emplois directs", count("10000", "emploi direct")),
    # acronyms are lower-cased and kept
    ("1 500 PME", count("1500", "pme")),
    ("120 MRE", count("120", "mre")),
]
NUMBER_WORDS = [
    ("trois cents emplois", count("300", "emploi")),
    ("vingt-deux agences", count("22", "agence")),
    ("deux sites marchands", count("2", "site marchand")),
    ("une entreprise", count("1", "entreprise")),
    ("un million de clients", count("1000000", "client")),
    ("670 mille abonnés", count("670000", "abonné")),
    ("deux millions et demi de touristes", count("2500000", "touriste")),
]
QUALIFIERS = [
    ("près de 2 millions de touristes", count("2000000", "touriste", "~")),
    ("quelque 500 emplois", count("500", "emploi", "~")),
    ("environ 3.000 salariés", count("3000", "salarié", "~")),
    ("plus de 500 emplois", count("500", "emploi", ">")),
    ("pas moins de 1 200 entreprises", count("1200", "entreprise", ">")),
    ("moins de 100 agences", count("100", "agence", "<")),
]


@pytest.mark.parametrize(
    "table",
    [
        pytest.param(DIGITS, id="digits"),
        pytest.param(PLURALS, id="plurals"),
        pytest.param(NUMBER_WORDS, id="number-words"),
        pytest.param(QUALIFIERS, id="qualifiers"),
    ],
)
def test_parse_count(table):
    check(parse_count, table)


def test_parse_count_with_noun():
    check(lambda case: parse_count(case[0], noun=case[1]), [
        (("1,3 million d'opérations", "opération"), count("1300000", "opération")),
        # the noun is outside the span: '12.000 [emplois]', 'trois cents [emplois]'
        (("12.000", "emploi"), count("12000", "emploi")),
        (("3 millions", "touriste"), count("3000000", "touriste")),
        (("trois cents", "emploi"), count("300", "emploi")),
        (("plus de 500", "emploi"), count("500", "emploi", ">")),
        # the caller's lemma wins over the plural stripping
        (("12 pays", "pays"), count("12", "pays")),
        (("1 200 terminaux", "terminal"), count("1200", "terminal")),
        # still needs a number
        (("abc", "emploi"), None),
        (("", "emploi"), None),
    ])


def test_parse_count_none():
    texts = [
        "",
        "abc",
        "12",  # no noun
        "12 %",
        "6 % de hausse",
        "n°4833",
        "emplois",
    ]
    check(parse_count, [(text, None) for text in texts])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "12 pays", count("12", "pays"), id="pays",
        ),
        pytest.param(
            "3 bus", count("3", "bus"), id="bus",
        ),
        pytest.param(
            "12 mois", count("12", "mois"), id="mois",
        ),
        pytest.param(
            "4 fois", count("4", "fois"), id="fois",
        ),
        pytest.param(
            "1 200 terminaux", count("1200", "terminal"), id="terminaux",
        ),
        pytest.param(
            "30 hôpitaux", count("30", "hôpital"), id="hopitaux",
        ),
        pytest.param(
            "un demi-million de touristes", count("500000", "touriste"), id="demi-million",
        ),
        pytest.param(
            "500 emplois environ", count("500", "emploi", "~"), id="postposed-environ",
        ),
    ],
)
def test_parse_count_invariable_and_irregular_plurals(text, expected):
    assert parse_count(text) == expected

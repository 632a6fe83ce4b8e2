"""nlp.parsing.periods: French period expressions to ISO 8601, or relative periods resolved later.

Each table row is a real French form; a table is checked as a whole and every wrong row is reported.
"""
from datetime import date

import pytest

from nlp.parsing.periods import Period, RelativePeriod, parse_period, period_bounds
from conftest import check

# An article dated 15 November 2017.
REFERENCE = date(2017, 11, 15)


def iso(result):
    """A Period as its ISO string; anything else as itself, so that a table shows what came back."""
    return result.iso() if isinstance(result, Period) else result


YEARS = [
    ("2016", "2016"),
    ("en 2012", "2012"),
    ("EN 2012", "2012"),
    ("en 2012,", "2012"),
    ("(2012)", "2012"),
    ("l'année 2012", "2012"),
    ("l’année 2012", "2012"),
    ("en l'an 2012", "2012"),
    ("au cours de l'année 2015", "2015"),
    ("exercice 2018", "2018"),
    ("l'exercice 2018", "2018"),
    ("au titre de l'exercice 2018", "2018"),
    ("durant l'exercice budgétaire 2019", "2019"),
    ("courant 2017", "2017"),
    ("par rapport à 2015", "2015"),
    ("contre 2015", "2015"),
    ("depuis 2010", "2010"),
    ("jusqu'en 2020", "2020"),
]
YEAR_SPANS = [
    ("campagne 2016-2017", "2016/2017"),
    ("2016/2017", "2016/2017"),
    ("2016-17", "2016/2017"),
    ("2011-2015", "2011/2015"),
]
CODED_PARTS = [
    ("T1 2018", "2018-01/2018-03"),
    ("t1 2018", "2018-01/2018-03"),
    ("T1-2018", "2018-01/2018-03"),
    ("T1 2018.", "2018-01/2018-03"),
    ("T4 2019", "2019-10/2019-12"),
    ("Q3 2021", "2021-07/2021-09"),
    ("S1 2016", "2016-01/2016-06"),
    ("S2 2016", "2016-07/2016-12"),
    ("H1 2016", "2016-01/2016-06"),
]
WRITTEN_PARTS = [
    ("1er trimestre 2020", "2020-01/2020-03"),
    ("premier trimestre 2020", "2020-01/2020-03"),
    ("au premier trimestre 2020", "2020-01/2020-03"),
    ("le deuxième trimestre de 2019", "2019-04/2019-06"),
    ("le troisième trimestre 2019", "2019-07/2019-09"),
    ("le quatrième trimestre de l'année 2019", "2019-10/2019-12"),
    ("1er semestre 2016", "2016-01/2016-06"),
    ("premier semestre 2016", "2016-01/2016-06"),
    ("au premier semestre 2016", "2016-01/2016-06"),
    ("le premier semestre de l'année 2016", "2016-01/2016-06"),
    ("second semestre 2016", "2016-07/2016-12"),
    ("premier quadrimestre 2016", "2016-01/2016-04"),
]
FIRST_MONTHS = [
    ("les quatre premiers mois de 2016", "2016-01/2016-04"),
    ("les 4 premiers mois de 2016", "2016-01/2016-04"),
    ("les neuf premiers mois de 2017", "2017-01/2017-09"),
    ("les onze premiers mois de 2017", "2017-01/2017-11"),
]
END_OF = [  # the year to date, up to the end of a month
    ("à fin septembre 2017", "2017-01/2017-09"),
    ("fin septembre 2017", "2017-01/2017-09"),
    ("à fin sept. 2017", "2017-01/2017-09"),
    ("à fin du mois de juin 2017", "2017-01/2017-06"),
    ("à fin décembre 2016", "2016"),
    ("à fin 2017", "2017"),
    ("fin 2017", "2017"),
    ("à la fin de l'année 2017", "2017"),
    ("depuis le début de l'année à fin septembre 2017", "2017-01/2017-09"),
]
MONTHS_AND_DAYS = [
    ("mai 2016", "2016-05"),
    ("en mai 2016", "2016-05"),
    ("au mois de mai 2016", "2016-05"),
    ("le 24 mai 2016", "2016-05-24"),
    ("24 mai 2016", "2016-05-24"),
    ("lundi 24 mai 2016", "2016-05-24"),
    ("le 1er janvier 2017", "2017-01-01"),
    ("24/05/2016", "2016-05-24"),
    ("24.05.2016", "2016-05-24"),
]
RANGES = [
    ("entre 2013 et 2016", "2013/2016"),
    ("de 2011 à 2012", "2011/2012"),
    ("de 2011 à 2011", "2011"),
    ("janvier-mars 2024", "2024-01/2024-03"),
    ("janvier–mars 2024", "2024-01/2024-03"),
    ("de janvier à mars 2016", "2016-01/2016-03"),
    ("entre janvier et juin 2019", "2019-01/2019-06"),
    ("du 1er janvier au 31 mars 2016", "2016-01-01/2016-03-31"),
]


@pytest.mark.parametrize(
    "table",
    [
        pytest.param(YEARS, id="years"),
        pytest.param(YEAR_SPANS, id="year-spans"),
        pytest.param(CODED_PARTS, id="T1-S1"),
        pytest.param(WRITTEN_PARTS, id="trimestre-semestre"),
        pytest.param(FIRST_MONTHS, id="premiers-mois"),
        pytest.param(END_OF, id="a-fin"),
        pytest.param(MONTHS_AND_DAYS, id="months-days"),
        pytest.param(RANGES, id="ranges"),
    ],
)
def test_parse_period_absolute(table):
    check(lambda text: iso(parse_period(text)), table)
    # an absolute period does not depend on the article's date
    check(lambda text: iso(parse_period(text, REFERENCE)), table)


# Without their year: a 'current' RelativePeriod with the months, which the article's date
# (or, failing it, the antecedent) completes.
WITHOUT_YEAR = [
    ("second semestre", (7, 12), "2017-07/2017-12"),
    ("le second semestre", (7, 12), "2017-07/2017-12"),
    ("le deuxième semestre", (7, 12), "2017-07/2017-12"),
    ("premier trimestre de l'année en cours", (1, 3), "2017-01/2017-03"),
    ("les six premiers mois de l'année", (1, 6), "2017-01/2017-06"),
    ("à fin septembre", (1, 9), "2017-01/2017-09"),
    ("fin juin", (1, 6), "2017-01/2017-06"),
    ("mai", (5, 5), "2017-05"),
    ("de janvier à mars", (1, 3), "2017-01/2017-03"),
    ("depuis le début de l'année à fin septembre", (1, 9), "2017-01/2017-09"),
    ("sur les deux derniers mois de l'année", (11, 12), "2017-11/2017-12"),
]


def test_parse_period_without_year():
    check(parse_period, [(text, RelativePeriod("current", unit="month", months=months, this_year="en cours" in text))
                         for text, months, _ in WITHOUT_YEAR])


def test_parse_period_without_year_and_reference():
    check(lambda text: iso(parse_period(text, REFERENCE)), [(text, expected) for text, _, expected in WITHOUT_YEAR])


def test_resolve_without_year():
    rows = [(text, expected) for text, _, expected in WITHOUT_YEAR]
    check(lambda text: iso(parse_period(text).resolve(None, REFERENCE)), rows)
    # failing the article's date, the antecedent gives the year
    check(
        lambda text: iso(parse_period(text).resolve(Period("2016", "2016"))),
        [(text, expected.replace("2017", "2016")) for text, expected in rows],
    )
    # with neither, nothing
    check(lambda text: parse_period(text).resolve(), [(text, None) for text, _ in rows])


def test_parse_period_day_without_year():
    assert parse_period("le 24 mai") == RelativePeriod("current", unit="day", months=(5, 5), day=24)
    assert iso(parse_period("le 24 mai", REFERENCE)) == "2017-05-24"


def test_parse_period_against_reference():
    # relative to the article's date: resolved right away when the date is given
    check(lambda case: iso(parse_period(*case)), [
        (("depuis le début de l'année", date(2017, 11, 15)), "2017-01/2017-11"),
        (("depuis le début de l'année", date(2017, 5, 20)), "2017-01/2017-05"),
        (("l'an dernier", date(2017, 11, 15)), "2016"),
        (("l'an dernier", date(2017, 1, 10)), "2016"),
        (("l'année dernière", date(2017, 11, 15)), "2016"),
        (("l'année en cours", date(2019, 5, 5)), "2019"),
        (("cette année", date(2019, 5, 5)), "2019"),
        (("pour l'ensemble de l'année", date(2019, 5, 5)), "2019"),
        (("le trimestre dernier", date(2017, 11, 15)), "2017-07/2017-09"),
        (("le trimestre dernier", date(2017, 2, 10)), "2016-10/2016-12"),
        (("le mois dernier", date(2017, 11, 15)), "2017-10"),
        (("le mois dernier", date(2017, 1, 10)), "2016-12"),
        # months over the turn of the year end in the latest such month
        (("d'octobre à mars", date(2023, 4, 10)), "2022-10/2023-03"),
        (("entre novembre et avril", date(2024, 5, 2)), "2023-11/2024-04"),
    ])


RELATIVE = [
    ("depuis le début de l'année", RelativePeriod("current", to_date=True)),
    ("l'an dernier", RelativePeriod("last")),
    ("l'année dernière", RelativePeriod("last")),
    ("l'année en cours", RelativePeriod("current")),
    ("cette année", RelativePeriod("current")),
    ("le mois dernier", RelativePeriod("last", unit="mois")),
    ("le trimestre dernier", RelativePeriod("last", unit="trimestre")),
    ("l'année précédente", RelativePeriod("previous")),
    ("l'exercice précédent", RelativePeriod("previous")),
    ("le trimestre précédent", RelativePeriod("previous", unit="trimestre")),
    ("le semestre précédent", RelativePeriod("previous", unit="semestre")),
    ("le mois précédent", RelativePeriod("previous", unit="mois")),
    ("l'année suivante", RelativePeriod("next")),
    ("les douze derniers mois", RelativePeriod("rolling", unit="mois")),
    ("les 12 derniers mois", RelativePeriod("rolling", unit="mois")),
    ("un mois plus tôt", RelativePeriod("previous", unit="mois")),
    ("un trimestre auparavant", RelativePeriod("previous", unit="trimestre")),
    ("l'ensemble de l'année", RelativePeriod("current", unit="year")),
]


def test_parse_period_relative():
    check(parse_period, RELATIVE)


SAME_PERIOD = [
    "la même période",
    "la même période de l'année précédente",
    "la même période de l'année dernière",
    "la même période de l'an dernier",
    "le même trimestre de l'année précédente",
    "la même période de 2015",
    "la même période en 2015",
    "un an auparavant",
    "un an plus tôt",
    "douze mois auparavant",
]


def test_parse_period_same_period():
    check(lambda text: getattr(parse_period(text), "relation", None), [(text, "same") for text in SAME_PERIOD])


def test_parse_period_relative_to_antecedent_ignores_reference():
    # these refer to the period just mentioned, not to the article's date
    texts = SAME_PERIOD + ["l'année précédente", "le trimestre précédent", "l'année suivante", "les douze derniers mois"]
    check(lambda text: parse_period(text, REFERENCE) == parse_period(text), [(text, True) for text in texts])


@pytest.mark.parametrize(
    ("rows", "antecedent"),
    [
        pytest.param(
            [
                # '... au cours des quatre premiers mois de 2016, contre ... la même période de l'année précédente'
                ("la même période de l'année précédente", "2015-01/2015-04"),
                ("la même période de l'année dernière", "2015-01/2015-04"),
                ("la même période de l'an dernier", "2015-01/2015-04"),
                ("un an auparavant", "2015-01/2015-04"),
                ("un an plus tôt", "2015-01/2015-04"),
                ("douze mois auparavant", "2015-01/2015-04"),
                ("la même période de 2014", "2014-01/2014-04"),
                ("la même période en 2014", "2014-01/2014-04"),
                # bare: the same months of the antecedent's year ('durant la même période, les importations ...')
                ("la même période", "2016-01/2016-04"),
                ("l'année précédente", "2015"),
                ("l'année suivante", "2017"),
                ("l'année en cours", "2016"),
            ],
            Period("2016-01", "2016-04"),
            id="after-4-premiers-mois-2016",
        ),
        pytest.param(
            [
                ("le trimestre précédent", "2023-01/2023-03"),
                ("le même trimestre de l'année précédente", "2022-04/2022-06"),
                ("un an auparavant", "2022-04/2022-06"),
            ],
            Period("2023-04", "2023-06"),
            id="after-T2-2023",
        ),
        pytest.param(
            [("le trimestre précédent", "2022-10/2022-12")],
            Period("2023-01", "2023-03"),
            id="after-T1-2023",
        ),
        pytest.param(
            [("le semestre précédent", "2015-07/2015-12")],
            Period("2016-01", "2016-06"),
            id="after-S1-2016",
        ),
        pytest.param(
            [("le mois précédent", "2015-12")],
            Period("2016-01", "2016-01"),
            id="after-janvier-2016",
        ),
        pytest.param(
            [
                # a stock 'à fin mars': the month before; a period of another length counts back from its end
                ("un mois plus tôt", "2023-02"),
                ("un mois auparavant", "2023-02"),
                ("un trimestre plus tôt", "2022-10/2022-12"),
                ("le mois précédent", "2023-02"),
            ],
            Period("2023-01", "2023-03"),
            id="after-fin-mars-2023",
        ),
        pytest.param(
            [("le trimestre précédent", "2023-07/2023-09"), ("un mois plus tôt", "2023-11")],
            Period("2023", "2023"),
            id="after-a-whole-year",
        ),
        pytest.param(
            [
                # a fiscal year closed on 31 March: its halves and quarters count from April
                ("au second semestre", "2023-10/2024-03"),
                ("au premier semestre", "2023-04/2023-09"),
                ("au troisième trimestre", "2023-10/2023-12"),
                ("au quatrième trimestre", "2024-01/2024-03"),
                ("en mars", "2024-03"),  # the March that closes it
            ],
            Period("2023-04", "2024-03"),
            id="fiscal-2023-2024",
        ),
        pytest.param(
            [
                ("un an auparavant", "2016"),
                ("l'année précédente", "2016"),
                ("l'an dernier", "2016"),  # no article date: before the antecedent
            ],
            Period("2017", "2017"),
            id="after-2017",
        ),
    ],
)
def test_relative_period_resolve(rows, antecedent):
    check(lambda text: iso(parse_period(text).resolve(antecedent)), rows)


def test_relative_period_resolve_reference():
    check(lambda case: iso(parse_period(case[0]).resolve(case[1], case[2])), [
        # 'précédente' without an antecedent falls back on the article's date
        (("l'année précédente", None, date(2017, 3, 1)), "2016"),
        # 'dernier' is relative to the article's date when there is one, not to the antecedent
        (("l'an dernier", Period("2014", "2014"), date(2017, 1, 10)), "2016"),
        (("le 24 mai", None, date(2016, 6, 1)), "2016-05-24"),
    ])


def test_relative_period_unresolved():
    check(lambda case: parse_period(case[0]).resolve(case[1], case[2]), [
        (("la même période", None, None), None),
        (("la même période", None, REFERENCE), None),
        (("la même période", Period("2013", "2016"), None), None),  # a multi-year antecedent has no month span
        (("l'année précédente", None, None), None),
        (("l'année suivante", None, None), None),
        (("l'année en cours", None, None), None),
        (("depuis le début de l'année", Period("2016", "2016"), None), None),  # needs the article's date
        (("les douze derniers mois", Period("2016", "2016"), REFERENCE), None),
    ])


NOT_PERIODS = [
    "",
    "abc",
    "Maroc Numeric 2020",
    "Vision 2030",
    "le plan 2020",
    "horizon 2030",
    "à l'horizon 2030",
    "Plan Maroc Vert",
    "2G",
    "4833",
    "1850",
    "2101",
    "20 ans",
    # impossible periods
    "T5 2019",
    "S3 2016",
    "troisième semestre 2016",
    "les treize premiers mois de 2017",
    "les 13 premiers mois de 2016",
    "le 31 février 2016",
    "31/02/2016",
    # reversed or incomplete ranges
    "2017-2016",
    "de 2016 à 2012",
    "entre 2013 et",
]


def test_parse_period_none():
    check(parse_period, [(text, None) for text in NOT_PERIODS])
    check(lambda text: parse_period(text, REFERENCE), [(text, None) for text in NOT_PERIODS])


def test_parse_period_numeric_date_is_day_first_only():
    assert parse_period("05/24/2016") is None


def test_period_helpers():
    assert Period("2016", "2016").iso() == "2016"
    assert Period("2016-01", "2016-04").iso() == "2016-01/2016-04"
    assert Period("2016-01", "2016-04").year == 2016
    assert Period("2016-01", "2016-04").month_span() == (1, 4)
    assert Period("2016", "2016").month_span() == (1, 12)
    assert Period("2013", "2016").month_span() is None
    assert Period("2013", "2016").year == 2016


@pytest.mark.parametrize("text, cumulative", [
    ("à fin mars 2021", True),         # January to March for a flow, March for a stock
    ("fin juin", True),
    ("à fin septembre 2013", True),
    ("au premier trimestre 2021", False),
    ("en mars 2021", False),
    ("les quatre premiers mois de 2016", False),
    ("à fin janvier 2022", False),      # one month either way
])
def test_end_of_a_month_marks_a_to_date_period(text, cumulative):
    period = parse_period(text, REFERENCE)
    assert period.cumulative is cumulative


def test_start_of_a_month_is_that_month():
    check(lambda text: iso(parse_period(text, REFERENCE)),
          [("début janvier 2023", "2023-01"), ("début du mois de mars 2019", "2019-03")])


@pytest.mark.parametrize(
    ("iso", "bounds"),
    [
        ("2012", (date(2012, 1, 1), date(2012, 12, 31))),
        ("2013-09", (date(2013, 9, 1), date(2013, 9, 30))),
        ("2016-02", (date(2016, 2, 1), date(2016, 2, 29))),
        ("2016-05-24", (date(2016, 5, 24), date(2016, 5, 24))),
        ("2016-01/2016-04", (date(2016, 1, 1), date(2016, 4, 30))),
        ("2014-01/2014-06", (date(2014, 1, 1), date(2014, 6, 30))),
        ("2013/2016", (date(2013, 1, 1), date(2016, 12, 31))),
        ("2016-13", None),
        ("2015-02-29", None),
        ("16", None),
        ("2016-1", None),
        ("2016/2015", None),
        ("2016-01/2016-04/2016-05", None),
        ("septembre 2013", None),
        ("", None),
    ],
)
def test_period_bounds(iso, bounds):
    assert period_bounds(iso) == bounds


def test_a_month_then_a_word_of_the_lexicons_relative_last_is_that_month():
    """'septembre dernier', 'le 3 mars passé': the words are period_words.yaml's relative.last, none of the parser's own."""
    from nlp.parsing.lexicon import period_words

    words = period_words()["relative"]["last"]
    assert {"dernier", "passé", "écoulé"} <= set(words)
    check(parse_period, [(f"septembre {word}", parse_period("septembre")) for word in words]
          + [(f"le 3 mars {word}", parse_period("le 3 mars")) for word in words])

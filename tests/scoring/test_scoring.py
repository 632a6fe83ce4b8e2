import json

import pytest

from nlp.scoring.scoring import (
    evaluate,
    figure_matches,
    metric_f1,
    metric_words,
    period_matches,
    source_matches,
    stopwords,
)

CMI_TEXT = (
    "Pour le seul mois de septembre, le Centre Monétique Interbancaire (CMI) a relevé une nette progression "
    "dans le paiement en ligne des transactions."
)
APEBI_TEXT = (
    "a souligné la présidente de la Fédération marocaine des technologies de l’information, des "
    "télécommunications et de l’Offshoring (Apebi), Saloua Karkri-Belkeziz."
)


def record(**fields):
    return {
        "doc_id": "002_ac61254d7316b9a9",
        "metric": "nombre de transactions",
        "value": 17500000,
        "unit": "opération",
        "kind": "count",
        "period": "2013-01/2013-09",
        "source": "CMI",
        "qualifier": "=",
        **fields,
    }


@pytest.mark.parametrize(
    ("gold", "predicted", "matches"),
    [
        ({}, {}, True),
        ({"value": 1056000000, "unit": "MAD", "kind": "amount"}, {"value": 1060000000, "unit": "MAD", "kind": "amount"}, True),
        ({"value": 872000000, "unit": "MAD", "kind": "amount"}, {"value": 876360000, "unit": "MAD", "kind": "amount"}, True),
        ({"value": 872000000, "unit": "MAD", "kind": "amount"}, {"value": 880720000, "unit": "MAD", "kind": "amount"}, False),
        ({"value": 92000000, "unit": "EUR", "kind": "amount"}, {"value": 92000000, "unit": "MAD", "kind": "amount"}, False),
        ({"value": 211000, "unit": "opération"}, {"value": 211000, "unit": "transaction"}, True),
        ({"value": 411, "unit": "site marchand"}, {"value": 411, "unit": "site"}, True),
        ({"value": 411, "unit": "site marchand"}, {"value": 411, "unit": "MAD"}, False),
        ({"value": 1, "unit": "pp", "kind": "change"}, {"value": 1, "unit": "%", "kind": "change"}, False),
        ({"value": 22.2, "unit": "%", "kind": "share"}, {"value": 22.2, "unit": "%", "kind": "change"}, False),
        ({"value": 118.6, "unit": "%", "kind": ["change", "share"]}, {"value": 118.6, "unit": "%", "kind": "share"}, True),
        ({"value": 270.3e6, "unit": ["MAD", "EUR"], "kind": "amount"}, {"value": 270.3e6, "unit": "EUR", "kind": "amount"}, True),
        ({"value": -16, "unit": "%", "kind": "change"}, {"value": 16, "unit": "%", "kind": "change"}, False),
        ({"value": 0, "unit": "%", "kind": "change"}, {"value": 0.001, "unit": "%", "kind": "change"}, False),
    ],
)
def test_figure_matches(gold, predicted, matches):
    assert figure_matches(record(**gold), record(**predicted)) is matches


@pytest.mark.parametrize(
    ("phrase", "words"),
    [
        ("Crédits à l’habitat", ["credit", "habitat"]),
        ("nombre de sites marchands actifs", ["nombre", "site", "marchand", "actif"]),
        ("montant des paiements en ligne", ["montant", "paiement", "ligne"]),
        ("chiffre d'affaires de l’e-commerce", ["chiffre", "affaire", "e", "commerce"]),
        ("taux de croissance du PIB", ["tau", "croissance", "pib"]),
    ],
)
def test_metric_words(phrase, words):
    assert metric_words(phrase) == words


@pytest.mark.parametrize(
    ("gold", "predicted", "matches"),
    [
        ("montant des paiements en ligne", "montant des paiements", True),
        ("crédits à l’habitat", "credits a l'habitat", True),
        ("nombre de sites marchands actifs", "sites marchands", True),
        ("montant global des transactions", "montant des transactions", True),
        ("panier moyen des achats en ligne", "panier", False),
        ("montant des paiements en ligne", "nombre de transactions", False),
        ("nombre de transactions via TPE ou Internet", "montant global des transactions", False),
    ],
)
def test_metric_needs_token_f1_of_one_half(gold, predicted, matches):
    assert (metric_f1(gold, predicted) >= 0.5) is matches


@pytest.mark.parametrize(
    ("gold", "predicted", "strict", "lenient"),
    [
        ("2013-09", "2013-09", True, True),
        ("2016", "2016-01/2016-04", False, True),
        ("2016-01/2016-04", "2016-03", False, True),
        ("2013/2016", "2016", False, True),
        ("2015", "2016", False, False),
        ("2015-01/2015-04", "2015-05", False, False),
        (None, None, True, True),
        (None, "2013", False, False),
        ("2013", None, False, False),
        (["2014-01/2014-06", "2014"], "2014", True, True),
        (["2014-01/2014-06", None], None, True, True),
        (["2012", "2013"], "2014", False, False),
    ],
)
def test_period_matches(gold, predicted, strict, lenient):
    assert period_matches(gold, predicted) is strict
    assert period_matches(gold, predicted, lenient=True) is lenient


@pytest.mark.parametrize(
    ("gold", "predicted", "text", "matches"),
    [
        ("Office des changes", "office des Changes", "", True),
        ("Maroc Telecommerce", "Maroc-Telecommerce", "", True),
        ("Banque Al-Maghrib", "banque  al maghrib", "", True),
        ("Haut-Commissariat au Plan", "Haut Commissariat au plan", "", True),
        ("CMI", "Centre Monétique Interbancaire", "", True),
        ("Centre Monétique Interbancaire", "cmi", "", True),
        ("ONU", "Organisation des Nations unies", "", True),
        ("HCP", "Haut-Commissariat au Plan", "", True),
        ("CMI", "Maroc Telecommerce", "", False),
        ("Apebi", "Fédération marocaine des technologies de l'information, des télécommunications et de l'Offshoring",
         APEBI_TEXT, True),
        ("Apebi", "Fédération marocaine des technologies de l'information, des télécommunications et de l'Offshoring",
         CMI_TEXT, False),
        ("Apebi", "Offshoring", APEBI_TEXT, False),
        ("CMI", None, CMI_TEXT, False),
        (None, "CMI", CMI_TEXT, False),
        (None, None, "", True),
        (["CMI", "Maroc Telecommerce"], "Maroc Telecommerce", "", True),
        (["CMI", None], None, "", True),
        (["CMI", "Maroc Telecommerce"], "Office des changes", "", False),
    ],
)
def test_source_matches(gold, predicted, text, matches):
    assert source_matches(gold, predicted, text) is matches


def test_stopwords_are_folded():
    assert {"a", "l", "de", "ou", "ete"} <= stopwords()
    assert not {"montant", "nombre", "part", "total"} & stopwords()


def test_all_fields_right_is_a_true_tuple():
    result = evaluate([record()], [record(metric="nombre des transactions")])
    assert result["tuples"]["strict"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}
    assert result["errors"] == []
    assert [match["type"] for match in result["matches"]] == ["right"]


def test_a_wrong_field_is_a_false_and_a_missed_tuple_but_a_right_figure():
    result = evaluate([record()], [record(period="2013", source="Maroc Telecommerce")])
    assert result["tuples"]["strict"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 1, "fn": 1}
    assert result["tuples"]["lenient"]["tp"] == 0
    assert result["figures"]["tp"] == 1
    assert result["fields"] == {"pairs": 1, "metric": 1.0, "period": 0.0, "period_lenient": 1.0, "source": 0.0}
    [error] = result["errors"]
    assert (error["type"], error["fields"]) == ("wrong_fields", ["period", "source"])


def test_an_overlapping_period_is_right_only_when_lenient():
    result = evaluate([record(period="2016")], [record(period="2016-01/2016-04")])
    assert (result["tuples"]["strict"]["tp"], result["tuples"]["lenient"]["tp"]) == (0, 1)


def test_two_identical_predictions_and_one_gold_are_one_hit_and_one_false_alarm():
    result = evaluate([record()], [record(), record()])
    assert (result["figures"]["tp"], result["figures"]["fp"], result["figures"]["fn"]) == (1, 1, 0)
    assert (result["tuples"]["strict"]["tp"], result["tuples"]["strict"]["fp"]) == (1, 1)
    assert [error["type"] for error in result["errors"]] == ["spurious"]


def test_pairs_prefer_more_matching_fields_then_text_order():
    # Two amounts of 270,3 MDH: each prediction must pair with the gold that shares its metric.
    gold = [
        record(metric="montant des grands facturiers", value=270300000, unit="MAD", kind="amount"),
        record(metric="montant des compagnies aériennes", value=270300000, unit="MAD", kind="amount"),
    ]
    predicted = [
        record(metric="montant des compagnies aériennes", value=270300000, unit="MAD", kind="amount"),
        record(metric="montant des grands facturiers", value=270300000, unit="MAD", kind="amount"),
    ]
    result = evaluate(gold, predicted)
    assert result["tuples"]["strict"]["tp"] == 2


def test_a_tie_pairs_in_text_order():
    result = evaluate([record(), record(period="2012")], [record(period="2011")])
    [match] = [error for error in result["errors"] if error["type"] == "wrong_fields"]
    assert match["gold"]["period"] == "2013-01/2013-09"


@pytest.mark.parametrize(
    ("predicted", "tp", "fp", "fn"),
    [
        ([record(metric="montant en euros", value=92000000, unit="EUR", kind="amount", qualifier="~")], 0, 0, 1),
        ([], 0, 0, 1),
        ([record()], 1, 0, 0),
    ],
)
def test_optional_gold_counts_for_nothing(predicted, tp, fp, fn):
    gold = [record(), record(metric="montant en euros", value=92000000, unit="EUR", kind="amount", optional=True)]
    result = evaluate(gold, predicted)
    assert (result["figures"]["tp"], result["figures"]["fp"], result["figures"]["fn"]) == (tp, fp, fn)
    assert all(error["gold"] is None or not error["gold"].get("optional") for error in result["errors"])


def test_a_prediction_prefers_required_gold_over_optional_gold():
    gold = [record(optional=True), record()]
    result = evaluate(gold, [record()])
    assert result["figures"]["tp"] == 1 and result["counts"]["ignored"] == 0


def test_a_prediction_on_optional_gold_is_listed_as_a_match():
    gold = [record(metric="montant en euros", value=92000000, unit="EUR", kind="amount", optional=True)]
    result = evaluate(gold, [record(metric="montant", value=92000000, unit="EUR", kind="amount")])
    assert [match["type"] for match in result["matches"]] == ["optional"]
    assert result["counts"] == {"gold": 0, "optional": 1, "predicted": 1, "ignored": 1}


def test_records_pair_only_within_their_document():
    result = evaluate([record()], [record(doc_id="003_605d382e6ca9fc73")])
    assert [error["type"] for error in result["errors"]] == ["missed", "spurious"]
    assert list(result["by_document"]) == ["002_ac61254d7316b9a9", "003_605d382e6ca9fc73"]


def test_an_acronym_counts_only_where_its_article_defines_it():
    expansion = "Fédération marocaine des technologies de l'information, des télécommunications et de l'Offshoring"
    gold = [record(doc_id="001_ec24256b3255c18e", source="Apebi"), record(source="Apebi")]
    predicted = [dict(gold_record, source=expansion) for gold_record in gold]
    texts = {"001_ec24256b3255c18e": APEBI_TEXT, "002_ac61254d7316b9a9": CMI_TEXT}
    result = evaluate(gold, predicted, texts=texts)
    assert result["by_document"]["001_ec24256b3255c18e"]["tuples"]["strict"]["tp"] == 1
    assert result["by_document"]["002_ac61254d7316b9a9"]["tuples"]["strict"]["tp"] == 0


def test_the_result_is_broken_down_by_kind_and_is_json():
    gold = [
        record(),
        record(metric="montant global des transactions", value=13400000000, unit="MAD", kind="amount"),
        record(metric="hausse du montant global", value=16, unit="%", kind="change"),
    ]
    predicted = [record(), record(metric="montant global des transactions", value=13400000000, unit="MAD", kind="amount")]
    result = evaluate(gold, predicted)
    assert set(result) == {"tuples", "figures", "fields", "counts", "by_kind", "by_document", "matches", "errors"}
    assert list(result["by_kind"]) == ["amount", "count", "change"]
    assert result["by_kind"]["change"]["figures"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 1}
    assert result["tuples"]["strict"]["recall"] == round(2 / 3, 4)
    assert json.loads(json.dumps(result)) == result


def test_nothing_to_score_gives_zeros():
    result = evaluate([], [])
    assert result["tuples"]["strict"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 0}
    assert result["by_document"] == {} and result["errors"] == []

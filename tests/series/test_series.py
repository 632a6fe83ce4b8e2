"""nlp.series (series.py): series across articles, conflicts between them and stated changes checked, on real French text.

The corpora are the seeds, the realistic development corpus and the series corpus (evaluation/series/,
one article written to plant a conflict with seed 003).
"""
import json
from decimal import Decimal

import pytest

from nlp.series.series import build

ONLINE_VALUE = "valeur|paiement|en ligne|MAD|amount|CMI"
ONLINE_COUNT = "nombre|paiement|en ligne|opération|count|CMI"


def records_of(pipeline, articles):
    """The fact records of (id, date, text) articles, through the pipeline."""
    found = []
    for doc_id, published, text in articles:
        doc = pipeline.make_doc(text)
        doc._.doc_id, doc._.date = doc_id, published
        found.extend(fact.to_dict() for fact in pipeline(doc)._.facts)
    return found


@pytest.fixture(scope="module")
def built(corpus_records):
    return build(corpus_records)


def series_of(built, key):
    return next(s for s in built.series if s.key == key and s.status == "actual")


def test_a_series_of_three_points_or_more_from_two_articles_or_more(built):
    assert any(len(s.points) >= 3 and len(s.articles) >= 2 for s in built.series)
    online = series_of(built, ONLINE_VALUE)
    assert [p.period for p in online.points] == ["2011", "2012", "2013-01/2013-09", "2013-09", "2015-01/2015-04",
                                                 "2016-01/2016-04", "2023-01/2023-02"]
    assert online.articles == ("000_18fb1ddbf2a6d0af", "002_ac61254d7316b9a9", "003_605d382e6ca9fc73",
                               "da03_maroc_cmi_paiements_map", "s01_maroc_cmi_bilan_2012")
    counts = series_of(built, ONLINE_COUNT)
    assert len(counts.points) >= 3 and len(counts.articles) >= 2


def test_articles_that_agree_make_one_point(built):
    point = next(p for p in series_of(built, ONLINE_VALUE).points if p.period == "2011")
    assert point.articles == ("003_605d382e6ca9fc73", "s01_maroc_cmi_bilan_2012")
    assert point.value == Decimal("507400000") and not point.conflict
    receipts = next(s for s in built.series if s.key == "valeur|recette voyage||MAD|amount|Office des changes")
    assert next(p for p in receipts.points if p.period == "2024-01/2024-05").articles == (
        "da08_maroc_mre_office_changes", "da10_maroc_tourisme_observatoire")


def test_the_planted_conflict_is_found_with_both_evidences(built):
    conflicts = [c for c in built.conflicts if c.point.key == ONLINE_VALUE]
    assert len(conflicts) == 1 and conflicts[0].point.period == "2012"
    values = {value: [(m.doc_id, m.text) for m in mentions] for value, mentions in conflicts[0].values}
    assert values == {Decimal("752300000"): [("003_605d382e6ca9fc73", "752,3 millions de dirhams")],
                      Decimal("725300000"): [("s01_maroc_cmi_bilan_2012", "725,3 millions de dirhams")]}
    assert all(m.sentence for _, mentions in conflicts[0].values for m in mentions)


def test_no_false_conflict(corpus_records, built):
    seeds = [r for r in corpus_records if r["doc_id"][:3].isdigit()]
    assert build(seeds).conflicts == ()
    # The planted 725,3 against 752,3 millions, and so the growths the two articles compute from them (43 % and 48,3 %)
    assert [(c.point.key, c.point.period) for c in built.conflicts] == [("valeur|paiement|en ligne|%|change|CMI", "2012"),
                                                                        (ONLINE_VALUE, "2012")]


def test_the_seeds_real_inconsistency_is_flagged_and_the_consistent_change_is_not(built):
    checks = {(c.change.key, c.change.period): c for c in built.checks}
    wrong = checks["valeur|paiement|en ligne|%|change|CMI", "2016-01/2016-04"]
    # 1,056 milliard against 501 millions is not «une hausse de 22,2%»
    assert (wrong.earlier.value, wrong.later.value, wrong.change.value) == (Decimal(501000000), Decimal(1056000000),
                                                                            Decimal("22.2"))
    assert wrong.computed == Decimal("110.78") and not wrong.consistent
    right = checks["valeur|paiement|en ligne|%|change|CMI", "2012"]
    assert right.computed == Decimal("48.27") and right.consistent


PAYMENTS = [
    ("a1", "2023-02-10", "Paiement en ligne : près de 2,1 milliards de dirhams en 2022\n\nSelon le Centre monétique "
     "interbancaire (CMI), le montant des paiements en ligne a atteint 2 084 millions de dirhams en 2022, contre "
     "1 750 millions de dirhams en 2021, soit une hausse de 19 %."),
    ("a2", "2023-02-12", "Casablanca (MAP) - Le montant des paiements en ligne traités par le Centre monétique "
     "interbancaire (CMI) s'est établi à 2,4 milliards de dirhams en 2022, selon le CMI."),
    ("a3", "2023-02-14", "Le montant des paiements en ligne a atteint 2 080 millions de dirhams l'an dernier, selon le "
     "CMI, et 1 750 millions en 2021."),
]


@pytest.fixture(scope="module")
def payments(pipeline):
    return records_of(pipeline, PAYMENTS)


def test_a_headline_repeating_its_body_counts_once(payments):
    one = build([r for r in payments if r["doc_id"] == "a1"])
    point = next(p for s in one.series if s.key == ONLINE_VALUE for p in s.points if p.period == "2022")
    assert point.articles == ("a1",) and [m.text for m in point.mentions] == ["2 084 millions de dirhams"]
    assert point.value == Decimal(2084000000) and not point.conflict


def test_two_articles_that_disagree_beyond_rounding_conflict(payments):
    result = build(payments)
    point = next(p for s in result.series if s.key == ONLINE_VALUE for p in s.points if p.period == "2022")
    assert point.conflict and point.articles == ("a1", "a2", "a3")
    # 2 084 and 2 080 millions agree within rounding, 2,4 milliards does not; the value most articles give is shown
    assert point.value == Decimal(2084000000)
    values = sorted((value, sorted(m.doc_id for m in mentions)) for value, mentions in result.conflicts[0].values)
    assert values == [(Decimal(2084000000), ["a1", "a3"]), (Decimal(2400000000), ["a2"])]


def test_a_stated_change_is_checked_against_its_two_levels(pipeline):
    result = build(records_of(pipeline, [
        ("x1", "2024-02-01", "Selon l'Office des changes, les exportations ont atteint 50 milliards de dirhams en 2023, "
         "contre 40 milliards de dirhams en 2022, soit une hausse de 15 %."),
        ("x2", "2024-01-20", "Selon le HCP, le taux de chômage a atteint 14,9 % en 2023, contre 12,1 % en 2022, soit une "
         "hausse de 0,8 point."),
    ]))
    checks = {c.change.key.split("|")[1]: c for c in result.checks}
    assert checks["exportation"].computed == Decimal("25.00") and not checks["exportation"].consistent
    assert checks["taux de chômage"].computed == Decimal("2.8") and not checks["taux de chômage"].consistent


def test_forecasts_are_a_series_of_their_own(pipeline):
    result = build(records_of(pipeline, [
        ("f1", "2024-03-01", "Selon Bank Al-Maghrib, l'inflation a atteint 6,1 % en 2023."),
        ("f2", "2024-03-05", "Selon Bank Al-Maghrib, l'inflation devrait revenir à 2,5 % en 2024."),
    ]))
    statuses = {(s.key, s.status): [p.period for p in s.points] for s in result.series}
    key = "|inflation||%|share|Bank Al-Maghrib"
    assert statuses == {(key, "actual"): ["2023"], (key, "forecast"): ["2024"]}


def test_a_fact_without_a_period_is_left_out(pipeline):
    records = records_of(pipeline, [("p1", None, "Le taux directeur est maintenu à 3 %, selon la BCEAO.")])
    assert records and all(r["period"] is None for r in records)
    assert build(records).left_out == len(records) and build(records).series == ()


def test_the_same_facts_in_another_order_give_the_same_series(corpus_records, built):
    again = build(list(reversed(corpus_records)))
    assert [json.dumps(p.to_dict(), sort_keys=True) for p in again.points] == \
        [json.dumps(p.to_dict(), sort_keys=True) for p in built.points]


def test_records_without_a_key_get_one_from_their_metric():
    """The gold file has no metric_key, status or evidence: its series are built from its metrics."""
    from conftest import ROOT
    from nlp.scoring.records import read_records

    gold = [r for r in read_records(ROOT / "evaluation" / "gold" / "seeds.jsonl", gold=True)
            if not r.get("optional") and not any(isinstance(v, list) for v in r.values())]  # one value a field, as extract gives
    result = build(gold)
    sites = next(s for s in result.series if s.label == "nombre de sites marchands actifs")
    assert sites.key == "nombre|site marchand actif||site marchand|count|CMI"
    assert [(p.period, p.value) for p in sites.points] == [("2012-01/2012-09", 258), ("2013-01/2013-09", 411)]
    assert result.left_out == sum(r["period"] is None for r in gold)

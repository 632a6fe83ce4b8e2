"""The Python API as another program calls it: `nlp.extract` and its arguments."""
from datetime import date, datetime
from decimal import Decimal

import pytest

import nlp

SEMESTER = "Au premier semestre, le chiffre d'affaires de Maroc Telecom a progressé de 3,1 % à 18,2 milliards de dirhams."


@pytest.mark.parametrize("published", [date(2023, 10, 5), datetime(2023, 10, 5, 9, 30), "2023-10-05", "2023-10-05T09:30:00"])
def test_date_is_a_date_a_datetime_or_an_iso_string(published):
    facts = nlp.extract(SEMESTER, date=published)
    assert [(f.value, f.unit, f.period) for f in facts] == [(Decimal("3.1"), "%", "2023-01/2023-06"), (Decimal(18200000000), "MAD", "2023-01/2023-06")]


@pytest.mark.parametrize("published, error", [
    (20231005, TypeError),
    (("2023", "10", "05"), TypeError),
    ("05/10/2023", ValueError),
])
def test_another_date_fails_at_the_call_saying_what_was_expected(published, error):
    with pytest.raises(error, match=r"date: expected .*'2023-10-05'"):
        nlp.extract("Le PIB a progressé de 3 % en 2022.", date=published)


def test_a_datetime_set_on_a_pipeline_doc_places_relative_periods(pipeline):
    doc = pipeline.make_doc(SEMESTER)
    doc._.date = datetime(2023, 10, 5, 9, 30)
    facts = pipeline(doc)._.facts
    assert [f.period for f in facts] == ["2023-01/2023-06", "2023-01/2023-06"]


def test_evaluate_is_exported_and_scores_records_against_gold():
    text = "Selon Bank Al-Maghrib, les réserves ont atteint 350 milliards de dirhams à fin juin 2023."
    predicted = [dict(fact.to_dict(), doc_id="bam") for fact in nlp.extract(text)]
    gold = [{key: value for key, value in record.items() if key != "evidence"} for record in predicted]
    assert nlp.evaluate(gold, predicted, texts={"bam": text})["tuples"]["strict"]["f1"] == 1.0
    assert nlp.evaluate(gold, [], texts={"bam": text})["tuples"]["strict"]["f1"] == 0.0

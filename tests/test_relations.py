"""The relation step: the right metric, kind, period and source for every figure, on other outlets' prose."""
import pytest

from conftest import ROOT, load_table
from nlp.api import extract
from nlp.records import read_records
from nlp.scoring import evaluate

CASES = load_table("relation_cases.yaml")
# What the grammar does not reach yet, each a real gap, not a different reading of the text.
KNOWN_GAPS: dict[str, str] = {}


def gold_records(case):
    return [dict(record, doc_id=case["id"], qualifier=record.get("qualifier", "=")) for record in case["records"]]


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[c["id"]])) if c["id"] in KNOWN_GAPS else c
     for c in CASES],
    ids=[c["id"] for c in CASES],
)
def test_every_record_of_the_passage(pipeline, case):
    predicted = [fact.to_dict() for fact in extract(case["text"], doc_id=case["id"], date=case.get("date"))]
    result = evaluate(gold_records(case), predicted, texts={case["id"]: case["text"]})
    assert result["errors"] == []


def test_the_table_covers_every_behaviour():
    for needed in ("metric-subject", "metric-cest", "metric-of", "passer-de-a", "en-nombre-en-valeur", "change-sign",
                   "share", "respectivement", "elliptical-unit", "period-relative", "period-date", "period-discourse",
                   "source-selon", "source-dapres", "source-chez", "source-statistiques-de", "source-publiees-par",
                   "source-verb", "source-speaker", "source-null", "qualifier", "basis-points", "not-facts",
                   "object-after-figure", "action-noun"):
        assert sum(needed in case["behaviour"] for case in CASES) >= 3, needed
    assert len(CASES) >= 40


def test_seeds_against_their_gold():
    gold = read_records(ROOT / "evaluation" / "gold" / "seeds.jsonl", gold=True)
    texts = {path.stem: path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))}
    predicted = [fact.to_dict() for doc_id, text in texts.items() for fact in extract(text, doc_id=doc_id)]
    result = evaluate(gold, predicted, texts=texts)
    assert result["figures"]["f1"] >= 0.97
    assert result["tuples"]["strict"]["f1"] >= 0.90

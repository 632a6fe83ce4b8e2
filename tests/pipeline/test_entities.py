"""The entity layer end to end: every figure and period recognised with its normalised value."""
from decimal import Decimal

import pytest

from conftest import ROOT, load_table
from nlp.parsing.counts import Count
from nlp.parsing.money import Money
from nlp.parsing.percent import Percent
from nlp.parsing.periods import Period, RelativePeriod

SEEDS = load_table("seed_figures.yaml")
CASES = load_table("entity_cases.yaml")


def run(pipeline, text, reference=None):
    doc = pipeline.make_doc(text)  # the tokenizer makes typographic spaces plain
    doc._.date = reference
    for name, component in pipeline.pipeline:
        if name != "chiffres_facts":
            doc = component(doc)
    return doc


def figure_tuple(span):
    value = span._.value
    if isinstance(value, Money):
        return ("MONEY", value.amount, value.currency, value.qualifier)
    if isinstance(value, Percent):
        return ("PERCENT", value.value, value.unit, value.qualifier)
    assert isinstance(value, Count)
    return ("QUANTITY", value.value, "count", value.qualifier)


def expected_tuple(figure):
    unit = figure["unit"] if figure["label"] != "QUANTITY" else "count"
    return (figure["label"], Decimal(str(figure["value"])), unit, figure.get("qualifier", "="))


def figures_of(doc):
    return sorted((figure_tuple(s) for s in doc.ents if s.label_ in ("MONEY", "PERCENT", "QUANTITY")), key=str)


@pytest.mark.parametrize("doc_id", sorted(SEEDS))
def test_every_seed_figure(pipeline, doc_id):
    text = (ROOT / "seeds" / f"{doc_id}.txt").read_text(encoding="utf-8")
    doc = run(pipeline, text)
    expected = sorted((expected_tuple(f) for f in SEEDS[doc_id]["figures"]), key=str)
    assert figures_of(doc) == expected


@pytest.mark.parametrize("doc_id", sorted(SEEDS))
def test_seed_not_figures(pipeline, doc_id):
    text = (ROOT / "seeds" / f"{doc_id}.txt").read_text(encoding="utf-8")
    doc = run(pipeline, text)
    figure_texts = [s.text for s in doc.ents if s.label_ in ("MONEY", "PERCENT", "QUANTITY")]
    for phrase in SEEDS[doc_id].get("not_figures", []):
        assert not any(phrase in t or t in phrase for t in figure_texts if len(t) >= 2 and phrase.strip()), phrase


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_figures_of_other_outlets(pipeline, case):
    doc = run(pipeline, case["text"], case.get("date"))
    expected = sorted((expected_tuple(f) for f in case.get("figures", [])), key=str)
    assert figures_of(doc) == expected


@pytest.mark.parametrize("case", [c for c in CASES if c.get("periods")], ids=[c["id"] for c in CASES if c.get("periods")])
def test_periods_of_other_outlets(pipeline, case):
    doc = run(pipeline, case["text"], case.get("date"))
    found = [s._.value for s in doc.ents if s.label_ == "PERIOD"]
    exact = sorted(v.iso() for v in found if isinstance(v, Period))
    relative = sum(isinstance(v, RelativePeriod) for v in found)
    assert exact == sorted(p["iso"] for p in case["periods"] if not p.get("relative"))
    assert relative == sum(bool(p.get("relative")) for p in case["periods"])


@pytest.mark.parametrize(("text", "unit"), [
    ("Les sites marchands ont réalisé 211.000 opérations de paiement par cartes bancaires.", "opération"),
    ("L'Office des céréales a importé 120 000 tonnes de blé tendre en février.", "tonne"),
    ("La production a atteint 382 000 tonnes de coton graine.", "tonne"),
    ("Le distributeur a raccordé 58 300 nouveaux abonnements en 2023.", "abonnement"),
    ("On recense 411 sites marchands actifs, contre 258 un an plus tôt.", "site marchand actif"),
    ("Le réseau compte désormais 700 points de vente.", "point de vente"),
    ("Le projet créera 10 000 emplois directs.", "emploi direct"),
])
def test_a_count_unit_is_the_counted_noun_without_its_complement(pipeline, text, unit):
    doc = run(pipeline, text)
    counts = [s._.value for s in doc.ents if s.label_ == "QUANTITY"]
    assert counts and counts[0].noun == unit


@pytest.mark.parametrize(("text", "implied"), [
    ("Les montants ont atteint 270,3 MDH, 269,8 millions et 133,7 millions.", ["269,8 millions", "133,7 millions"]),
    ("On recense 411 sites marchands actifs, contre 258 un an plus tôt.", ["258"]),
    ("Les paiements ont progressé de 12,5 % à 1,3 milliard de dirhams.", []),
])
def test_the_normaliser_marks_the_figures_whose_unit_is_their_neighbours(pipeline, text, implied):
    doc = run(pipeline, text)
    figures = [s for s in doc.ents if s.label_ in ("MONEY", "PERCENT", "QUANTITY")]
    assert len(figures) >= 2
    assert [s.text for s in figures if s._.elliptical] == implied

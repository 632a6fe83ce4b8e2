"""nlp.grouping (component.py): each fact's metric_key and status, judged against the groupings an analyst makes.

tests/data/metric_groupings.yaml is the hand-made table: the facts of one series share a key, no other
fact carries it, quantities kept apart have different keys, and every key several facts share was judged.
"""
from collections import Counter

import pytest

from conftest import load_table

TABLE = load_table("metric_groupings.yaml")
SERIES = TABLE["series"]


def keys_of(records, doc_id, text, period=None):
    """The keys of the facts an article gives as `text` (of `period`, where the article writes it twice)."""
    found = [r["metric_key"] for r in records if r["doc_id"] == doc_id and r["evidence"]["text"] == text
             and period in (None, r["period"])]
    assert found, f"no fact {text!r} in {doc_id}"
    return found


def judged(entries):
    return [pytest.param(e, id=e["name"], marks=[pytest.mark.xfail(strict=True, reason=e["known"])] if "known" in e else [])
            for e in entries]


@pytest.mark.parametrize("series", judged(SERIES))
def test_the_facts_of_one_series_share_one_key(corpus_records, series):
    keys = {key for fact in series["facts"] for key in keys_of(corpus_records, *fact)}
    assert len(keys) == 1, f"{series['name']}: {sorted(keys)}"


@pytest.mark.parametrize("series", [s for s in SERIES if "known" not in s], ids=lambda s: s["name"])
def test_no_other_fact_carries_a_series_key(corpus_records, series):
    key = keys_of(corpus_records, *series["facts"][0])[0]
    members = {tuple(fact[:2]) for fact in series["facts"]}
    others = [(r["doc_id"], r["evidence"]["text"]) for r in corpus_records
              if r["metric_key"] == key and (r["doc_id"], r["evidence"]["text"]) not in members]
    assert not others, f"{key} also holds {others}"


@pytest.mark.parametrize("pair", TABLE["apart"], ids=lambda p: p["why"][:60])
def test_quantities_kept_apart_have_different_keys(corpus_records, pair):
    (first, second) = (set(keys_of(corpus_records, *fact)) for fact in pair["facts"])
    assert not first & second, pair["why"]


def test_every_key_several_facts_share_was_judged(corpus_records):
    """A key shared by facts of the corpora that the table does not name is a grouping nobody has judged."""
    shared = Counter(r["metric_key"] for r in corpus_records if r["period"] and "@" not in r["metric_key"])
    named = {keys_of(corpus_records, *s["facts"][-1])[0] for s in SERIES}
    unjudged = sorted(key for key, count in shared.items() if count > 1 and key not in named)
    assert not unjudged

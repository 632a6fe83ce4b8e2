"""Score predicted records against gold records by the matching rules of evaluation/GUIDELINE.md."""
from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict

from nlp.pipeline.fact import KINDS
from nlp.parsing.lexicon import LexiconError, patterns_dir
from nlp.parsing.periods import period_bounds

VALUE_TOLERANCE = 0.005
METRIC_THRESHOLD = 0.5
FIELD_NAMES = ("metric", "period", "source")

_WORD = re.compile(r"[^\W_]+")
_CURRENCY = re.compile(r"[A-Z]{3}")
_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "œ": "oe", "æ": "ae"})


def evaluate(gold_records: list[dict], predicted_records: list[dict], *, texts: dict[str, str] | None = None) -> dict:
    """Pair predictions with gold records per document, then score tuples, figures and fields."""
    gold_by_doc, predicted_by_doc = defaultdict(list), defaultdict(list)
    for record in gold_records:
        gold_by_doc[record["doc_id"]].append(record)
    for record in predicted_records:
        predicted_by_doc[record["doc_id"]].append(record)
    texts = texts or {}
    outcomes = []
    for doc_id in sorted(gold_by_doc.keys() | predicted_by_doc.keys()):
        outcomes.extend(_pair(gold_by_doc[doc_id], predicted_by_doc[doc_id], texts.get(doc_id, "")))
    optional = sum(bool(record.get("optional")) for record in gold_records)
    return {
        **_scores(outcomes),
        "counts": {
            "gold": len(gold_records) - optional,
            "optional": optional,
            "predicted": len(predicted_records),
            "ignored": sum(outcome["type"] == "optional" for outcome in outcomes),
        },
        "by_kind": {
            kind: _scores([o for o in outcomes if o["kind"] == kind])
            for kind in KINDS
            if any(o["kind"] == kind for o in outcomes)
        },
        "by_document": {
            doc_id: _scores([o for o in outcomes if o["doc_id"] == doc_id])
            for doc_id in sorted({o["doc_id"] for o in outcomes})
        },
        "matches": [_entry(o) for o in outcomes if o["type"] in ("right", "optional")],
        "errors": [_entry(o) for o in outcomes if o["type"] in ("missed", "spurious", "wrong_fields")],
    }


def _pair(gold: list[dict], predicted: list[dict], text: str) -> list[dict]:
    """One-to-one pairs, best first: matching fields, overlapping period, metric F1, required gold, text order."""
    candidates = []
    for g_index, g in enumerate(gold):
        for p_index, p in enumerate(predicted):
            if not figure_matches(g, p):
                continue
            f1 = metric_f1(g["metric"], p["metric"])
            checks = {
                "metric": f1 >= METRIC_THRESHOLD,
                "period": period_matches(g["period"], p["period"]),
                "period_lenient": period_matches(g["period"], p["period"], lenient=True),
                "source": source_matches(g["source"], p["source"], text),
            }
            fields = checks["metric"] + checks["period"] + checks["source"]
            quality = (fields, checks["period_lenient"], f1, not g.get("optional", False), -g_index, -p_index)
            candidates.append((quality, g_index, p_index, checks))
    candidates.sort(key=lambda candidate: candidate[0], reverse=True)
    paired, used = {}, set()
    for _, g_index, p_index, checks in candidates:
        if g_index not in paired and p_index not in used:
            paired[g_index] = (p_index, checks)
            used.add(p_index)

    outcomes = []
    for g_index, g in enumerate(gold):
        if g_index in paired:
            p_index, checks = paired[g_index]
            outcomes.append(_outcome(g, predicted[p_index], checks))
        elif not g.get("optional", False):
            outcomes.append(_outcome(g, None, None))
    outcomes.extend(_outcome(None, p, None) for p_index, p in enumerate(predicted) if p_index not in used)
    return outcomes


def _outcome(gold: dict | None, predicted: dict | None, checks: dict | None) -> dict:
    wrong = [name for name in FIELD_NAMES if checks and not checks[name]]
    if predicted is None:
        outcome_type = "missed"
    elif gold is None:
        outcome_type = "spurious"
    elif gold.get("optional", False):
        outcome_type = "optional"
    else:
        outcome_type = "wrong_fields" if wrong else "right"
    kind = predicted["kind"] if predicted else _accepted(gold["kind"])[0]
    doc_id = (gold or predicted)["doc_id"]
    return {
        "type": outcome_type,
        "doc_id": doc_id,
        "kind": kind,
        "checks": checks,
        "wrong": wrong,
        "gold": gold,
        "predicted": predicted,
    }


def _entry(outcome: dict) -> dict:
    return {
        "type": outcome["type"],
        "doc_id": outcome["doc_id"],
        "fields": outcome["wrong"],
        "gold": outcome["gold"],
        "predicted": outcome["predicted"],
    }


def _scores(outcomes: list[dict]) -> dict:
    pairs = [o["checks"] for o in outcomes if o["type"] in ("right", "wrong_fields")]
    spurious = sum(o["type"] == "spurious" for o in outcomes)
    missed = sum(o["type"] == "missed" for o in outcomes)
    strict = sum(c["metric"] and c["period"] and c["source"] for c in pairs)
    lenient = sum(c["metric"] and c["period_lenient"] and c["source"] for c in pairs)
    # A pair with a wrong field is a wrong tuple predicted and a right tuple missed.
    return {
        "tuples": {
            "strict": _prf(strict, len(pairs) + spurious - strict, len(pairs) + missed - strict),
            "lenient": _prf(lenient, len(pairs) + spurious - lenient, len(pairs) + missed - lenient),
        },
        "figures": _prf(len(pairs), spurious, missed),
        "fields": {
            "pairs": len(pairs),
            **{
                name: _ratio(sum(checks[name] for checks in pairs), len(pairs))
                for name in ("metric", "period", "period_lenient", "source")
            },
        },
    }


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = _ratio(2 * precision * recall, precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def _ratio(part: float, whole: float) -> float:
    return round(part / whole, 4) if whole else 0.0


def figure_matches(gold: dict, predicted: dict) -> bool:
    """Value within 0.5% of gold, an accepted unit (any noun for any noun) and an accepted kind."""
    gold_value, value = float(gold["value"]), float(predicted["value"])
    # The epsilon absorbs float error at exactly 0.5%, and makes a gold 0 need an exact 0.
    if abs(value - gold_value) > VALUE_TOLERANCE * abs(gold_value) + 1e-9:
        return False
    if predicted["kind"] not in _accepted(gold["kind"]):
        return False
    return any(_same_unit(unit, predicted["unit"]) for unit in _accepted(gold["unit"]))


def _same_unit(gold: str, predicted: str) -> bool:
    return gold == predicted or (_is_noun_unit(gold) and _is_noun_unit(predicted))


def _is_noun_unit(unit: str) -> bool:
    return unit not in ("%", "pp") and not _CURRENCY.fullmatch(unit)


def metric_f1(gold: str, predicted: str) -> float:
    """Token F1 of two metric phrases over folded content words, final s/x stripped."""
    gold_words, predicted_words = Counter(metric_words(gold)), Counter(metric_words(predicted))
    if not gold_words and not predicted_words:
        return 1.0
    common = sum((gold_words & predicted_words).values())
    return 2 * common / (sum(gold_words.values()) + sum(predicted_words.values()))


def metric_words(phrase: str) -> list[str]:
    """Lower-cased, accent-folded words without French stop words, final s/x stripped: l'habitat -> habitat."""
    words = [word for word in _WORD.findall(_fold(phrase)) if word not in stopwords()]
    return [word[:-1] if len(word) > 2 and word[-1] in "sx" else word for word in words]


def period_matches(gold: str | list | None, predicted: str | None, *, lenient: bool = False) -> bool:
    """Equal ISO strings (strict) or overlapping intervals (lenient), against any accepted gold value."""
    return any(_same_period(accepted, predicted, lenient) for accepted in _accepted(gold))


def _same_period(gold: str | None, predicted: str | None, lenient: bool) -> bool:
    if gold is None or predicted is None:
        return gold is predicted
    if gold == predicted:
        return True
    if not lenient:
        return False
    gold_bounds, predicted_bounds = period_bounds(gold), period_bounds(predicted)
    if gold_bounds is None or predicted_bounds is None:
        return False
    return gold_bounds[0] <= predicted_bounds[1] and predicted_bounds[0] <= gold_bounds[1]


def source_matches(gold: str | list | None, predicted: str | None, text: str = "") -> bool:
    """Equal folded names, or an acronym and its expansion (by initials, or defined in the article text)."""
    return any(_same_source(accepted, predicted, text) for accepted in _accepted(gold))


def _same_source(gold: str | None, predicted: str | None, text: str) -> bool:
    if gold is None or predicted is None:
        return gold is predicted
    if _name_key(gold) == _name_key(predicted):
        return True
    return any(
        _is_acronym_of(short, long) or _defined_in(short, long, text)
        for short, long in ((gold, predicted), (predicted, gold))
    )


def _name_key(name: str) -> str:
    """A name folded for comparison: case, accents, apostrophes, hyphens and spaces."""
    return " ".join(_WORD.findall(_fold(name)))


def _is_acronym_of(short: str, long: str) -> bool:
    """True when one-token `short` spells the initials of the content words of `long` (CMI, Centre Monétique...)."""
    words = [word for word in _name_key(long).split() if word not in stopwords()]
    letters = _name_key(short).replace(" ", "")
    return len(short.split()) == 1 and len(words) >= 2 and "".join(word[0] for word in words) == letters


def _defined_in(short: str, long: str, text: str) -> bool:
    """True when the article writes "long (SHORT)", as in Fédération marocaine ... de l'Offshoring (Apebi)."""
    if not text or len(short.split()) != 1:
        return False
    # One content word is too little: "Offshoring (Apebi)" would make "Offshoring" an expansion.
    if sum(word not in stopwords() for word in _name_key(long).split()) < 2:
        return False
    spaced = re.sub(r"[^\w()]+|_", " ", _fold(text))
    pattern = rf"(?<!\w){re.escape(_name_key(long))} ?\( ?{re.escape(_name_key(short))} ?\)"
    return re.search(pattern, spaced) is not None


def _fold(text: str) -> str:
    """Case-folded, accent-free text with straight apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.cache
def stopwords() -> frozenset[str]:
    """The folded words of patterns/french_stopwords.txt (# comments and blank lines skipped)."""
    path = patterns_dir() / "french_stopwords.txt"
    words = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not _WORD.fullmatch(_fold(line)):
            raise LexiconError(f"{path}:{number}: expected one word, got {line!r}")
        words.add(_fold(line))
    return frozenset(words)


def _accepted(value) -> list:
    return value if isinstance(value, list) else [value]

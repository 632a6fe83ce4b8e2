"""Read and validate JSONL files of records (evaluation/GUIDELINE.md), gold or predicted."""
from __future__ import annotations

import json
import math
from pathlib import Path

from nlp.pipeline.fact import KINDS, QUALIFIERS
from nlp.parsing.periods import period_bounds


class RecordError(ValueError):
    """A record file that breaks the guideline (evaluation/GUIDELINE.md): the message names the file, the line and the field."""


GOLD_FIELDS = ("doc_id", "metric", "value", "unit", "kind", "period", "source", "qualifier", "optional")
REQUIRED_FIELDS = ("doc_id", "metric", "value", "unit", "kind", "period", "source")
# A gold file may accept several values where the text is genuinely ambiguous.
LISTABLE_FIELDS = ("unit", "kind", "period", "source")

def read_records(path: str | Path, *, gold: bool) -> list[dict]:
    """The records of a JSONL file, each line checked; a missing qualifier becomes '='."""
    records = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise RecordError(
                f"{path}:{number}: expected a JSON object, got invalid JSON ({error.msg}, column {error.colno})"
            ) from None
        if not isinstance(record, dict):
            raise RecordError(f"{path}:{number}: expected a JSON object, got {_shown(record)}")
        problem = _record_problem(record, gold=gold)
        if problem:
            raise RecordError(f"{path}:{number}: {problem}")
        record.setdefault("qualifier", "=")
        records.append(record)
    return records


def record_problem(record: dict) -> str | None:
    """What makes a predicted record break the guideline, as "field 'x': expected ..., got ...", or None."""
    return _record_problem(record, gold=False)


def _record_problem(record: dict, *, gold: bool) -> str | None:
    """What is wrong with one record, as "field 'x': expected ..., got ...", or None."""
    if gold:
        for key in record:
            if key not in GOLD_FIELDS:
                fields = ", ".join(GOLD_FIELDS)
                return f"field {key!r}: expected one of the gold fields ({fields}), got an unknown field"
    checked = GOLD_FIELDS if gold else (*REQUIRED_FIELDS, "qualifier", "evidence")
    for name in checked:
        if name not in record:
            if name in REQUIRED_FIELDS:
                return f"field {name!r}: expected {_CHECKS[name][1]}, got nothing"
            continue
        value = record[name]
        if name == "evidence" and value is None:
            continue
        problem = _field_problem(name, value, listable=gold and name in LISTABLE_FIELDS)
        if problem:
            return f"field {name!r}: {problem}"
    return None


def _field_problem(name: str, value, *, listable: bool) -> str | None:
    check, expected = _CHECKS[name]
    if listable and isinstance(value, list):
        if not value:
            return f"expected a non-empty list of accepted values, got {_shown(value)}"
        bad = [item for item in value if not check(item)]
        if not bad:
            return None
        # Name the bad item rather than the whole list.
        value = bad[0]
    if check(value):
        return None
    return f"expected {expected}, got {_shown(value)}"


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_evidence(value) -> bool:
    return (
        isinstance(value, dict)
        and _is_int(value.get("start"))
        and _is_int(value.get("end"))
        and 0 <= value["start"] <= value["end"]
        and isinstance(value.get("text"), str)
    )


_CHECKS = {
    "doc_id": (lambda v: isinstance(v, str) and v.strip() != "", "a non-empty string"),
    "metric": (lambda v: isinstance(v, str), "a string"),
    "value": (_is_number, "a number"),
    "unit": (lambda v: isinstance(v, str), "a string"),
    "kind": (lambda v: isinstance(v, str) and v in KINDS, f"one of {', '.join(KINDS)}"),
    "period": (
        lambda v: v is None or (isinstance(v, str) and period_bounds(v) is not None),
        "an ISO 8601 date or interval",
    ),
    "source": (lambda v: v is None or isinstance(v, str), "a string or null"),
    "qualifier": (lambda v: isinstance(v, str) and v in QUALIFIERS, f"one of {', '.join(QUALIFIERS)}"),
    "optional": (lambda v: isinstance(v, bool), "true or false"),
    "evidence": (_is_evidence, "an object with int start <= end and str text"),
}


def _shown(value) -> str:
    """A found value as the reader wrote it, cut short: strings quoted as in the error examples."""
    text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."

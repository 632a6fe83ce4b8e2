"""The record of evaluation/GUIDELINE.md: one fact, with its evidence."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from nlp.parsing.periods import period_bounds

KINDS = ("amount", "count", "share", "change")
QUALIFIERS = ("=", "~", ">", "<")


@dataclass(frozen=True)
class Evidence:
    start: int
    end: int
    text: str
    sentence: str = ""
    sentence_start: int = field(default=0, compare=False)  # where the sentence starts in the article


@dataclass(frozen=True)
class Fact:
    doc_id: str
    metric: str
    value: Decimal
    unit: str
    kind: str
    period: str | None
    source: str | None
    qualifier: str = "="
    metric_key: str = ""  # what grouping facts across articles goes by (nlp/grouping/keys.py)
    status: str = "actual"  # or 'forecast', 'target'
    evidence: Evidence | None = field(default=None, compare=False)

    def to_dict(self) -> dict:
        """The record as evaluation/GUIDELINE.md writes it, with the key, the period's first and last days and the status."""
        bounds = period_bounds(self.period) if self.period else None
        record = {
            "doc_id": self.doc_id,
            "metric": self.metric,
            "metric_key": self.metric_key,
            "value": decimal_to_json(self.value),
            "unit": self.unit,
            "kind": self.kind,
            "period": self.period,
            "period_start": bounds[0].isoformat() if bounds else None,
            "period_end": bounds[1].isoformat() if bounds else None,
            "source": self.source,
            "qualifier": self.qualifier,
            "status": self.status,
        }
        if self.evidence is not None:
            record["evidence"] = {
                "start": self.evidence.start,
                "end": self.evidence.end,
                "text": self.evidence.text,
                "sentence": self.evidence.sentence,
            }
        return record


def decimal_to_json(value: Decimal) -> int | float:
    """An integral Decimal becomes an int, anything else a float (only at serialisation)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)

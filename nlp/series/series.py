"""Series across articles: one point per canonical key and period, the conflicts between articles, stated changes checked."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Iterable

from nlp.pipeline.fact import decimal_to_json
from nlp.grouping.keys import key, metric_parts
from nlp.parsing.numbers import same_up_to_rounding
from nlp.parsing.periods import period_bounds

# A stated change that differs from the one its two levels give by more than this is flagged (percentage points).
TOLERANCE = Decimal(1)
_LEVELS = ("amount", "count")


@dataclass(frozen=True)
class Mention:
    """One article's figure for a point: its value as written and its evidence."""

    doc_id: str
    value: Decimal
    qualifier: str
    metric: str
    text: str  # the figure as written
    sentence: str
    start: int  # the figure's offset in its article

    def to_dict(self) -> dict:
        return {"doc_id": self.doc_id, "value": decimal_to_json(self.value), "qualifier": self.qualifier,
                "metric": self.metric, "text": self.text, "sentence": self.sentence, "start": self.start}


@dataclass(frozen=True)
class Point:
    """A key's value at one period, with every article that gives it."""

    key: str
    label: str
    status: str
    period: str
    start: date
    end: date
    value: Decimal
    unit: str
    kind: str
    source: str | None
    articles: tuple[str, ...]
    conflict: bool
    mentions: tuple[Mention, ...]  # one per article and value, the article's most precise figure first

    def to_dict(self) -> dict:
        """The point as `chiffres series` writes it, with the evidence of each article."""
        return {"key": self.key, "label": self.label, "status": self.status, "period": self.period,
                "period_start": self.start.isoformat(), "period_end": self.end.isoformat(),
                "value": decimal_to_json(self.value), "unit": self.unit, "kind": self.kind, "source": self.source,
                "articles": list(self.articles), "conflict": self.conflict,
                "evidence": [mention.to_dict() for mention in self.mentions]}


@dataclass(frozen=True)
class Series:
    """The points of one key and status, ordered by period."""

    key: str
    label: str
    status: str
    points: tuple[Point, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({doc for point in self.points for doc in point.articles}))


@dataclass(frozen=True)
class Conflict:
    """Two articles or more that give one key different values for one period."""

    point: Point
    values: tuple[tuple[Decimal, tuple[Mention, ...]], ...]  # each value and the articles' figures that give it


@dataclass(frozen=True)
class Check:
    """A stated change against the change its two levels give."""

    change: Point
    earlier: Point
    later: Point
    computed: Decimal  # in the stated change's unit: % for a growth, pp for a rate's change

    @property
    def difference(self) -> Decimal:
        return abs(self.change.value - self.computed)

    @property
    def consistent(self) -> bool:
        return self.difference <= TOLERANCE


@dataclass(frozen=True)
class Built:
    """What `build` makes of a set of facts."""

    series: tuple[Series, ...]
    conflicts: tuple[Conflict, ...]
    checks: tuple[Check, ...]
    left_out: int  # facts without a value, a period or a key of their own: nothing to place them on

    @property
    def points(self) -> tuple[Point, ...]:
        return tuple(point for series in self.series for point in series.points)


def build(facts: Iterable[dict]) -> Built:
    """Series keyed by metric_key and status from fact records (as `chiffres extract` writes them), in a stable order.

    A record without metric_key gets one from its metric alone; one without a value or a period is left out.
    """
    groups: dict[tuple[str, str], dict[str, list[tuple[dict, Mention]]]] = defaultdict(lambda: defaultdict(list))
    left_out = 0
    for record in facts:
        bounds = period_bounds(record["period"]) if isinstance(record.get("period"), str) else None
        if record.get("value") is None or bounds is None:
            left_out += 1
            continue
        identity = (_key_of(record), record.get("status") or "actual")
        groups[identity][record["period"]].append((record, _mention(record)))
    series = []
    for (metric_key, status), periods in sorted(groups.items()):
        records = [record for members in periods.values() for record, _ in members]
        label = _label(records)
        points = [_point(metric_key, label, status, period, members) for period, members in periods.items()]
        points.sort(key=lambda point: (point.start, point.end, point.period))
        series.append(Series(metric_key, label, status, tuple(points)))
    conflicts = tuple(_conflict(point) for s in series for point in s.points if point.conflict)
    return Built(tuple(series), conflicts, _checks(series), left_out)


def _key_of(record: dict) -> str:
    if record.get("metric_key"):
        return record["metric_key"]
    parts = metric_parts(record.get("metric") or "", record["kind"])
    return key(parts, record["unit"], record["kind"], record.get("source"))


def _mention(record: dict) -> Mention:
    evidence = record.get("evidence") or {}
    return Mention(record["doc_id"], Decimal(str(record["value"])), record.get("qualifier") or "=", record.get("metric") or "",
                   evidence.get("text", ""), evidence.get("sentence", ""), evidence.get("start", -1))


def _label(records: list[dict]) -> str:
    """The metric its facts give most often, in the text's own words (the shortest, then the first in order, on a tie)."""
    counts = Counter(record.get("metric") or "" for record in records)
    return min(counts, key=lambda metric: (-counts[metric], len(metric), metric))


def _point(metric_key: str, label: str, status: str, period: str, members: list[tuple[dict, Mention]]) -> Point:
    """One point: each article's figures that agree count once (a headline over its body); values that do not, apart."""
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for _, mention in members:
        kept = by_article[mention.doc_id]
        twin = next((i for i, other in enumerate(kept) if _agree(other, mention)), None)
        if twin is None:
            kept.append(mention)
        elif _order(mention) < _order(kept[twin]):
            kept[twin] = mention
    mentions = sorted((m for kept in by_article.values() for m in kept), key=lambda m: (m.doc_id, m.start))
    best = min(_clusters(mentions), key=lambda cluster: (-len({m.doc_id for m in cluster}), min(map(_order, cluster))))
    shown = min(best, key=_order)
    record = next(record for record, mention in members if mention == shown)
    start, end = period_bounds(period)
    conflict = any(a.doc_id != b.doc_id and not _agree(a, b) for a in mentions for b in mentions)
    return Point(metric_key, label, status, period, start, end, shown.value, record["unit"], record["kind"],
                 record.get("source"), tuple(sorted(by_article)), conflict, tuple(mentions))


def _order(mention: Mention) -> tuple:
    """The figure a point shows first: the most precise, then the first article, then the first in it."""
    return (-_precision(mention), mention.doc_id, mention.start)


def _agree(a: Mention, b: Mention) -> bool:
    return same_up_to_rounding(a.value, b.value, a.qualifier, b.qualifier)


def _precision(mention: Mention) -> int:
    """How many significant digits the figure has: 2 084 millions is more precise than 2,1 milliards."""
    return len(mention.value.normalize().as_tuple().digits) if mention.value else 0


def _clusters(mentions: list[Mention]) -> list[list[Mention]]:
    """The mentions grouped by value, each joining the first group it agrees with, in order."""
    clusters: list[list[Mention]] = []
    for mention in mentions:
        home = next((cluster for cluster in clusters if all(_agree(mention, other) for other in cluster)), None)
        if home is None:
            clusters.append([mention])
        else:
            home.append(mention)
    return clusters


def _conflict(point: Point) -> Conflict:
    clusters = _clusters(list(point.mentions))
    values = tuple((max(cluster, key=_precision).value, tuple(cluster)) for cluster in clusters)
    return Conflict(point, values)


def _checks(series: list[Series]) -> tuple[Check, ...]:
    """Every stated change whose two levels are known, against the change they give."""
    levels: dict[str, list[Series]] = defaultdict(list)
    for s in series:
        fields = s.key.split("|")
        if len(fields) == 6 and fields[4] in (*_LEVELS, "share") and s.status == "actual":
            levels["|".join(fields[:3] + [fields[5], "share" if fields[4] == "share" else "level"])].append(s)
    checks = []
    for s in series:
        fields = s.key.split("|")
        rate = len(fields) == 6 and fields[3] == "pp"
        # a growth that names no measure may be of the number or of the value
        if len(fields) != 6 or fields[4] != "change" or s.status != "actual" or not (fields[0] or rate):
            continue
        measure = "nombre" if fields[0] == "volume" else fields[0]
        for level in levels.get("|".join([measure, *fields[1:3], fields[5], "share" if rate else "level"]), []):
            by_period = {(point.start, point.end): point for point in level.points}
            for change in s.points:
                pair = _compared(change, by_period)
                if pair is None or (pair[0].value == 0 and not rate):
                    continue
                earlier, later = pair
                computed = later.value - earlier.value if rate else (later.value / earlier.value - 1) * 100
                checks.append(Check(change, earlier, later, computed.quantize(Decimal("0.01"))))
    return tuple(sorted(checks, key=lambda c: (c.change.key, c.change.start, c.earlier.key)))


def _compared(change: Point, levels: dict[tuple[date, date], Point]) -> tuple[Point, Point] | None:
    """The two levels a change is stated between: its period and the same span a year before, or a range's ends."""
    first, last = change.period.split("/")[0], change.period.split("/")[-1]
    if len(first) == len(last) == 4 and first != last:
        # 'une progression de 118,6 % entre 2013 et 2016'
        earlier, later = (levels.get(period_bounds(year)) for year in (first, last))
    else:
        later = levels.get((change.start, change.end))
        earlier = levels.get((_year_before(change.start), _year_before(change.end)))
    return (earlier, later) if earlier is not None and later is not None else None


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)

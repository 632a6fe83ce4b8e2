"""A whole series run: facts JSONL read as it is, other inputs extracted first, then the points and the page written."""
from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Iterator

from nlp.pipeline.fact import decimal_to_json
from nlp.io.readers import DEFAULT_MAX_CHARS, Article, Skipped, decode_line, expand, read_articles
from nlp.scoring.records import record_problem
from nlp.series.series import Built, Point, build
from nlp.io.writers import check_output, neutralised, output, record

FORMATS = ("jsonl", "csv")
CSV_COLUMNS = ["key", "label", "status", "period", "period_start", "period_end", "value", "unit", "kind", "source",
               "articles", "conflict"]


@dataclass
class SeriesSummary:
    facts: int = 0
    articles: int = 0
    skipped: list[str] = field(default_factory=list)
    built: Built | None = None

    def line(self) -> str:
        """'62 facts (5 articles extracted), 2 skipped; 31 series, 40 points, 1 conflict, 1 failed check of 3'."""
        built = self.built
        failed = sum(not check.consistent for check in built.checks)
        extracted = f" ({self.articles} articles extracted)" if self.articles else ""
        return (f"{self.facts} facts{extracted}, {len(self.skipped)} skipped, {built.left_out} without a period; "
                f"{len(built.series)} series, {len(built.points)} points, {len(built.conflicts)} conflicts, "
                f"{failed} failed consistency checks of {len(built.checks)}")


def run_series(inputs: list[str], *, reference: date | None = None, format_: str = "jsonl",
               output_path: Path | None = None, html_path: Path | None = None, max_chars: int = DEFAULT_MAX_CHARS,
               stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> SeriesSummary:
    """Build the series of the inputs' facts; write the points (JSONL or CSV) and, when asked, the HTML page.

    A .jsonl file of fact records (as `chiffres extract` writes them) is read as it is; any other input is
    extracted. A bad file or record is named on stderr with its line and skipped; the rest is still built.
    """
    from nlp.series.page import page

    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    for path in (output_path, html_path):
        if path is not None:
            check_output(path)
    summary = SeriesSummary()
    records: list[dict] = []
    articles: list[str] = []
    for spec in expand(inputs):
        if isinstance(spec, Skipped):
            _skip(summary, stderr, spec.message())
        elif spec != "-" and Path(spec).suffix.lower() == ".jsonl" and not _holds_articles(Path(spec)):
            for item in read_facts(Path(spec)):
                if isinstance(item, Skipped):
                    _skip(summary, stderr, item.message())
                else:
                    records.append(item)
        else:
            articles.append(spec)
    if articles:
        records.extend(_extracted(articles, reference, max_chars, summary, stderr))
    summary.facts = len(records)
    summary.built = build(records)
    with output(output_path, stdout) as stream:
        write_points(summary.built.points, stream, format_)
    if html_path is not None:
        with output(html_path, stdout) as stream:
            stream.write(page(summary.built))
    return summary


def _skip(summary: SeriesSummary, stderr: IO[str], message: str) -> None:
    summary.skipped.append(message)
    stderr.write(message + "\n")


def _holds_articles(path: Path) -> bool:
    """Whether a JSONL file's first record is an article (it has a text or an html) rather than a fact."""
    try:
        with path.open("rb") as handle:
            for raw in handle:
                line = decode_line(raw)
                if line is None or line.strip():
                    record = _json(line) if line is not None else None
                    return isinstance(record, dict) and ("text" in record or "html" in record)
    except OSError:
        return False  # read_facts names it
    return False


def _json(line: str):
    try:
        return json.loads(line, parse_constant=_not_a_number)
    except (ValueError, RecursionError):
        return None


def _not_a_number(name: str):
    raise ValueError(f"{name} is not a number")


_FACT_FIELDS = "doc_id, metric, value, unit, kind, period, source"


def read_facts(path: Path) -> Iterator[dict | Skipped]:
    """The fact records of a JSONL file, each bad line a Skipped; a file whose first record is no fact is skipped whole."""
    try:
        handle = path.open("rb")
    except OSError as error:
        yield Skipped(str(path), f"expected a readable facts file, got {error.strerror}", kind="unreadable")
        return
    first = True
    with handle:
        for number, raw in enumerate(handle, 1):
            line = decode_line(raw)
            if line is not None and not line.strip():
                continue
            record = _json(line) if line is not None else None
            if first and not (isinstance(record, dict) and "metric" in record and "value" in record):
                found = _found(record) if not isinstance(record, dict) else "a record without metric and value"
                yield Skipped(str(path), f"expected facts JSONL (one record a line: {_FACT_FIELDS}), got {found}; "
                                         "file skipped", number, kind="not facts")
                return
            first = False
            problem = _fact_problem(record)
            yield Skipped(str(path), problem, number, kind="bad record") if problem else record


def _found(value) -> str:
    return "invalid JSON" if value is None else f"a JSON {type(value).__name__}"


def _fact_problem(record) -> str | None:
    """Why a line cannot be a point of a series: not a record, a field the guideline refuses, no value or no period."""
    if not isinstance(record, dict):
        return f"expected a JSON object, got {_found(record)}"
    problem = record_problem(record)
    if problem:
        return problem
    if record["period"] is None:
        return "field 'period': expected an ISO 8601 date or interval to place the fact in a series, got null"
    return None


def _extracted(specs: list[str], reference, max_chars: int, summary: SeriesSummary, stderr: IO[str]) -> list[dict]:
    from nlp.io.streaming import extract_stream

    found = []
    for item, facts in extract_stream(read_articles(specs, reference=reference, max_chars=max_chars)):
        if not isinstance(item, Article):
            _skip(summary, stderr, item.message())
            continue
        summary.articles += 1
        found.extend(record(item, fact) for fact in facts)
    return found


def write_points(points: tuple[Point, ...], stream: IO[str], format_: str) -> None:
    """The points as JSON lines (with the evidence of each article) or as CSV (articles joined by ';')."""
    if format_ == "jsonl":
        for point in points:
            stream.write(json.dumps(point.to_dict(), ensure_ascii=False) + "\n")
        return
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for point in points:
        writer.writerow([neutralised(point.key), neutralised(point.label), point.status, point.period,
                         point.start.isoformat(), point.end.isoformat(), decimal_to_json(point.value), point.unit,
                         point.kind, neutralised(point.source or ""), ";".join(point.articles),
                         "true" if point.conflict else "false"])

"""Write facts as JSON lines, CSV, a terminal table or an HTML page; atomically to a file."""
from __future__ import annotations

import csv
import html
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from nlp.fact import Fact
from nlp.readers import Article

FORMATS = ("jsonl", "csv", "table", "html")
CSV_COLUMNS = ["doc_id", "metric", "value", "unit", "kind", "period", "source", "qualifier",
               "evidence_start", "evidence_end", "evidence_text", "sentence", "fields"]
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def record(article: Article, fact: Fact) -> dict:
    """The output record: the ANNOTATION.md fields, the evidence, then the fields carried from the input."""
    out = fact.to_dict()
    for key, value in article.fields.items():
        out.setdefault(key, value)
    return out


class JsonlWriter:
    def __init__(self, stream: IO[str]):
        self.stream = stream

    def write(self, article: Article, facts: list[Fact]) -> None:
        for fact in facts:
            self.stream.write(json.dumps(record(article, fact), ensure_ascii=False) + "\n")

    def close(self) -> None:
        pass


class CsvWriter:
    """Flat columns; text taken from the article is neutralised so a spreadsheet never runs it.

    The qualifier column keeps its '=' (exact): it is chiffres' own value, not the article's.
    """

    def __init__(self, stream: IO[str]):
        self.writer = csv.writer(stream, lineterminator="\n")
        self.writer.writerow(CSV_COLUMNS)

    def write(self, article: Article, facts: list[Fact]) -> None:
        for fact in facts:
            row = fact.to_dict()
            evidence = row.pop("evidence", {}) or {}
            text = [neutralised(c) for c in (row["doc_id"], row["metric"])]
            cells = text + [row["value"], row["unit"], row["kind"], row["period"] or "", neutralised(row["source"] or ""),
                            row["qualifier"], evidence.get("start", ""), evidence.get("end", ""),
                            neutralised(evidence.get("text", "")), neutralised(evidence.get("sentence", "")),
                            neutralised(json.dumps(article.fields, ensure_ascii=False)) if article.fields else ""]
            self.writer.writerow(cells)

    def close(self) -> None:
        pass


def neutralised(cell: str) -> str:
    """A cell that a spreadsheet would read as a formula, made plain text with a leading quote."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


class TableWriter:
    """A readable terminal table: one fact a row, long text cut."""

    WIDTHS = (22, 34, 18, 9, 7, 17, 18)
    HEADER = ("doc_id", "metric", "value", "unit", "kind", "period", "source")

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self._row(self.HEADER)
        self.stream.write("  ".join("-" * w for w in self.WIDTHS) + "\n")

    def _row(self, cells) -> None:
        parts = []
        for cell, width in zip(cells, self.WIDTHS):
            text = str(cell)
            text = text if len(text) <= width else text[: width - 1] + "…"
            parts.append(text.ljust(width))
        self.stream.write("  ".join(parts).rstrip() + "\n")

    def write(self, article: Article, facts: list[Fact]) -> None:
        for fact in facts:
            row = fact.to_dict()
            value = f"{row['qualifier'] if row['qualifier'] != '=' else ''}{row['value']}"
            self._row((row["doc_id"], row["metric"], value, row["unit"], row["kind"], row["period"] or "—",
                       row["source"] or "—"))

    def close(self) -> None:
        pass


class HtmlWriter:
    """One self-contained page: each article with its facts highlighted and their fields on hover."""

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.stream.write(_PAGE_HEAD)

    def write(self, article: Article, facts: list[Fact]) -> None:
        text = article.text
        parts, position = [], 0
        for fact in sorted((f for f in facts if f.evidence), key=lambda f: f.evidence.start):
            start, end = fact.evidence.start, fact.evidence.end
            if start < position or text[start:end] != fact.evidence.text:
                continue
            parts.append(html.escape(text[position:start]))
            row = fact.to_dict()
            title = (f"{row['metric']} | {row['qualifier'] if row['qualifier'] != '=' else ''}{row['value']} "
                     f"{row['unit']} | {row['kind']} | {row['period'] or '—'} | {row['source'] or '—'}")
            parts.append(f'<mark class="{html.escape(fact.kind)}" title="{html.escape(title)}">'
                         f"{html.escape(text[start:end])}</mark>")
            position = end
        parts.append(html.escape(text[position:]))
        self.stream.write(f"<section><h2>{html.escape(article.doc_id)}</h2>"
                          f"<p class='count'>{len(facts)} facts</p><div class='text'>{''.join(parts)}</div></section>\n")

    def close(self) -> None:
        self.stream.write("</main></body></html>\n")


_PAGE_HEAD = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>chiffres: facts</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;line-height:1.7;color:#222}
section{border-top:1px solid #ccc;padding-top:1rem} .text{white-space:pre-wrap} .count{color:#666}
mark{padding:.1em .25em;border-radius:.3em} mark.amount{background:#cde8ff} mark.count{background:#d8f5d0}
mark.share{background:#fde7c2} mark.change{background:#f6d0e8}
.legend mark{margin-right:.5em}
</style></head><body><main>
<h1>chiffres: facts</h1>
<p class="legend"><mark class="amount">amount</mark><mark class="count">count</mark><mark class="share">share</mark><mark class="change">change</mark> hover a figure for its record</p>
"""

WRITERS = {"jsonl": JsonlWriter, "csv": CsvWriter, "table": TableWriter, "html": HtmlWriter}


class OutputError(ValueError):
    """An output path that cannot be written (a usage error, found before anything is read)."""


def check_output(path: Path) -> None:
    """Fail at once when `path` cannot be written: a folder, or a file in a folder that does not exist."""
    if path.is_dir():
        raise OutputError(f"{path}: expected a file to write, found a folder")
    folder = path.absolute().parent
    if not folder.is_dir():
        raise OutputError(f"{path}: expected a file in an existing folder, found no folder {folder}")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{path}: expected a folder that can be written in, found {folder} read-only")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def output(path: Path | None, stdout: IO[str]) -> Iterator[IO[str]]:
    """Standard output, or a file written to a temporary name and renamed only when complete."""
    if path is None:
        yield stdout
        return
    directory = path.resolve().parent
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=directory, prefix=f".{path.name}.",
                                         suffix=".part", delete=False, newline="")
    try:
        # The temporary file is private (0600); the output gets what the umask gives any new file.
        os.chmod(handle.name, 0o666 & ~_umask())
        with handle:
            yield handle
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise

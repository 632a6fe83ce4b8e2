"""Write facts as JSON lines, CSV, a terminal table or an HTML page; atomically to a file."""
from __future__ import annotations

import csv
import html
import io
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

from nlp.io.html_page import head
from nlp.io.readers import Article
from nlp.pipeline.fact import Fact

FORMATS = ("jsonl", "csv", "table", "html")
CSV_COLUMNS = ["doc_id", "metric", "metric_key", "value", "unit", "kind", "period", "period_start", "period_end",
               "source", "qualifier", "status", "evidence_start", "evidence_end", "evidence_text", "sentence", "fields"]
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def record(article: Article, fact: Fact) -> dict:
    """The output record: the fields of evaluation/GUIDELINE.md, the evidence, then the fields carried from the input."""
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
            text = [neutralised(c) for c in (row["doc_id"], row["metric"], row["metric_key"])]
            cells = text + [row["value"], row["unit"], row["kind"], row["period"] or "", row["period_start"] or "",
                            row["period_end"] or "", neutralised(row["source"] or ""), row["qualifier"], row["status"],
                            evidence.get("start", ""), evidence.get("end", ""),
                            neutralised(evidence.get("text", "")), neutralised(evidence.get("sentence", "")),
                            neutralised(json.dumps(article.fields, ensure_ascii=False)) if article.fields else ""]
            self.writer.writerow(cells)

    def close(self) -> None:
        pass


def neutralised(cell: str) -> str:
    """A cell that a spreadsheet would read as a formula, made plain text with a leading quote."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


class TableWriter:
    """A terminal table as wide as the terminal (or $COLUMNS): one fact a row, long text wrapped, the evidence quoted.

    Column widths depend on every row, so the table is printed when the run ends.
    """

    HEADER = ("doc_id", "metric", "value", "unit", "kind", "period", "source", "evidence")

    def __init__(self, stream: IO[str]):
        from rich import box
        from rich.console import Console
        from rich.table import Table

        self.stream = stream
        self.console = Console(file=io.StringIO(), markup=False, highlight=False, emoji=False)
        self.console.width = Console().width  # the terminal's, or $COLUMNS: not that of the buffer
        self.table = Table(*self.HEADER, box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False,
                           collapse_padding=True)
        columns = dict(zip(self.HEADER, self.table.columns))
        for name in ("value", "kind"):
            columns[name].no_wrap = True
        for name in ("doc_id", "unit", "period"):
            columns[name].overflow = "fold"  # ids, units and periods have few spaces to wrap at
        # On a narrow terminal the words get the room, not the short fields.
        columns["metric"].min_width, columns["evidence"].min_width, columns["doc_id"].max_width = 12, 12, 24

    def write(self, article: Article, facts: list[Fact]) -> None:
        from rich.text import Text

        for fact in facts:
            row = fact.to_dict()
            value = f"{row['qualifier'] if row['qualifier'] != '=' else ''}{row['value']}"
            evidence = (row.get("evidence") or {}).get("text", "")
            # Text cells: the article's '[...]' is never read as markup.
            self.table.add_row(*(Text(str(cell)) for cell in (row["doc_id"], row["metric"], value, row["unit"], row["kind"],
                                                              row["period"] or "—", row["source"] or "—", evidence)))

    def close(self) -> None:
        self.console.print(self.table)
        # rich pads every cell to its column: no trailing spaces in a file.
        self.stream.write("".join(line.rstrip() + "\n" for line in self.console.file.getvalue().splitlines()))


class HtmlWriter:
    """One self-contained page: each article with its facts highlighted and numbered, and beside it the table of their fields."""

    COLUMNS = ("metric", "value", "unit", "kind", "period", "source", "evidence")

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.stream.write(_PAGE_HEAD)

    def write(self, article: Article, facts: list[Fact]) -> None:
        text = article.text
        parts, position = [], 0
        numbered = list(enumerate(facts, 1))
        for number, fact in sorted(((n, f) for n, f in numbered if f.evidence), key=lambda item: item[1].evidence.start):
            start, end = fact.evidence.start, fact.evidence.end
            if start < position or text[start:end] != fact.evidence.text:
                continue
            parts.append(html.escape(text[position:start]))
            parts.append(f'<mark class="{html.escape(fact.kind)}" id="{_anchor(article, number)}">'
                         f"{html.escape(text[start:end])}<sup>{number}</sup></mark>")
            position = end
        parts.append(html.escape(text[position:]))
        rows = "".join(self._row(article, number, fact) for number, fact in numbered)
        head = "".join(f"<th>{name}</th>" for name in ("#",) + self.COLUMNS)
        table = (f"<div class='facts'><table class='facts'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
                 if facts else "<p class='count'>no facts</p>")
        self.stream.write(f"<section><h2>{html.escape(article.doc_id)}</h2>"
                          f"<p class='count'>{len(facts)} facts</p><div class='pair'><div class='text'>{''.join(parts)}</div>"
                          f"{table}</div></section>\n")

    def _row(self, article: Article, number: int, fact: Fact) -> str:
        row = fact.to_dict()
        value = f"{row['qualifier'] if row['qualifier'] != '=' else ''}{row['value']}"
        evidence = (row.get("evidence") or {}).get("text", "")
        cells = (row["metric"], value, row["unit"], row["kind"], row["period"] or "—", row["source"] or "—", evidence)
        return (f"<tr><td><a href='#{_anchor(article, number)}'>{number}</a></td>"
                + "".join(f"<td>{html.escape(str(cell))}</td>" for cell in cells) + "</tr>")

    def close(self) -> None:
        self.stream.write("</main></body></html>\n")


def _anchor(article: Article, number: int) -> str:
    return html.escape(f"{article.doc_id}-{number}".replace(" ", "_"), quote=True)


_CSS = """
body{font-family:system-ui,sans-serif;max-width:110rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#222}
section{border-top:1px solid #ccc;padding-top:1rem} .text{white-space:pre-wrap} .count{color:#666}
.pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.2fr);gap:1.5rem;align-items:start}
@media (max-width:60rem){.pair{grid-template-columns:minmax(0,1fr)}}
div.facts{overflow-x:auto} table.facts{border-collapse:collapse;font-size:.85rem;line-height:1.3}
table.facts th,table.facts td{border:1px solid #ccc;padding:.2rem .4rem;text-align:left;vertical-align:top}
table.facts th{background:#f2f2f2} table.facts td:nth-child(3),table.facts td:nth-child(6){white-space:nowrap} sup{font-size:.7em;color:#555;margin-left:.1em}
mark{padding:.1em .25em;border-radius:.3em} mark.amount{background:#cde8ff} mark.count{background:#d8f5d0}
mark.share{background:#fde7c2} mark.change{background:#f6d0e8}
.legend mark{margin-right:.5em}
"""
_PAGE_HEAD = head("chiffres: facts", _CSS) + """<main>
<h1>chiffres: facts</h1>
<p class="legend"><mark class="amount">amount</mark><mark class="count">count</mark><mark class="share">share</mark><mark class="change">change</mark> each figure's number is its row in the table beside the article</p>
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

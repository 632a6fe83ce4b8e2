"""Read articles from files, folders, globs and standard input: text, id, date and carried fields."""
from __future__ import annotations

import glob
import io
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator

from nlp.periods import publication_date

SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
DEFAULT_MAX_CHARS = 10_000_000  # longer articles are read in pieces; past this, it is not an article
_SNIFF = 8192


class InputError(ValueError):
    """An input that names nothing readable (a usage error, not a bad article)."""


@dataclass(frozen=True)
class Article:
    doc_id: str
    text: str
    date: date | None = None
    fields: dict = field(default_factory=dict, compare=False)  # carried to the output: title, url, …

    def __post_init__(self):
        object.__setattr__(self, "date", publication_date(self.date))
        # A lone surrogate ('\ud800' escaped in JSON) cannot be written out: U+FFFD, one for one.
        if _SURROGATE.search(self.text):
            object.__setattr__(self, "text", _SURROGATE.sub("\ufffd", self.text))


_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Skipped:
    """An article that could not be read, and why: one line for standard error."""

    path: str
    reason: str
    line: int | None = None
    kind: str = "unreadable"  # a short label for the run's summary

    def message(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


def expand(specs: list[str]) -> list[str]:
    """Files, folders (recursively) and globs, in the order given; '-' is standard input."""
    found: list[str] = []
    for spec in specs:
        path = Path(spec)
        if spec == "-":
            found.append(spec)
        elif path.is_dir():
            found.extend(str(p) for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            found.append(spec)
        elif glob.has_magic(spec):
            matches = sorted(p for p in glob.glob(spec, recursive=True) if Path(p).is_file())
            if not matches:
                raise InputError(f"{spec}: expected files matching the pattern, found none")
            found.extend(matches)
        else:
            raise InputError(f"{spec}: expected a file, a folder, a glob or '-', found nothing there")
    return found


def read_articles(specs: list[str], *, reference: date | None = None,
                  max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article | Skipped]:
    """Each article in input order; an unreadable one is a Skipped, never an exception.

    reference: the publication date of plain-text and HTML inputs (a JSONL `date` wins for its line).
    """
    for spec in expand(specs):
        if spec == "-":
            yield from _read_stream(sys.stdin.buffer, "<stdin>", "stdin", reference, max_chars)
            continue
        path = Path(spec)
        if path.suffix.lower() == ".jsonl":
            yield from _read_jsonl(path, reference, max_chars)
            continue
        try:
            raw = path.read_bytes()
        except OSError as error:
            yield Skipped(spec, f"expected a readable file, got {error.strerror}", kind="unreadable")
            continue
        text = decode(raw)
        if isinstance(text, Skipped):
            yield Skipped(spec, text.reason, kind=text.kind)
            continue
        if path.suffix.lower() in (".html", ".htm"):
            text = _page_text(text)
            if isinstance(text, Skipped):
                yield Skipped(spec, text.reason, kind=text.kind)
                continue
            if text is None:
                yield Skipped(spec, "expected article text in the HTML page, found none", kind="no text")
                continue
        yield _checked(Article(path.stem, text, reference), spec, None, max_chars)


def _read_stream(stream, name: str, doc_id: str, reference, max_chars) -> Iterator[Article | Skipped]:
    """Standard input: JSON lines when it starts with '{', else one plain-text article."""
    raw = stream.read()
    text = decode(raw)
    if isinstance(text, Skipped):
        yield Skipped(name, text.reason, kind=text.kind)
        return
    if text.lstrip().startswith("{"):
        yield from jsonl_lines(io.StringIO(text), name, doc_id, reference, max_chars)
    else:
        yield _checked(Article(doc_id, text, reference), name, None, max_chars)


def _read_jsonl(path: Path, reference, max_chars) -> Iterator[Article | Skipped]:
    try:
        handle = path.open("rb")
    except OSError as error:
        yield Skipped(str(path), f"expected a readable file, got {error.strerror}", kind="unreadable")
        return
    with handle:
        lines = (decode_line(line) for line in handle)
        yield from jsonl_lines(lines, str(path), path.stem, reference, max_chars)


def decode_line(line: bytes) -> str | None:
    """A JSONL line as text, None when it is not UTF-8."""
    try:
        return line.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def jsonl_lines(lines, name: str, stem: str, reference, max_chars, first: int = 1) -> Iterator[Article | Skipped]:
    """The articles of JSONL lines (None for an undecodable one), numbered from `first` for the messages."""
    for number, line in enumerate(lines, first):
        if line is None:
            yield Skipped(name, "expected UTF-8 JSON, got undecodable bytes", number, kind="undecodable")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Skipped(name, f"expected a JSON object, got invalid JSON ({error.msg})", number, kind="not JSON")
            continue
        if not isinstance(record, dict):
            yield Skipped(name, f"expected a JSON object, got {type(record).__name__}", number, kind="not JSON")
            continue
        yield _article_of_record(record, name, stem, number, reference, max_chars)


def _article_of_record(record: dict, name: str, stem: str, number: int, reference, max_chars) -> Article | Skipped:
    text = record.get("text")
    if text is None and isinstance(record.get("html"), str):
        text = _page_text(record["html"])
        if isinstance(text, Skipped):
            return Skipped(name, text.reason, number, kind=text.kind)
        if text is None:
            return Skipped(name, "expected article text in field 'html', found none", number, kind="no text")
    if not isinstance(text, str):
        return Skipped(name, f"expected a string field 'text' (or 'html'), got {_shown(text)}", number, kind="no text")
    published = reference
    if record.get("date") is not None:
        try:
            published = date.fromisoformat(str(record["date"])[:10])
        except ValueError:
            return Skipped(name, f"expected field 'date' as YYYY-MM-DD, got {_shown(record['date'])}", number, kind="bad date")
    doc_id = str(record.get("id") or f"{stem}:{number}")
    carried = {k: v for k, v in record.items() if k not in ("id", "text", "html", "date")}
    return _checked(Article(doc_id, text, published, carried), name, number, max_chars)


def _checked(article: Article, name: str, number: int | None, max_chars: int) -> Article | Skipped:
    if not article.text.strip():
        return Skipped(name, "expected an article, got an empty text", number, kind="empty")
    if len(article.text) > max_chars:
        return Skipped(name, f"expected at most {max_chars} characters (--max-chars), got {len(article.text)}", number, kind="too long")
    return article


# French news outside UTF-8 comes in the Western legacy encodings.
_LEGACY = ["cp1252", "iso8859_15", "latin_1", "mac_roman"]


def decode(raw: bytes) -> str | Skipped:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else the Western encoding charset-normalizer finds likeliest."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16", errors="replace")
    elif b"\x00" in raw[:_SNIFF]:
        return Skipped("", "expected text, got a binary file", kind="binary")
    else:
        from charset_normalizer import from_bytes  # only legacy encodings need it

        best = from_bytes(raw, cp_isolation=_LEGACY).best()
        text = str(best) if best is not None else None
    if text is None or not _plausible(text):
        return Skipped("", "expected text in UTF-8 or a Western encoding, got undecodable bytes", kind="undecodable")
    return text


def _plausible(text: str) -> bool:
    """Mostly Latin letters, digits, spaces and punctuation, as a decoded French article is."""
    sample = text[:_SNIFF]
    usual = sum(1 for char in sample if char.isspace() or ord(char) < 0x250 or "\u2018" <= char <= "\u20ac")
    return usual >= 0.95 * len(sample)


def html_text(html: str) -> str | None:
    """The main text of an HTML page (trafilatura), never fetching anything."""
    import trafilatura  # slow to import; only HTML inputs need it

    return trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)


def _page_text(html: str) -> str | Skipped | None:
    """`html_text`, or a Skipped when the page (or the HTML library itself) fails: one page never stops a run."""
    try:
        return html_text(html)
    except Exception as error:  # an ImportError of a half-installed lxml as much as a parse error
        first = str(error).strip().splitlines()[0] if str(error).strip() else ""
        return Skipped("", f"expected an HTML page that can be read, got {type(error).__name__}: {first}", kind="unreadable HTML")


def _shown(value) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."

"""Read articles from files, folders, globs and standard input: text, id, date and carried fields."""
from __future__ import annotations

import glob
import io
import json
import math
import os
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterator

from nlp.parsing.periods import publication_date

SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
DEFAULT_MAX_CHARS = 10_000_000  # longer articles are read in pieces; past this, it is not an article
_SNIFF = 8192
# Carried fields nested deeper than this are refused: writing them out would exhaust Python's stack.
MAX_DEPTH = 100


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
        object.__setattr__(self, "text", _readable(self.text))
        object.__setattr__(self, "doc_id", _readable(self.doc_id))
        if self.fields:
            object.__setattr__(self, "fields", _writable(self.fields))


# A lone surrogate ('\ud800' escaped in JSON) cannot be written out: U+FFFD, one for one.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Control characters (all but tab and line breaks) would end up in the records and the CSV: a space, one for one.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _readable(text: str) -> str:
    return _CONTROL.sub(" ", _SURROGATE.sub("\ufffd", text))


def _writable(value):
    """A carried field with its lone surrogates replaced, so that it can be written as UTF-8."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {_writable(k): _writable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_writable(v) for v in value]
    return value


def shown_path(path: str) -> str:
    """A file name as one line of UTF-8 text, odd bytes and control characters written as \\xNN.

    'caf\\xe9.txt' is café.txt named in Latin-1; a new line in a name would split a message in two.
    """
    try:
        text = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that no file name decoding produced
        text = _SURROGATE.sub("\ufffd", path)
    return _ANY_CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


_ANY_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Skipped:
    """An article that could not be read, and why: one line for standard error."""

    path: str
    reason: str
    line: int | None = None
    kind: str = "unreadable"  # a short label for the run's summary

    def message(self) -> str:
        path = shown_path(self.path)
        where = f"{path}:{self.line}" if self.line is not None else path
        return f"{where}: {self.reason}"


def expand(specs: list[str]) -> list[str | Skipped]:
    """Files, folders (recursively) and globs, in the order given; '-' is standard input.

    A folder that cannot be listed is a Skipped in its place.
    """
    found: list[str | Skipped] = []
    for spec in specs:
        path = Path(spec)
        if spec == "-":
            found.append(spec)
        elif path.is_dir():
            found.extend(_files_under(path))
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


def _files_under(folder: Path) -> list[str | Skipped]:
    """The input files of a folder and its subfolders, sorted; a Skipped for each one that cannot be listed."""
    entries: list[tuple[Path, str | Skipped]] = []

    def unreadable(error: OSError) -> None:
        where = Path(error.filename or folder)
        entries.append((where, Skipped(str(where), f"expected a readable folder, got {error.strerror}", kind="unreadable")))

    for root, _, names in os.walk(folder, onerror=unreadable):
        for name in names:
            path = Path(root) / name
            if path.suffix.lower() in SUFFIXES and path.is_file():
                entries.append((path, str(path)))
    return [item for _, item in sorted(entries, key=lambda entry: entry[0])]


def read_articles(specs: list[str], *, reference: date | None = None,
                  max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Article | Skipped]:
    """Each article in input order; an unreadable one is a Skipped, never an exception.

    reference: the publication date of plain-text and HTML inputs (a JSONL `date` wins for its line).
    """
    for spec in expand(specs):
        if isinstance(spec, Skipped):
            yield spec
            continue
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
        yield _checked(Article(shown_path(path.stem), text, reference), spec, None, max_chars)


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
            record = json.loads(line, parse_int=_int, parse_float=_finite, parse_constant=_constant)
        except json.JSONDecodeError as error:
            yield Skipped(name, f"expected a JSON object, got invalid JSON ({error.msg})", number, kind="not JSON")
            continue
        except _Unwritable as error:
            yield Skipped(name, f"expected a JSON object, got {error}", number, kind="not JSON")
            continue
        except RecursionError:
            yield Skipped(name, f"expected JSON nested at most {MAX_DEPTH} deep, got deeper", number, kind="not JSON")
            continue
        if not isinstance(record, dict):
            yield Skipped(name, f"expected a JSON object, got {type(record).__name__}", number, kind="not JSON")
            continue
        if _deeper_than(record, MAX_DEPTH):
            yield Skipped(name, f"expected JSON nested at most {MAX_DEPTH} deep, got deeper", number, kind="not JSON")
            continue
        yield _article_of_record(record, name, stem, number, reference, max_chars)


class _Unwritable(ValueError):
    """A JSON value Python reads but cannot write back as strict JSON."""


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:  # past sys.get_int_max_str_digits()
        raise _Unwritable(f"a number of {len(text.lstrip('-'))} digits, more than Python reads") from None


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Unwritable(f"a number out of range ({text[:20]})")
    return value


def _constant(name: str):
    raise _Unwritable(f"{name}, which is not JSON")


def _deeper_than(value, limit: int) -> bool:
    """Whether lists and objects nest deeper than `limit` (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        for child in children:
            if isinstance(child, (dict, list)):
                if depth + 1 > limit:
                    return True
                stack.append((child, depth + 1))
    return False


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
    """UTF-8 (with or without BOM), UTF-16 (BOM or zero bytes), else the likeliest Western encoding.

    Without a BOM, UTF-16 is known by its zero bytes; the Western encoding is charset-normalizer's guess.
    """
    wide = _utf16_without_bom(raw)
    if wide is not None:
        return wide if _plausible(wide) else Skipped("", "expected text in UTF-8 or a Western encoding, got undecodable bytes", kind="undecodable")
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


def _utf16_without_bom(raw: bytes) -> str | None:
    """UTF-16 without a BOM: Latin text puts a zero in almost every other byte (the high byte of each character)."""
    sample = raw[:_SNIFF]
    if len(sample) < 4 or len(raw) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, quiet, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.7 * len(zeros) and quiet.count(0) <= 0.05 * len(quiet):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


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

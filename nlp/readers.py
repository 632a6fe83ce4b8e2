"""Read articles from files and folders: text, id and date."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterator


@dataclass(frozen=True)
class Article:
    doc_id: str
    text: str
    date: date | None = None


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, and why: one line for standard error."""

    path: str
    reason: str

    def message(self) -> str:
        return f"{self.path}: {self.reason}"


def article_files(paths: list[Path]) -> list[Path]:
    """The .txt files named or found under the folders named, sorted within each folder."""
    files = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
        else:
            files.append(path)
    return files


def read_articles(paths: list[Path], *, reference: date | None = None) -> Iterator[Article | Skipped]:
    """Each article in input order; an unreadable one is a Skipped, never an exception."""
    for path in article_files(paths):
        try:
            raw = path.read_bytes()
        except OSError as error:
            yield Skipped(str(path), f"expected a readable file, got {error.strerror}")
            continue
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            yield Skipped(str(path), f"expected UTF-8 text, got byte {raw[error.start]:#04x} at offset {error.start}")
            continue
        if not text.strip():
            yield Skipped(str(path), "expected an article, got an empty file")
            continue
        yield Article(path.stem, text, reference)

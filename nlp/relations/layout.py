"""The layout of an article's text: its lines, list items and paragraphs."""
from __future__ import annotations

from spacy.tokens import Doc

BULLETS = ("-", "–", "•", "*", "·")


def _ends_a_line(token) -> bool:
    return "\n" in token.text or "\n" in token.whitespace_


def line_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """The tokens [start, end) of the line that holds token i."""
    start = i
    while start > 0 and not _ends_a_line(doc[start - 1]):
        start -= 1
    end = i
    while end < len(doc) and not _ends_a_line(doc[end]):
        end += 1
    return start, min(end + 1, len(doc))


def in_list_item(doc: Doc, i: int) -> bool:
    """Whether token i is on a line that opens with a bullet ('- Effectif au 30 juin : 9 870')."""
    start = i
    while start > 0 and not _ends_a_line(doc[start - 1]):
        start -= 1
    return doc[start].text in BULLETS


def paragraphs(doc: Doc) -> list[int]:
    """The number of the paragraph (a block of text between blank lines) of each token."""
    numbers, paragraph = [], 0
    for token in doc:
        numbers.append(paragraph)
        if "\n\n" in token.text + token.whitespace_ or (token.text.endswith("\n") and token.whitespace_.startswith("\n")):
            paragraph += 1
    return numbers

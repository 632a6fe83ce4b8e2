"""'respectivement': figures paired, in order, with the items listed before them."""
from __future__ import annotations

from spacy.tokens import Span, Token

_FIGURES = ("MONEY", "PERCENT", "QUANTITY")


_CUES = {"respectivement", "respective", "respectives", "respectif", "respectifs"}


def respectively(sentence: Span, figures: list[Span]) -> list[Span]:
    """The figures that 'respectivement' (or 'en hausse respective de') distributes: those after it, or none."""
    cue = [t for t in sentence if t.lower_ in _CUES]
    after = [f for f in figures if cue and f.start > cue[0].i]
    return after if len(after) >= 2 else []


def distributed(sentence: Span, figures: list[Span]) -> list[Token] | None:
    """The listed items the figures after 'respectivement' go with, or None when nothing is distributed."""
    after = respectively(sentence, figures)
    if not after:
        return None
    # Only 'respectivement' pairs figures with listed nouns; 'en hausse respective de 35 % et 41 %'
    # pairs them with the figures before it.
    cue = [t for t in sentence if t.lower_ == "respectivement"]
    if not cue:
        return None
    doc = sentence.doc
    previous = doc[sentence.start - 1].sent if sentence.start > 0 else None
    for scope in (doc[sentence.start : cue[0].i], previous):
        if scope is None:
            continue
        for token in scope:
            items = [token] + [c for c in token.children if c.dep_ == "conj" and c.pos_ == token.pos_]
            if token.pos_ in ("NOUN", "PROPN") and len(items) == len(after) and token.dep_ != "conj":
                return items
    return None


def item_phrase(item: Token) -> str:
    """The item as written, with its preposition but without the items coordinated to it."""
    doc = item.doc
    stop = [c.i for c in item.children if c.dep_ in ("conj", "cc") or (c.dep_ == "punct" and c.i > item.i)]
    end = min(stop) if stop else item.right_edge.i + 1
    start = item.left_edge.i
    tokens = [t for t in doc[start:end] if t.dep_ != "det" or t.i != start or t.head.i != item.i]
    text = " ".join(t.text for t in tokens if t.text not in ("«", "»", '"'))
    return text.lower().replace("' ", "'").strip(" ,")


def distribute(base: str, items: list[Token], index: int) -> str:
    """The metric of one item: 'exportations' + 'du textile-habillement', 'montant des opérations' + 'des grands facturiers'."""
    phrase = item_phrase(items[index])
    first = item_phrase(items[0])
    if first and first in base:
        # The list is inside the metric: keep what comes before it, then this item alone.
        return f"{base[: base.index(first)].strip()} {phrase}"
    return f"{base} de {phrase}"

"""Extract facts from a stream of articles, in input order, in one process or several."""
from __future__ import annotations

import multiprocessing
import signal
from dataclasses import replace
from collections import deque
from itertools import islice
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from nlp.io.readers import Article, Skipped
from nlp.pipeline.fact import Fact
from nlp.pipeline.loader import shared_pipeline

Item = Article | Skipped

# Articles per `nlp.pipe` batch. The models' working memory grows with the batch: on news articles,
# 16 keeps one process near 630 MB at the same speed as 32, which needs about 790 MB.
BATCH_SIZE = 16


def extract_batch(articles: list[Article], *, batch_size: int = BATCH_SIZE) -> list[list[Fact]]:
    """The facts of each article of a batch, through `nlp.pipe` on this process's pipeline.

    A long article is read in pieces (see `pieces`); its facts keep offsets into the whole text,
    and a figure repeated in two pieces is one fact, as it is within one piece.
    """
    from nlp.relations.component import deduplicated

    nlp = shared_pipeline()
    parts = [(owner, offset, piece) for owner, article in enumerate(articles)
             for offset, piece in pieces(article, PIECE_CHARS)]
    facts: list[list[Fact]] = [[] for _ in articles]
    for group in _within(parts, batch_size, BATCH_CHARS):
        docs = nlp.pipe(prepared_docs(nlp, (piece for _, _, piece in group)), batch_size=len(group))
        for doc, (owner, offset, piece) in zip(docs, group):
            facts[owner].extend(_shifted(fact, offset) for fact in doc._.facts)
    return [deduplicated(found) for found in facts]


# The parser's working memory grows with the characters of a batch, not its articles: a batch
# holds at most this many (or one piece), so a long article costs about what one piece costs.
BATCH_CHARS = 100_000


def _within(parts: list, count: int, chars: int) -> Iterator[list]:
    """Consecutive groups of at most `count` parts and `chars` characters (a longer part alone)."""
    group, size = [], 0
    for part in parts:
        length = len(part[2].text)
        if group and (len(group) == count or size + length > chars):
            yield group
            group, size = [], 0
        group.append(part)
        size += length
    if group:
        yield group


# The parser needs about 1 GB of working memory per 100,000 characters: longer articles are read
# in pieces cut at a paragraph, else a line, else a sentence boundary.
PIECE_CHARS = 100_000
_BOUNDARIES = ("\n\n", "\n", ". ", " ")


def pieces(article: Article, size: int = PIECE_CHARS) -> list[tuple[int, Article]]:
    """(offset, piece) of an article, each piece at most `size` characters; one piece for a usual article."""
    text = article.text
    if len(text) <= size:
        return [(0, article)]
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            for boundary in _BOUNDARIES:
                cut = text.rfind(boundary, start + size // 2, end)
                if cut != -1:
                    end = cut + len(boundary)
                    break
        out.append((start, Article(article.doc_id, text[start:end], article.date, article.fields)))
        start = end
    return out


def _shifted(fact: Fact, offset: int) -> Fact:
    if not offset or fact.evidence is None:
        return fact
    evidence = fact.evidence
    return replace(fact, evidence=replace(evidence, start=evidence.start + offset, end=evidence.end + offset,
                                          sentence_start=evidence.sentence_start + offset))


def extract_stream(items: Iterable[Item], *, n_process: int = 1, batch_size: int = BATCH_SIZE) -> Iterator[tuple[Item, list[Fact]]]:
    """Each input with its facts (none for a skipped one), in input order; memory stays bounded."""
    batches = _batches(iter(items), batch_size)
    if n_process <= 1:
        for batch in batches:
            yield from _joined(*_guarded(batch, batch_size))
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        shared_pipeline()  # loaded once here, the forked workers share it instead of loading their own
    with multiprocessing.get_context(method).Pool(n_process, initializer=_worker_signals) as pool:
        pending: deque = deque()
        for batch in batches:
            pending.append(pool.apply_async(_guarded, (batch, batch_size)))
            # A few batches in flight per worker: enough to keep them busy, never the whole corpus.
            while len(pending) > 2 * n_process:
                yield from _joined(*pending.popleft().get())
        while pending:
            yield from _joined(*pending.popleft().get())


def _worker_signals() -> None:
    """Ctrl-C reaches every process of the terminal: only the parent handles it, and ends the workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler, inherited through fork, is the parent's


def _guarded(batch: list[Item], batch_size: int) -> tuple[list[Item], list[list[Fact]]]:
    """The batch's facts; if the batch fails, article by article, a failing one becoming a Skipped."""
    articles = [i for i in batch if isinstance(i, Article)]
    if articles:
        shared_pipeline()  # a pipeline that cannot load is chiffres' failure, not one of an article: not guarded
    try:
        return batch, extract_batch(articles, batch_size=batch_size)
    except Exception:  # one bad article never stops the others: find it below
        pass
    items, facts = [], []
    for item in batch:
        if isinstance(item, Article):
            try:
                facts.append(extract_batch([item], batch_size=1)[0])
            except Exception as error:
                item = Skipped(item.doc_id, f"expected an article chiffres can read, got {type(error).__name__}: {error}",
                               kind="failed")
        items.append(item)
    return items, facts


def _batches(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while True:
        batch = list(islice(items, size))
        if not batch:
            return
        yield batch


def prepared_docs(nlp: Language, articles: Iterable[Article]) -> Iterator[Doc]:
    """Docs of the articles, with their id and date set."""
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.doc_id = article.doc_id
        doc._.date = article.date
        yield doc


def _joined(batch: list[Item], facts: list[list[Fact]]) -> Iterator[tuple[Item, list[Fact]]]:
    found = iter(facts)
    for item in batch:
        yield item, (next(found) if isinstance(item, Article) else [])

"""Extract facts from a stream of articles, in input order, in one process or several."""
from __future__ import annotations

import multiprocessing
from collections import deque
from itertools import islice
from typing import Iterable, Iterator

from nlp.fact import Fact
from nlp.readers import Article, Skipped

Item = Article | Skipped


def extract_batch(articles: list[Article], *, batch_size: int = 16) -> list[list[Fact]]:
    """The facts of each article of a batch, through `nlp.pipe` on this process's pipeline."""
    from nlp.api import facts_of_doc, prepared_docs, shared_pipeline

    nlp = shared_pipeline()
    docs = nlp.pipe(prepared_docs(nlp, articles), batch_size=batch_size)
    return [facts_of_doc(doc, article) for doc, article in zip(docs, articles)]


def extract_stream(items: Iterable[Item], *, n_process: int = 1, batch_size: int = 16) -> Iterator[tuple[Item, list[Fact]]]:
    """Each input with its facts (none for a skipped one), in input order; memory stays bounded."""
    batches = _batches(iter(items), batch_size)
    if n_process <= 1:
        for batch in batches:
            yield from _joined(batch, extract_batch([i for i in batch if isinstance(i, Article)], batch_size=batch_size))
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with context.Pool(n_process) as pool:
        pending: deque = deque()
        for batch in batches:
            articles = [i for i in batch if isinstance(i, Article)]
            pending.append((batch, pool.apply_async(extract_batch, (articles,), {"batch_size": batch_size})))
            # A few batches in flight per worker: enough to keep them busy, never the whole corpus.
            while len(pending) > 2 * n_process:
                done, result = pending.popleft()
                yield from _joined(done, result.get())
        while pending:
            done, result = pending.popleft()
            yield from _joined(done, result.get())


def _batches(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while True:
        batch = list(islice(items, size))
        if not batch:
            return
        yield batch


def _joined(batch: list[Item], facts: list[list[Fact]]) -> Iterator[tuple[Item, list[Fact]]]:
    found = iter(facts)
    for item in batch:
        yield item, (next(found) if isinstance(item, Article) else [])

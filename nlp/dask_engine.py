"""The same extraction on a Dask cluster: input read in partitions, one JSONL part per partition, a manifest.

Each worker process loads the pipeline once (on its first partition) and keeps it. The parts, read
in order, hold the same records, in the same order, as a local `chiffres extract` of the same input.
"""
from __future__ import annotations

import json
from pathlib import Path

from nlp.readers import DEFAULT_MAX_CHARS, Article, decode_line, expand, jsonl_lines, read_articles
from nlp.streaming import BATCH_SIZE

PART_SIZE = 64  # articles per partition of a folder of files


class DaskMissing(RuntimeError):
    """Dask is an optional extra."""


def _dask():
    try:
        import dask.bag as bag
        from dask import delayed
    except ImportError:
        raise DaskMissing("the Dask engine needs the dask extra: pip install 'chiffres[dask]'") from None
    return bag, delayed


def extract_records(items: list, *, batch_size: int = BATCH_SIZE) -> list[dict]:
    """The output records of one partition's articles (Article objects or JSONL dicts), in order."""
    from nlp.streaming import extract_stream
    from nlp.writers import record

    articles = [item if isinstance(item, Article) else _article(item) for item in items]
    return [record(article, fact)
            for article, facts in extract_stream(articles, batch_size=batch_size) if isinstance(article, Article)
            for fact in facts]


def _article(fields: dict) -> Article:
    from datetime import date

    published = date.fromisoformat(str(fields["date"])[:10]) if fields.get("date") else None
    carried = {k: v for k, v in fields.items() if k not in ("id", "text", "html", "date")}
    return Article(str(fields.get("id", "")), fields["text"], published, carried)


def extract_bag(articles):
    """Map a Dask bag of articles (dicts with id, text, optional date and fields) to a bag of fact records."""
    return articles.map_partitions(extract_records)


def _read_partition(paths: list[str], max_chars: int) -> tuple[list[Article], list[str]]:
    """Articles of some input files, read on a worker; unreadable ones become one-line messages."""
    articles, skipped = [], []
    for item in read_articles(paths, max_chars=max_chars):
        (articles.append(item) if isinstance(item, Article) else skipped.append(item.message()))
    return articles, skipped


def _write_part(articles_and_skipped, path: str, batch_size: int) -> dict:
    articles, skipped = articles_and_skipped
    records = extract_records(articles, batch_size=batch_size)
    with open(path, "w", encoding="utf-8") as handle:
        for row in records:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return {"part": Path(path).name, "articles": len(articles), "facts": len(records), "skipped": skipped}


def run_dask(inputs: list[str], out_dir: Path, *, scheduler: str | None = None, batch_size: int = BATCH_SIZE,
             max_chars: int = DEFAULT_MAX_CHARS, part_size: int = PART_SIZE) -> dict:
    """Extract the inputs on a Dask cluster (a local one without `scheduler`); returns the manifest."""
    _, delayed = _dask()
    from distributed import Client, LocalCluster

    files = expand(inputs)
    # A JSONL file is split by lines into partitions; other files are grouped part_size at a time.
    groups: list[list[str]] = []
    loose = [f for f in files if not f.endswith(".jsonl")]
    for start in range(0, len(loose), part_size):
        groups.append(loose[start : start + part_size])
    out_dir.mkdir(parents=True, exist_ok=True)
    cluster = None if scheduler else LocalCluster(n_workers=2, threads_per_worker=1, processes=True)
    with Client(scheduler or cluster) as client:
        tasks = []
        for jsonl in (f for f in files if f.endswith(".jsonl")):
            for chunk in _jsonl_chunks(Path(jsonl), part_size):
                tasks.append(delayed(_read_jsonl_chunk)(jsonl, chunk, max_chars))
        tasks += [delayed(_read_partition)(group, max_chars) for group in groups]
        writes = [delayed(_write_part)(task, str(out_dir / f"part-{i:05d}.jsonl"), batch_size)
                  for i, task in enumerate(tasks)]
        parts = client.compute(writes, sync=True)
    if cluster is not None:
        cluster.close()
    manifest = {"inputs": inputs, "parts": parts,
                "articles": sum(p["articles"] for p in parts), "facts": sum(p["facts"] for p in parts),
                "skipped": sum(len(p["skipped"]) for p in parts)}
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def _jsonl_chunks(path: Path, size: int) -> list[tuple[int, int]]:
    """(first line, line count) of each partition of a JSONL file, counted without parsing it."""
    with path.open("rb") as handle:
        total = sum(1 for _ in handle)
    return [(start, min(size, total - start)) for start in range(0, total, size)]


def _read_jsonl_chunk(path: str, chunk: tuple[int, int], max_chars: int) -> tuple[list[Article], list[str]]:
    """The articles of some lines of a JSONL file, judged exactly as a local run judges them."""
    import itertools

    first, count = chunk
    with open(path, "rb") as handle:
        lines = [decode_line(line) for line in itertools.islice(handle, first, first + count)]
    articles, skipped = [], []
    for item in jsonl_lines(lines, path, Path(path).stem, None, max_chars, first=first + 1):
        (articles.append(item) if isinstance(item, Article) else skipped.append(item.message()))
    return articles, skipped

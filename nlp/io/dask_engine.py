"""The same extraction on a Dask cluster: input read in partitions, one JSONL part per partition, a manifest.

Each worker process loads the pipeline once (on its first partition) and keeps it. The parts, read
in order, hold the same records, in the same order, as a local `chiffres extract` of the same input.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from pathlib import Path

from nlp.io.readers import (DEFAULT_MAX_CHARS, Article, InputError, Skipped, decode_line, expand, jsonl_lines,
                         read_articles, shown_path)
from nlp.io.streaming import BATCH_SIZE

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
    from nlp.io.streaming import extract_stream
    from nlp.io.writers import record

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
    """Extract the inputs on a Dask cluster (a local one without `scheduler`); returns the manifest.

    The workers get absolute paths (their working folder is not the client's). The parts are
    written into a new folder beside `out_dir`, which replaces it only once the run is complete:
    `out_dir` holds exactly one run's output.
    """
    _, delayed = _dask()
    from distributed import Client, LocalCluster

    if "-" in inputs:
        raise InputError("-: expected files the Dask workers can read, got standard input")
    inputs = [os.path.abspath(spec) for spec in inputs]
    out_dir = Path(os.path.abspath(out_dir))
    _check_replaceable(out_dir)
    partitions = _partitions(expand(inputs), part_size)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.", suffix=".part"))
    cluster = None if scheduler else LocalCluster(n_workers=2, threads_per_worker=1, processes=True)
    try:
        with Client(scheduler or cluster) as client:
            _check_visible(client, [p[1] for p in partitions if p[0] == "jsonl"]
                           + [f for p in partitions if p[0] == "files" for f in p[1]] + [str(staging)])
            tasks = [delayed(_read_jsonl_chunk)(p[1], p[2], max_chars) if p[0] == "jsonl"
                     else delayed(_read_partition)(p[1], max_chars) if p[0] == "files"
                     else ([], [p[1]]) for p in partitions]
            writes = [delayed(_write_part)(task, str(staging / f"part-{i:05d}.jsonl"), batch_size)
                      for i, task in enumerate(tasks)]
            parts = list(client.compute(writes, sync=True))
        manifest = {"inputs": inputs, "parts": parts,
                    "articles": sum(p["articles"] for p in parts), "facts": sum(p["facts"] for p in parts),
                    "skipped": sum(len(p["skipped"]) for p in parts)}
        (staging / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        _replace(out_dir, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if cluster is not None:
            cluster.close()
    return manifest


_OWN_FILE = re.compile(r"part-\d{5}\.jsonl|manifest\.json")


def _check_replaceable(out_dir: Path) -> None:
    """`out_dir` is missing, empty or a previous run's output: anything else is not ours to replace."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: expected a folder for the JSONL parts, found a file")
    others = sorted(p.name for p in out_dir.iterdir() if not _OWN_FILE.fullmatch(p.name)) if out_dir.exists() else []
    if others:
        raise InputError(f"{out_dir}: expected an empty folder or a previous run's parts and manifest, "
                         f"found {', '.join(others[:3])}{' …' if len(others) > 3 else ''}")


def _replace(out_dir: Path, staging: Path) -> None:
    """Put the complete new output in place of the old one, then remove the old one."""
    if not out_dir.exists():
        os.replace(staging, out_dir)
        return
    old = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}.", suffix=".old"))
    os.replace(out_dir, old / out_dir.name)
    os.replace(staging, out_dir)
    shutil.rmtree(old)


def _partitions(files: list, part_size: int) -> list[tuple]:
    """The partitions of the inputs, in input order.

    ('jsonl', path, (first line, count)), ('files', paths) of at most `part_size` consecutive files,
    or ('skipped', message) for an input that cannot be listed or opened.
    """
    partitions, loose = [], []

    def close_loose():
        if loose:
            partitions.append(("files", loose[:]))
            loose.clear()

    for item in files:
        if isinstance(item, Skipped) or Path(item).suffix.lower() == ".jsonl":
            close_loose()
            if isinstance(item, Skipped):
                partitions.append(("skipped", item.message()))
                continue
            try:
                partitions += [("jsonl", item, chunk) for chunk in _jsonl_chunks(Path(item), part_size)]
            except OSError as error:
                partitions.append(("skipped", Skipped(item, f"expected a readable file, got {error.strerror}").message()))
        else:
            loose.append(item)
            if len(loose) == part_size:
                close_loose()
    close_loose()
    return partitions


def _unseen(paths: list[str]) -> list[str]:
    return [path for path in paths if not os.path.exists(path)]


def _check_visible(client, paths: list[str]) -> None:
    """Every worker sees the inputs and the output folder, as a shared file system shows them."""
    for worker, missing in sorted(client.run(_unseen, paths).items()):
        if missing:
            raise InputError(f"{shown_path(missing[0])}: expected a path the Dask workers can read (a shared file system), "
                             f"found nothing there on worker {worker}" + (f" ({len(missing)} paths)" if len(missing) > 1 else ""))


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

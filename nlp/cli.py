"""The `chiffres` command line: thin wrappers over the library."""
from __future__ import annotations

import signal
import sys
import traceback
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

from nlp.io.readers import DEFAULT_MAX_CHARS
from nlp.io.streaming import BATCH_SIZE
from nlp.io.writers import FORMATS

app = typer.Typer(
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help=(
        "chiffres turns every figure of French financial news into a record "
        "(metric, value, unit, kind, period, source) with its evidence.\n\n"
        "Examples:\n\n"
        "  chiffres extract seeds/\n\n"
        "  chiffres extract --format csv -o facts.csv archive.jsonl\n\n"
        "  chiffres series facts.jsonl --html series.html -o points.csv -f csv\n\n"
        "  chiffres evaluate --gold evaluation/gold/seeds.jsonl seeds/"
    ),
)

REPORTS = Path("evaluation/reports")


def _parse_date(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}", param_hint="--date") from None


@app.command()
def extract(
    inputs: List[str] = typer.Argument(...,
                                       help="Files (.txt, .html, .htm, .jsonl), folders (searched recursively), globs, or - for standard input."),
    date_: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD",
                                        help="Publication date of text and HTML inputs: the reference of relative periods. A JSONL 'date' wins for its line."),
    format_: str = typer.Option("jsonl", "--format", "-f", help=f"Output format: {', '.join(FORMATS)}."),
    output_path: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                               help="Write here (atomically: complete or not at all) instead of standard output."),
    n_process: int = typer.Option(1, "--n-process", min=1, help="Worker processes."),
    batch_size: int = typer.Option(BATCH_SIZE, "--batch-size", min=1, help="Articles per batch."),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, "--max-chars", min=1, help="Skip articles longer than this."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    engine: str = typer.Option("local", "--engine", help="local, or dask: run on a Dask cluster, -o is then a folder of JSONL parts."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", metavar="tcp://HOST:PORT",
                                            help="Dask scheduler to use; without it a local cluster is started."),
    debug: bool = typer.Option(False, "--debug", help="On an internal error, print its traceback too."),
) -> None:
    """Extract the facts of articles: one record per fact, in input order.

    JSONL input has one article a line: id, text (or html), optional date, title, url; other
    fields are carried to the output. An article that cannot be read is named on standard error
    and skipped; the others are all extracted.

    Exit status: 0 every input read, 1 some inputs skipped (the rest written), 2 usage error
    (checked before anything is read, -o included), 3 internal error.

    Examples:

      chiffres extract seeds/

      chiffres extract --date 2016-05-24 article.txt

      chiffres extract --format csv -o facts.csv 'archive/*.jsonl'

      chiffres extract page.html --format table

      chiffres extract --engine dask --scheduler tcp://10.0.0.5:8786 archive/ -o facts/
    """
    from nlp.io.extraction import run_extraction
    from nlp.io.readers import InputError
    from nlp.io.writers import OutputError

    if format_ not in FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(FORMATS)}, got {format_!r}", param_hint="--format")
    reference = _parse_date(date_)
    if engine not in ("local", "dask"):
        raise typer.BadParameter(f"expected local or dask, got {engine!r}", param_hint="--engine")
    with _interruptible(output_path, "extract"):
        if engine == "dask":
            _extract_on_dask(inputs, output_path, scheduler, batch_size, max_chars, format_, reference)
        try:
            summary = run_extraction(inputs, reference=reference, format_=format_, output_path=output_path,
                                     n_process=n_process, batch_size=batch_size, max_chars=max_chars,
                                     progress=not quiet and sys.stderr.isatty())
        except (InputError, OutputError) as error:
            typer.echo(f"chiffres extract: {error}", err=True)
            raise typer.Exit(2)
        except Exception as error:
            raise internal_error("extract", error, debug) from None
    typer.echo(summary.line(), err=True)
    raise typer.Exit(1 if summary.skipped else 0)


INTERNAL_ERROR = 3


def internal_error(command: str, error: Exception, debug: bool) -> typer.Exit:
    """Exit 3 on a failure of chiffres itself (not of an input): one line, the traceback under --debug."""
    if debug:
        traceback.print_exception(type(error), error, error.__traceback__)
    first = str(error).strip().splitlines()[0] if str(error).strip() else ""
    hint = "" if debug else " (--debug shows the traceback)"
    typer.echo(f"chiffres {command}: internal error: {type(error).__name__}: {first}{hint}", err=True)
    return typer.Exit(INTERNAL_ERROR)


class _Terminated(KeyboardInterrupt):
    """SIGTERM (kill, timeout), raised where the run is, so that it stops as Ctrl-C does."""


@contextmanager
def _interruptible(output_path: Optional[Path], command: str):
    """Stop on Ctrl-C or SIGTERM with one line on stderr and exit status 128 + the signal.

    The with-blocks underneath remove the temporary output file and end the worker processes.
    """
    def terminate(signum, frame):
        raise _Terminated(signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    except KeyboardInterrupt as stop:
        number = signal.SIGTERM if isinstance(stop, _Terminated) else signal.SIGINT
        kept = f"; {output_path} not written" if output_path is not None else ""
        typer.echo(f"chiffres {command}: stopped by {number.name}{kept}", err=True)
        raise typer.Exit(128 + number) from None
    finally:
        signal.signal(signal.SIGTERM, previous)  # a caller running the command in-process keeps its own


def _extract_on_dask(inputs, output_path, scheduler, batch_size, max_chars, format_, reference) -> None:
    from nlp.io.dask_engine import DaskMissing, run_dask
    from nlp.io.readers import InputError

    if output_path is None:
        raise typer.BadParameter("the Dask engine writes JSONL parts into a folder: give it with -o", param_hint="-o")
    if format_ != "jsonl" or reference is not None:
        raise typer.BadParameter("the Dask engine writes JSONL and takes dates from JSONL input", param_hint="--engine")
    try:
        manifest = run_dask(inputs, output_path, scheduler=scheduler, batch_size=batch_size, max_chars=max_chars)
    except (InputError, DaskMissing) as error:
        typer.echo(f"chiffres extract: {error}", err=True)
        raise typer.Exit(2)
    for part in manifest["parts"]:
        for message in part["skipped"]:
            typer.echo(message, err=True)
    typer.echo(f"{manifest['articles']} articles read, {manifest['skipped']} skipped, {manifest['facts']} facts written "
               f"in {len(manifest['parts'])} parts to {output_path}", err=True)
    raise typer.Exit(1 if manifest["skipped"] else 0)


@app.command()
def series(
    inputs: List[str] = typer.Argument(..., help="Facts JSONL files as chiffres extract writes them, or articles to "
                                                 "extract first (files, folders, globs, - for standard input)."),
    format_: str = typer.Option("jsonl", "--format", "-f", help="Points as: jsonl (with each article's evidence) or csv."),
    output_path: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE",
                                               help="Write the points here (atomically) instead of standard output."),
    html_path: Optional[Path] = typer.Option(None, "--html", metavar="FILE",
                                             help="Also write a self-contained HTML page: a chart per series, the "
                                                  "conflicts, the failed consistency checks, the evidence."),
    date_: Optional[str] = typer.Option(None, "--date", metavar="YYYY-MM-DD",
                                        help="Publication date of text and HTML articles (as for extract)."),
    max_chars: int = typer.Option(DEFAULT_MAX_CHARS, "--max-chars", min=1, help="Skip articles longer than this."),
    debug: bool = typer.Option(False, "--debug", help="On an internal error, print its traceback too."),
) -> None:
    """Build series across articles: one point per metric_key and period, conflicts, consistency checks.

    Points of one key and period given by several articles are one point; two articles that disagree
    beyond rounding make a conflict, with both evidences. A stated change whose two levels are known is
    checked against them (flagged beyond 1 point). A bad file or record is named with its line and
    skipped; the rest is still built.

    Exit status: 0 every input read, 1 some files, records or articles skipped (the rest written),
    2 usage error, 3 internal error.

    Examples:

      chiffres extract seeds/ -o facts.jsonl && chiffres series facts.jsonl --html series.html

      chiffres series seeds/ evaluation/realistic/dev.jsonl -f csv -o points.csv
    """
    from nlp.io.readers import InputError
    from nlp.series.run import FORMATS as POINT_FORMATS, run_series
    from nlp.io.writers import OutputError

    if format_ not in POINT_FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(POINT_FORMATS)}, got {format_!r}", param_hint="--format")
    reference = _parse_date(date_)
    with _interruptible(output_path, "series"):
        try:
            summary = run_series(inputs, reference=reference, format_=format_, output_path=output_path,
                                 html_path=html_path, max_chars=max_chars)
        except (InputError, OutputError) as error:
            typer.echo(f"chiffres series: {error}", err=True)
            raise typer.Exit(2)
        except Exception as error:
            raise internal_error("series", error, debug) from None
    typer.echo(summary.line(), err=True)
    raise typer.Exit(1 if summary.skipped else 0)


@app.command()
def evaluate(
    inputs: List[str] = typer.Argument(..., help="The articles the gold file annotates."),
    gold: Path = typer.Option(..., "--gold", exists=True, dir_okay=False, help="Gold JSONL file (records as evaluation/GUIDELINE.md defines them)."),
    predictions: Optional[Path] = typer.Option(None, "--predictions", exists=True, dir_okay=False,
                                               help="Score this JSONL file instead of running the extractor."),
    min_f1: Optional[float] = typer.Option(None, "--min-f1", help="Exit 1 when the strict tuple F1 is below this, or when no gold document is among the articles."),
    reports: Path = typer.Option(REPORTS, "--reports", help="Folder of the Markdown and HTML reports."),
    debug: bool = typer.Option(False, "--debug", help="On an internal error, print its traceback too."),
) -> None:
    """Score the extractor against a gold file; print a summary and write the reports.

    Examples:

      chiffres evaluate --gold evaluation/gold/seeds.jsonl seeds/

      chiffres evaluate --gold evaluation/gold/heldout.jsonl evaluation/heldout/articles.jsonl --min-f1 0.4
    """
    from nlp.scoring.evaluation import evaluate_articles
    from nlp.io.readers import InputError
    from nlp.scoring.records import RecordError

    try:
        scored = evaluate_articles(inputs, gold, predictions=predictions, reports=reports)
    except (RecordError, InputError) as error:
        typer.echo(f"chiffres evaluate: {error}", err=True)
        raise typer.Exit(2)
    except Exception as error:
        raise internal_error("evaluate", error, debug) from None
    typer.echo(scored.summary)
    typer.echo(f"reports: {scored.markdown} {scored.html}")
    for warning in scored.warnings:
        typer.echo(f"chiffres evaluate: warning: {warning}", err=True)
    if min_f1 is not None and scored.f1 < min_f1:
        typer.echo(f"tuple F1 {scored.f1:.3f} is below --min-f1 {min_f1}", err=True)
        raise typer.Exit(1)
    if min_f1 is not None and not scored.shared:
        raise typer.Exit(1)


@app.command()
def bench(
    articles: int = typer.Option(400, "--articles", help="Articles in the throughput corpus."),
    scale_base: int = typer.Option(100, "--scale-base", help="Articles at 1x of the scaling runs (then 4x and 16x)."),
    repeat: int = typer.Option(3, "--repeat", min=1, help="Runs per measurement; the report gives medians."),
    seeds: Optional[Path] = typer.Option(None, "--seeds", help="Folder of the seed articles the corpus is made from "
                                         "(default: those shipped with chiffres)."),
    report: Path = typer.Option(Path("evaluation/reports/bench.md"), "--report", help="Where to write the report."),
    debug: bool = typer.Option(False, "--debug", help="On an internal error, print its traceback too."),
) -> None:
    """Measure chiffres against bare fr_core_news_md: throughput, processes, cold start, memory, scaling.

    Example:

      chiffres bench --repeat 3
    """
    from nlp.bench.benchmark import run_bench
    from nlp.bench.corpus import SEEDS

    try:
        text = run_bench(articles_count=articles, scale_base=scale_base, repeat=repeat, seeds=seeds or SEEDS, report=report)
    except Exception as error:
        raise internal_error("bench", error, debug) from None
    typer.echo(text)


def main() -> None:
    app()

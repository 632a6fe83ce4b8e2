"""The `chiffres` command line: thin wrappers over the library."""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Extract (metric, value, period, source) facts from French financial news.",
)

REPORTS = Path("evaluation/reports")


def _parse_date(value: Optional[str]) -> Optional[date]:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


def _check_paths(paths: List[Path]) -> None:
    for path in paths:
        if not path.exists():
            raise typer.BadParameter(f"expected an existing file or folder, got {str(path)!r}", param_hint="PATH")


@app.command()
def extract(
    paths: List[Path] = typer.Argument(..., help="Article files (.txt) or folders of them."),
    date_: Optional[str] = typer.Option(None, "--date", help="Publication date YYYY-MM-DD: the reference of relative periods."),
) -> None:
    """Write one JSON record per fact to standard output.

    Example: chiffres extract seeds/ > facts.jsonl
    """
    from nlp.api import extract_articles
    from nlp.readers import Article, read_articles

    _check_paths(paths)
    reference = _parse_date(date_)
    skipped = read = written = 0
    items = list(read_articles(paths, reference=reference))
    for item in items:
        if not isinstance(item, Article):
            typer.echo(item.message(), err=True)
            skipped += 1
    articles = [item for item in items if isinstance(item, Article)]
    for article, facts in extract_articles(articles):
        read += 1
        for fact in facts:
            sys.stdout.write(json.dumps(fact.to_dict(), ensure_ascii=False) + "\n")
            written += 1
    typer.echo(f"{read} articles read, {skipped} skipped, {written} facts written", err=True)
    raise typer.Exit(1 if skipped else 0)


@app.command()
def evaluate(
    paths: List[Path] = typer.Argument(..., help="The articles the gold file annotates."),
    gold: Path = typer.Option(..., "--gold", help="Gold JSONL file (ANNOTATION.md records)."),
    predictions: Optional[Path] = typer.Option(None, "--predictions", help="Score this JSONL file instead of running the extractor."),
    min_f1: Optional[float] = typer.Option(None, "--min-f1", help="Exit 1 when the strict tuple F1 is below this."),
    reports: Path = typer.Option(REPORTS, "--reports", help="Folder of the Markdown and HTML reports."),
) -> None:
    """Score the extractor against a gold file; print a summary and write the reports.

    Example: chiffres evaluate --gold evaluation/gold/seeds.jsonl seeds/
    """
    from nlp.evaluation import evaluate_articles
    from nlp.records import RecordError

    _check_paths(paths + [gold] + ([predictions] if predictions else []))
    try:
        summary, markdown, html, f1 = evaluate_articles(paths, gold, predictions=predictions, reports=reports)
    except RecordError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2)
    typer.echo(summary)
    typer.echo(f"reports: {markdown} {html}")
    if min_f1 is not None and f1 < min_f1:
        typer.echo(f"tuple F1 {f1:.3f} is below --min-f1 {min_f1}", err=True)
        raise typer.Exit(1)


def main() -> None:
    app()

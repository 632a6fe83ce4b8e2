"""Score the extractor on articles against a gold file, and write the reports."""
from __future__ import annotations

from pathlib import Path

from nlp.readers import Article, read_articles
from nlp.records import read_records
from nlp.report import format_summary, write_reports
from nlp.scoring import evaluate


def evaluate_articles(paths: list[str], gold_path: Path, *, predictions: Path | None = None,
                      reports: Path = Path("evaluation/reports")) -> tuple[str, Path, Path, float]:
    """(terminal summary, Markdown report, HTML report, strict tuple F1)."""
    from nlp.api import extract_articles

    gold = read_records(gold_path, gold=True)
    articles = [a for a in read_articles([str(p) for p in paths]) if isinstance(a, Article)]
    texts = {a.doc_id: a.text for a in articles}
    if predictions is not None:
        predicted = read_records(predictions, gold=False)
    else:
        predicted = [fact.to_dict() for _, facts in extract_articles(articles) for fact in facts]
    result = evaluate(gold, predicted, texts=texts)
    markdown, html = write_reports(result, texts, reports, name=gold_path.stem)
    return format_summary(result), markdown, html, result["tuples"]["strict"]["f1"]

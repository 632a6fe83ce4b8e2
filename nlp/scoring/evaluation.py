"""Score the extractor on articles against a gold file, and write the reports."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from nlp.io.readers import Article, read_articles
from nlp.scoring.records import read_records
from nlp.scoring.report import format_summary, write_reports
from nlp.scoring.scoring import evaluate


@dataclass
class Evaluation:
    summary: str  # for the terminal
    markdown: Path
    html: Path
    f1: float  # strict tuple F1
    shared: int  # gold documents among the articles: none, and every score is 0
    warnings: list[str] = field(default_factory=list)  # what makes the scores meaningless or partial


def evaluate_articles(paths: list[str], gold_path: Path, *, predictions: Path | None = None,
                      reports: Path = Path("evaluation/reports")) -> Evaluation:
    """Score the articles' facts (or a predictions file) against the gold file; write the reports."""
    from nlp.io.streaming import extract_stream

    gold = read_records(gold_path, gold=True)
    articles = [a for a in read_articles([str(p) for p in paths]) if isinstance(a, Article)]
    texts = {a.doc_id: a.text for a in articles}
    if predictions is not None:
        predicted = read_records(predictions, gold=False)
    else:
        predicted = [fact.to_dict() for _, facts in extract_stream(articles) for fact in facts]
    result = evaluate(gold, predicted, texts=texts)
    markdown, html = write_reports(result, texts, reports, name=gold_path.stem)
    gold_ids = {r["doc_id"] for r in gold}
    return Evaluation(format_summary(result), markdown, html, result["tuples"]["strict"]["f1"],
                      len(gold_ids & set(texts)), unmatched(gold_path, gold_ids, set(texts)))


def unmatched(gold_path: Path, gold_ids: set[str], article_ids: set[str]) -> list[str]:
    """Warnings when the gold file annotates documents the articles do not include."""
    missing = sorted(gold_ids - article_ids)
    if not missing:
        return []
    if len(missing) == len(gold_ids):
        return [f"{gold_path}: expected articles with the gold file's document ids ({_ids(missing)}), "
                f"found none among the {len(article_ids)} articles read ({_ids(sorted(article_ids))}): every score is 0"]
    return [f"{gold_path}: {len(missing)} of {len(gold_ids)} gold documents have no article ({_ids(missing)}): "
            "their facts count as missed"]


def _ids(ids: list[str]) -> str:
    return ", ".join(ids[:3]) + (f" and {len(ids) - 3} more" if len(ids) > 3 else "") if ids else "none"

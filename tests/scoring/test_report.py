import subprocess
import sys

import pytest

from nlp.scoring.report import format_summary, write_reports
from nlp.scoring.scoring import evaluate

DOC = "002_ac61254d7316b9a9"
TEXT = (
    "Les sites marchands adhérents au CMI ont réalisé 211.000 opérations de paiement. "
    "Les montants engagés sont de l'ordre de 156 millions de DH, soit une hausse de 108% en nombre. "
    "Le montant global des transactions s'élève à 13,4 milliards de dirhams (+16%)."
)


def at(phrase):
    start = TEXT.index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase}


def record(metric, value, unit, kind, period="2013-09", source="CMI", **fields):
    return {"doc_id": DOC, "metric": metric, "value": value, "unit": unit, "kind": kind,
            "period": period, "source": source, "qualifier": "=", **fields}


GOLD = [
    record("nombre d'opérations de paiement", 211000, "opération", "count"),
    record("montant des opérations", 156000000, "MAD", "amount"),
    record("hausse du nombre d'opérations", 108, "%", "change"),
    record("montant global des transactions", 13400000000, "MAD", "amount", period="2013-01/2013-09"),
]
PREDICTED = [
    record("opérations de paiement", 211000, "opération", "count", evidence=at("211.000 opérations")),
    record("valeur des paiements", 156000000, "MAD", "amount", period="2013", evidence=at("156 millions de DH")),
    record("transactions", 16, "%", "share", evidence=at("16%")),
]


@pytest.fixture
def reports(tmp_path):
    return write_reports(evaluate(GOLD, PREDICTED), {DOC: TEXT}, tmp_path / "reports", name="seeds")


def test_format_summary_has_the_three_score_rows_and_the_fields():
    summary = format_summary(evaluate(GOLD, PREDICTED))
    lines = summary.splitlines()
    assert [line.split()[:2] for line in lines[1:4]] == [["tuples", "strict"], ["tuples", "lenient"], ["figures", "0.667"]]
    assert "fields over 2 value-matched pairs: metric 0.500" in summary


def test_markdown_lists_every_error(reports):
    markdown = reports[0].read_text(encoding="utf-8")
    assert reports[0].name == "seeds.md"
    assert "## Errors (4)" in markdown
    assert "- **wrong metric, period** `156 000 000 MAD` amount in `156 millions de DH`" in markdown
    assert "  - period: gold `2013-09`, predicted `2013`" in markdown
    assert "- **missed** `108 %` change · metric `hausse du nombre d'opérations`" in markdown
    assert "- **spurious** `16 %` share" in markdown
    assert "| amount | 1 | 0.000 |" in markdown


@pytest.mark.parametrize(
    ("figure", "label", "hover"),
    [
        ("211.000 opérations", "RIGHT", "gold: «211 000 opération» count · metric «nombre d&#x27;opérations de paiement»"),
        ("156 millions de DH", "WRONG", "WRONG metric, period"),
        ("16%", "SPURIOUS", "predicted: «16 %» share · metric «transactions»"),
    ],
)
def test_html_highlights_predictions_with_their_fields_on_hover(reports, figure, label, hover):
    page = reports[1].read_text(encoding="utf-8")
    mark = page[page.index(f">{figure}<") - 400 : page.index(f">{figure}<") + 100]
    assert f'<span class="label">{label}</span>' in mark[400:]
    assert hover in mark[mark.rindex("<mark") :]


def test_html_lists_missed_gold_under_the_article_and_has_a_legend(reports):
    page = reports[1].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert "MISSED\ngold: «108 %» change" in page
    assert page.index("hausse du nombre d&#x27;opérations") > page.index("13,4 milliards")
    assert 'class="legend"' in page and "SPURIOUS</mark>" in page
    assert "src=" not in page and "<link" not in page


def test_html_escapes_the_article_and_the_records(tmp_path):
    text = "Selon <script>alert('CMI')</script> le montant atteint 872 MDH."
    start = text.index("872 MDH")
    predicted = record("<b>montant</b>", 872000000, "MAD", "amount",
                       evidence={"start": start, "end": start + 7, "text": "872 MDH"})
    result = evaluate([], [predicted])
    _, html_path = write_reports(result, {"<doc>": text, DOC: text}, tmp_path, name="x<y")
    page = html_path.read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>" not in page and "<doc>" not in page
    assert "&lt;script&gt;alert" in page and "&lt;b&gt;montant&lt;/b&gt;" in page
    assert html_path.name == "x<y.html"


def test_overlapping_evidence_makes_one_mark_with_both_hovers(tmp_path):
    evidence = {"start": TEXT.index("211.000"), "end": TEXT.index("211.000") + 7, "text": "211.000"}
    predicted = [record("opérations", 211000, "opération", "count", evidence=evidence),
                 record("paiements", 211000, "opération", "count", evidence=evidence)]
    _, html_path = write_reports(evaluate(GOLD[:1], predicted), {DOC: TEXT}, tmp_path)
    page = html_path.read_text(encoding="utf-8")
    assert page.count(">211.000<") == 1
    assert "«opérations»" in page and "«paiements»" in page


def test_evidence_that_is_not_in_the_text_goes_to_the_box(tmp_path):
    predicted = record("opérations", 211000, "opération", "count", evidence={"start": 0, "end": 7, "text": "211.000"})
    _, html_path = write_reports(evaluate(GOLD[:1], [predicted]), {DOC: TEXT}, tmp_path)
    page = html_path.read_text(encoding="utf-8")
    assert "<mark class" not in page
    assert "RIGHT\npredicted: «211 000 opération»" in page


def test_reports_need_no_spacy_model(tmp_path):
    """Writing reports in a fresh interpreter never imports the French model."""
    code = (
        "import sys; from pathlib import Path; from nlp.scoring.report import write_reports; from nlp.scoring.scoring import evaluate; "
        f"write_reports(evaluate([], []), {{}}, Path({str(tmp_path)!r})); "
        "assert not any(m.startswith('fr_core_news') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_html_page_has_the_one_head(tmp_path):
    """The facts page, the evaluation report and the series page open alike: title, style, nothing fetched or run."""
    import io

    from nlp.io.html_page import head
    from nlp.io.readers import Article
    from nlp.io.writers import HtmlWriter
    from nlp.series import build
    from nlp.series.page import page

    facts = io.StringIO()
    HtmlWriter(facts).write(Article("a", "Rien.", None), [])
    result = evaluate([], [], texts={})
    _, report = write_reports(result, {}, tmp_path, name="empty")
    pages = {"chiffres: facts": facts.getvalue(), "chiffres: empty": report.read_text(encoding="utf-8"),
             "chiffres: series": page(build([]))}
    for title, html in pages.items():
        opening = head(title, "")
        prefix = opening[: opening.index("<style>")]
        assert html.startswith(prefix), title
        assert "Content-Security-Policy" in html and "<script" not in html, title

"""Terminal, Markdown and HTML reports of an `evaluate()` result."""
from __future__ import annotations

import html
from collections import defaultdict
from pathlib import Path

from spacy import displacy

from nlp.io.html_page import CSS, head

# Outcome of a prediction -> the label and colour of its highlight.
LABELS = {"right": "RIGHT", "wrong_fields": "WRONG", "spurious": "SPURIOUS", "optional": "OPTIONAL"}
COLORS = {"RIGHT": "#b2f2bb", "WRONG": "#ffd8a8", "SPURIOUS": "#ffc9c9", "OPTIONAL": "#d0ebff"}
_MEANINGS = {
    "RIGHT": "every field matches",
    "WRONG": "value matches, a field does not",
    "SPURIOUS": "no gold record for it",
    "OPTIONAL": "an optional gold record: counts for nothing",
}

# displaCy's own template has no title attribute; its per-span "params" fill this one.
_TEMPLATE = (
    '<mark class="entity" title="{title}" style="background: {bg}">{text}'
    '<span class="label">{label}</span></mark>'
)


def format_summary(result: dict) -> str:
    """A compact plain-text table of the tuple, figure and field scores, for the terminal."""
    lines = [f"{'':<16}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>6}{'FN':>6}"]
    for label, score in _score_rows(result):
        lines.append(
            f"{label:<16}{score['precision']:>7.3f}{score['recall']:>7.3f}{score['f1']:>7.3f}"
            f"{score['tp']:>6}{score['fp']:>6}{score['fn']:>6}"
        )
    fields = result["fields"]
    lines.append(
        f"fields over {fields['pairs']} value-matched pairs: metric {fields['metric']:.3f}  "
        f"period {fields['period']:.3f} (lenient {fields['period_lenient']:.3f})  source {fields['source']:.3f}"
    )
    return "\n".join(lines)


def write_reports(result: dict, texts: dict[str, str], out_dir: Path, *, name: str = "seeds") -> tuple[Path, Path]:
    """Write `name.md` (tables and every error) and `name.html` (the articles, figures highlighted)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    markdown_path, html_path = out_dir / f"{name}.md", out_dir / f"{name}.html"
    markdown_path.write_text(_markdown(result, name), encoding="utf-8")
    html_path.write_text(_html(result, texts, name), encoding="utf-8")
    return markdown_path, html_path


def _score_rows(result: dict) -> list[tuple[str, dict]]:
    return [
        ("tuples strict", result["tuples"]["strict"]),
        ("tuples lenient", result["tuples"]["lenient"]),
        ("figures", result["figures"]),
    ]


def _counts_line(result: dict) -> str:
    counts = result["counts"]
    return (
        f"{counts['gold']} gold records (and {counts['optional']} optional), {counts['predicted']} predictions "
        f"({counts['ignored']} on optional records). Figures match on value, unit and kind; "
        "tuples also need metric, period and source."
    )


def _markdown(result: dict, name: str) -> str:
    lines = [f"# Evaluation: {name}", "", _counts_line(result), "", "## Scores", ""]
    lines += ["| | precision | recall | F1 | TP | FP | FN |", "|---|---:|---:|---:|---:|---:|---:|"]
    for label, score in _score_rows(result):
        lines.append(
            f"| {label} | {score['precision']:.3f} | {score['recall']:.3f} | {score['f1']:.3f} "
            f"| {score['tp']} | {score['fp']} | {score['fn']} |"
        )
    fields = result["fields"]
    lines += ["", f"## Fields over the {fields['pairs']} value-matched pairs", ""]
    lines += ["| metric | period | period (lenient) | source |", "|---:|---:|---:|---:|"]
    lines.append(
        f"| {fields['metric']:.3f} | {fields['period']:.3f} | {fields['period_lenient']:.3f} | {fields['source']:.3f} |"
    )
    for title, breakdown in (("By kind", result["by_kind"]), ("By document", result["by_document"])):
        lines += ["", f"## {title}", ""]
        lines += [
            "| | pairs | tuple F1 strict | tuple F1 lenient | figure P | figure R | figure F1 "
            "| metric | period | source |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for key, scores in breakdown.items():
            figures, fields = scores["figures"], scores["fields"]
            lines.append(
                f"| {key} | {fields['pairs']} | {scores['tuples']['strict']['f1']:.3f} "
                f"| {scores['tuples']['lenient']['f1']:.3f} | {figures['precision']:.3f} | {figures['recall']:.3f} "
                f"| {figures['f1']:.3f} | {fields['metric']:.3f} | {fields['period']:.3f} | {fields['source']:.3f} |"
            )
    lines += ["", f"## Errors ({len(result['errors'])})"]
    by_doc = defaultdict(list)
    for error in result["errors"]:
        by_doc[error["doc_id"]].append(error)
    for doc_id, errors in by_doc.items():
        lines += ["", f"### {doc_id}", ""]
        lines += [_markdown_error(error) for error in errors]
    return "\n".join(lines) + "\n"


def _markdown_error(error: dict) -> str:
    gold, predicted = error["gold"], error["predicted"]
    if error["type"] == "missed":
        return f"- **missed** {_describe(gold, _code)}"
    evidence = (predicted.get("evidence") or {}).get("text")
    said = f" in {_code(evidence)}" if evidence else ""
    if error["type"] == "spurious":
        return f"- **spurious** {_describe(predicted, _code)}{said}"
    lines = [f"- **wrong {', '.join(error['fields'])}** {_figure(predicted, _code)}{said}"]
    for field in error["fields"]:
        lines.append(f"  - {field}: gold {_code(_plain(gold[field]))}, predicted {_code(_plain(predicted[field]))}")
    return "\n".join(lines)


def _html(result: dict, texts: dict[str, str], name: str) -> str:
    entries = defaultdict(list)
    for entry in result["matches"] + result["errors"]:
        entries[entry["doc_id"]].append(entry)
    doc_ids = sorted(set(texts) | set(result["by_document"]))
    articles = "\n".join(
        _article(doc_id, texts.get(doc_id), entries[doc_id], result["by_document"].get(doc_id)) for doc_id in doc_ids
    )
    rows = "".join(
        f"<tr><td>{label}</td><td>{s['precision']:.3f}</td><td>{s['recall']:.3f}</td><td>{s['f1']:.3f}</td>"
        f"<td>{s['tp']}</td><td>{s['fp']}</td><td>{s['fn']}</td></tr>"
        for label, s in _score_rows(result)
    )
    fields = result["fields"]
    legend = " ".join(
        f'<mark style="background: {COLORS[label]}">{label}</mark> {_MEANINGS[label]};' for label in COLORS
    )
    return head(f"chiffres: {name}", CSS) + f"""<h1>chiffres: {html.escape(name)}</h1>
<p>{html.escape(_counts_line(result))}</p>
<table><tr><th></th><th>precision</th><th>recall</th><th>F1</th><th>TP</th><th>FP</th><th>FN</th></tr>{rows}</table>
<p>Fields over the {fields['pairs']} value-matched pairs: metric {fields['metric']:.3f}, period {fields['period']:.3f}
(lenient {fields['period_lenient']:.3f}), source {fields['source']:.3f}.</p>
<p class="legend">{legend} MISSED gold records are listed under their article. Hover a figure for its fields.</p>
{articles}
</body>
</html>
"""


def _article(doc_id: str, text: str | None, entries: list[dict], scores: dict | None) -> str:
    spans, unplaced = [], []
    for entry in entries:
        evidence = (entry["predicted"] or {}).get("evidence")
        if text is not None and evidence and text[evidence["start"] : evidence["end"]] == evidence["text"]:
            spans.append({"start": evidence["start"], "end": evidence["end"], "entry": entry})
        else:
            unplaced.append(entry)
    body = _highlighted(text, spans) if text is not None else "<p><em>No text for this document.</em></p>"
    box = ""
    if unplaced:
        items = "".join(f"<li>{html.escape(_hover(entry))}</li>" for entry in unplaced)
        box = f'<div class="box"><p>Missed, or without evidence in the text:</p><ul>{items}</ul></div>'
    return f"<article><h2>{html.escape(doc_id)}</h2>{_article_scores(entries, scores)}{body}{box}</article>"


def _article_scores(entries: list[dict], scores: dict | None) -> str:
    if scores is None:
        return '<p class="scores">No gold record and no prediction.</p>'
    tally = defaultdict(int)
    for entry in entries:
        tally[entry["type"]] += 1
    names = {"right": "right", "wrong_fields": "wrong", "spurious": "spurious", "missed": "missed"}
    counts = ", ".join(f"{tally[outcome]} {name}" for outcome, name in names.items())
    return (
        f'<p class="scores">tuple F1 {scores["tuples"]["strict"]["f1"]:.3f} '
        f'(lenient {scores["tuples"]["lenient"]["f1"]:.3f}), figure F1 {scores["figures"]["f1"]:.3f}: {counts}</p>'
    )


def _highlighted(text: str, spans: list[dict]) -> str:
    """The article through displaCy, one mark per prediction; a span overlapping an earlier one joins its hover."""
    ents = []
    for span in sorted(spans, key=lambda span: (span["start"], span["end"])):
        hover = _hover(span["entry"])
        if ents and span["start"] < ents[-1]["end"]:
            ents[-1]["hover"].append(hover)
            continue
        label = LABELS[span["entry"]["type"]]
        ents.append({"start": span["start"], "end": span["end"], "label": label, "hover": [hover]})
    for ent in ents:
        ent["params"] = {"title": html.escape("\n\n".join(ent.pop("hover")), quote=True)}
    return displacy.render(
        {"text": text, "ents": ents},
        style="ent",
        manual=True,
        jupyter=False,
        options={"colors": COLORS, "template": _TEMPLATE},
    )


def _hover(entry: dict) -> str:
    heading = {"wrong_fields": f"WRONG {', '.join(entry['fields'])}", "missed": "MISSED"}.get(
        entry["type"], LABELS.get(entry["type"], entry["type"])
    )
    lines = [heading]
    if entry["predicted"]:
        lines.append(f"predicted: {_describe(entry['predicted'], _guillemets)}")
    if entry["gold"]:
        lines.append(f"gold: {_describe(entry['gold'], _guillemets)}")
    return "\n".join(lines)


def _describe(record: dict, quote) -> str:
    return (
        f"{_figure(record, quote)} · metric {quote(record['metric'])} · period {quote(_plain(record['period']))} "
        f"· source {quote(_plain(record['source']))}"
    )


def _figure(record: dict, quote) -> str:
    qualifier = record.get("qualifier", "=")
    figure = f"{_number(record['value'])} {_plain(record['unit'])}"
    if qualifier != "=":
        figure = f"{qualifier} {figure}"
    return f"{quote(figure)} {_plain(record['kind'])}"


def _number(value: float) -> str:
    if float(value).is_integer():
        value = int(value)
    return f"{value:,}".replace(",", " ")


def _plain(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return " or ".join(_plain(item) for item in value)
    return str(value)


def _code(text: str) -> str:
    return "`" + str(text).replace("`", "'") + "`"


def _guillemets(text: str) -> str:
    return f"«{text}»"

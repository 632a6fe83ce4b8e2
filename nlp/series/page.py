"""The series as one self-contained HTML page: a chart per series, the conflicts, the failed checks, the evidence."""
from __future__ import annotations

import html
from decimal import Decimal

from nlp.io.html_page import CSS, head
from nlp.series.series import Built, Check, Mention, Point, Series

_WIDTH, _HEIGHT = 640, 230
_LEFT, _RIGHT, _TOP, _BOTTOM = 78, 16, 14, 78
_PAGE_CSS = CSS + """
body { max-width: 72em; }
td, th { text-align: left; vertical-align: top; }
code { font-size: 0.85em; color: #555; }
section.series { border-top: 1px solid #ccc; margin-top: 1.5em; }
svg { display: block; margin: 0.5em 0; }
svg text { font: 11px system-ui, sans-serif; fill: #444; }
svg .grid { stroke: #e3e3e3; } svg .axis { stroke: #888; }
svg .line { fill: none; stroke: #1c7ed6; stroke-width: 2; } svg .span { stroke: #74c0fc; stroke-width: 5; stroke-linecap: round; }
svg circle { fill: #1c7ed6; stroke: #fff; stroke-width: 1.5; } svg circle.conflict { fill: #e03131; }
.conflict { color: #c92a2a; font-weight: bold; }
ol.evidence li { margin-bottom: 0.6em; } ol.evidence li:target { background: #fff3bf; }
mark { background: #fde7c2; padding: 0 0.15em; }
"""


def page(built: Built, *, title: str = "chiffres: series") -> str:
    """The whole page; the same series give the same bytes."""
    evidence = _Evidence()
    # the series that bring several articles together first, then the longest
    charted = sorted((series for series in built.series if len(series.points) >= 2),
                     key=lambda series: (-len(series.articles), -len(series.points), series.key, series.status))
    failed = [check for check in built.checks if not check.consistent]
    sections = "\n".join(_series_section(number, series, evidence) for number, series in enumerate(charted, 1))
    conflicts = _conflicts_table(built, evidence)
    checks = _checks_table(failed, evidence)
    articles = len({doc for point in built.points for doc in point.articles})
    summary = (f"{_count(len(built.series), 'series', 'series')}, {_count(len(built.points), 'point')} from "
               f"{_count(articles, 'article')}; {_count(len(charted), 'series', 'series')} of two points or more "
               f"charted below. {_count(len(built.conflicts), 'conflict')}; "
               f"{_count(len(built.checks), 'stated change')} checked against "
               f"{'its' if len(built.checks) == 1 else 'their'} two levels, {len(failed)} off by more than 1 point.")
    return head(title, _PAGE_CSS) + f"""<h1>{html.escape(title)}</h1>
<p>{html.escape(summary)} Each figure links to the sentence it was read from.</p>
<h2>Conflicts</h2>
{conflicts}
<h2>Failed consistency checks</h2>
{checks}
<h2>Series</h2>
{sections}
<h2>Evidence</h2>
{evidence.listing()}
</body>
</html>
"""


def _count(number: int, singular: str, plural: str | None = None) -> str:
    return f"{number} {singular if number == 1 else plural or singular + 's'}"


class _Evidence:
    """The evidence sentences the page links to, numbered in the order they are first linked."""

    def __init__(self):
        self.numbers: dict[Mention, int] = {}

    def link(self, mention: Mention, text: str) -> str:
        number = self.numbers.setdefault(mention, len(self.numbers) + 1)
        return f'<a href="#e{number}" title="{html.escape(mention.doc_id, quote=True)}">{html.escape(text)}</a>'

    def anchor(self, mention: Mention) -> str:
        return f"#e{self.numbers.setdefault(mention, len(self.numbers) + 1)}"

    def listing(self) -> str:
        items = []
        for mention, number in sorted(self.numbers.items(), key=lambda item: item[1]):
            items.append(f'<li id="e{number}" value="{number}"><b>{html.escape(mention.doc_id)}</b>: '
                         f"{_highlighted(mention)}</li>")
        return f'<ol class="evidence">{"".join(items)}</ol>' if items else "<p>None.</p>"


def _highlighted(mention: Mention) -> str:
    """The sentence with the figure marked, where the figure is in it."""
    sentence, figure = mention.sentence, mention.text
    at = sentence.find(figure) if figure else -1
    if at < 0:
        return html.escape(sentence or figure)
    return (html.escape(sentence[:at]) + f"<mark>{html.escape(figure)}</mark>"
            + html.escape(sentence[at + len(figure):]))


def _conflicts_table(built: Built, evidence: _Evidence) -> str:
    if not built.conflicts:
        return "<p>None: every point given by several articles has one value up to rounding.</p>"
    rows = []
    for conflict in built.conflicts:
        point = conflict.point
        values = "<br>".join(
            f"{_number(value)} {html.escape(point.unit)}: "
            + ", ".join(evidence.link(mention, f"{mention.doc_id} «{mention.text}»") for mention in mentions)
            for value, mentions in conflict.values)
        rows.append(f"<tr><td>{_name(point.label, point.key)}</td><td>{html.escape(point.period)}</td><td>{values}</td></tr>")
    return f"<table><tr><th>series</th><th>period</th><th>values, and the articles that give them</th></tr>{''.join(rows)}</table>"


def _checks_table(failed: list[Check], evidence: _Evidence) -> str:
    if not failed:
        return "<p>None: every stated change whose two levels are known agrees with them within 1 point.</p>"
    rows = []
    for check in failed:
        unit = "pp" if check.change.unit == "pp" else "%"
        stated = _linked_value(check.change, evidence, f"{_number(check.change.value)} {unit}")
        earlier = _linked_value(check.earlier, evidence, f"{_number(check.earlier.value)} {check.earlier.unit}")
        later = _linked_value(check.later, evidence, f"{_number(check.later.value)} {check.later.unit}")
        label = check.change.mentions[0].metric if check.change.mentions else check.change.label
        rows.append(f"<tr><td>{_name(label, check.change.key)}</td><td>{html.escape(check.change.period)}</td>"
                    f"<td>{stated}</td><td>{html.escape(check.earlier.period)}: {earlier}<br>"
                    f"{html.escape(check.later.period)}: {later}</td><td>{_number(check.computed)} {unit}</td>"
                    f"<td class=\"conflict\">{_number(check.difference)}</td></tr>")
    return ("<table><tr><th>series</th><th>period</th><th>stated change</th><th>levels</th><th>computed change</th>"
            f"<th>difference (points)</th></tr>{''.join(rows)}</table>")


def _linked_value(point: Point, evidence: _Evidence, text: str) -> str:
    return evidence.link(point.mentions[0], text) if point.mentions else html.escape(text)


def _name(label: str, key: str) -> str:
    return f"{html.escape(label)}<br><code>{html.escape(key)}</code>"


def _series_section(number: int, series: Series, evidence: _Evidence) -> str:
    points = series.points
    status = "" if series.status == "actual" else f" ({series.status})"
    rows = "".join(
        f"<tr><td>{html.escape(point.period)}</td><td{' class=conflict' if point.conflict else ''}>"
        f"{_number(point.value)} {html.escape(point.unit)}{' (conflict)' if point.conflict else ''}</td><td>"
        + ", ".join(evidence.link(mention, f"{mention.doc_id} «{mention.text}»") for mention in point.mentions)
        + "</td></tr>" for point in points)
    return (f'<section class="series" id="s{number}"><h3>{html.escape(series.label)}{html.escape(status)}</h3>'
            f"<p><code>{html.escape(series.key)}</code> · {len(points)} points from {len(series.articles)} "
            f"article{'s' if len(series.articles) > 1 else ''}</p>{_chart(series, evidence)}"
            f"<table><tr><th>period</th><th>value</th><th>articles</th></tr>{rows}</table></section>")


def _chart(series: Series, evidence: _Evidence) -> str:
    """An inline SVG: each point at its value over its period (a bar from its first to its last day), joined in order."""
    points = series.points
    first, last = min(p.start for p in points).toordinal(), max(p.end for p in points).toordinal() + 1
    values = [p.value for p in points]
    low, high = min(min(values), Decimal(0)), max(max(values), Decimal(0))
    if low == high:
        high = low + 1
    plot_w, plot_h = _WIDTH - _LEFT - _RIGHT, _HEIGHT - _TOP - _BOTTOM

    def x(day: int) -> float:
        return _LEFT + plot_w * (day - first) / max(last - first, 1)

    def y(value: Decimal) -> float:
        return _TOP + plot_h * float((high - value) / (high - low))

    parts = []
    for step in range(5):
        value = low + (high - low) * step / 4
        parts.append(f'<line class="grid" x1="{_LEFT}" x2="{_WIDTH - _RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}"/>'
                     f'<text x="{_LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end">{_short(value)}</text>')
    parts.append(f'<line class="axis" x1="{_LEFT}" x2="{_WIDTH - _RIGHT}" y1="{y(Decimal(0)):.1f}" y2="{y(Decimal(0)):.1f}"/>')
    middles = [(x(p.start.toordinal()) + x(p.end.toordinal() + 1)) / 2 for p in points]
    line = " ".join(f"{mx:.1f},{y(p.value):.1f}" for mx, p in zip(middles, points))
    parts.append(f'<polyline class="line" points="{line}"/>')
    for mx, point in zip(middles, points):
        py = y(point.value)
        parts.append(f'<line class="span" x1="{x(point.start.toordinal()):.1f}" x2="{x(point.end.toordinal() + 1):.1f}" '
                     f'y1="{py:.1f}" y2="{py:.1f}"/>')
        tip = f"{point.period}: {_number(point.value)} {point.unit} ({', '.join(point.articles)})"
        css = ' class="conflict"' if point.conflict else ""
        href = evidence.anchor(point.mentions[0]) if point.mentions else "#"
        parts.append(f'<a href="{href}"><circle{css} cx="{mx:.1f}" cy="{py:.1f}" r="5"><title>{html.escape(tip)}</title>'
                     f"</circle></a>")
        parts.append(f'<text x="{mx:.1f}" y="{_HEIGHT - _BOTTOM + 14}" text-anchor="end" '
                     f'transform="rotate(-35 {mx:.1f} {_HEIGHT - _BOTTOM + 14})">{html.escape(point.period)}</text>')
    label = html.escape(f"{series.label}: {len(points)} points")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{_WIDTH}" height="{_HEIGHT}" viewBox="0 0 {_WIDTH} {_HEIGHT}" '
            f'role="img" aria-label="{label}">{"".join(parts)}</svg>')


def _number(value: Decimal) -> str:
    """'1 056 000 000', '22,2': French digits, a thin space between thousands."""
    value = Decimal(value)
    text = f"{value.normalize():f}" if value != value.to_integral_value() else f"{int(value)}"
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    groups = [whole[max(0, i - 3):i] for i in range(len(whole), 0, -3)][::-1]
    return sign + "\u202f".join(groups) + ("," + fraction if fraction else "")


def _short(value: Decimal) -> str:
    """An axis label: '1,06 Md', '750 M', '12 k', '22,2'."""
    power, suffix = next(((p, s) for p, s in ((12, " Bn"), (9, " Md"), (6, " M"), (3, " k")) if abs(value) >= 10 ** p),
                         (0, ""))
    scaled = float(value) / 10 ** power
    text = f"{scaled:.3g}"
    return (f"{scaled:.0f}" if "e" in text else text).replace(".", ",") + suffix

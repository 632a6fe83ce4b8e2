"""The chiffres_facts component: one Fact per figure of the article."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.parsing.lexicon import bare_measure_nouns
from nlp.parsing.periods import Period, month_period
from nlp.pipeline.extensions import declare
from nlp.pipeline.fact import Evidence, Fact
from nlp.pipeline.normalizer import DURATIONS, named_by_next
from nlp.relations.distribution import distribute, distributed, respectively
from nlp.relations.kind import absolute_change, kind_and_sign
from nlp.relations.metric import Discourse, FIGURES, metric_of, starts_range_end
from nlp.relations.sources import Attribution
from nlp.relations.timeline import Timeline, at_its_end, is_comparison, sentence_starts


@Language.factory("chiffres_facts", assigns=["doc._.facts"], default_config={})
class FactExtractor:
    """Turn each normalised figure into a Fact: metric, kind and sign, period, source, evidence."""

    def __init__(self, nlp: Language, name: str = "chiffres_facts"):
        self.name = name
        declare()

    def __call__(self, doc: Doc) -> Doc:
        doc._.facts = extract_facts(doc)
        return doc


def extract_facts(doc: Doc) -> list[Fact]:
    """The facts of a parsed, normalised document, in text order, each fact once."""
    figures = [s for s in doc.ents if s.label_ in FIGURES and s._.value is not None and not _describes(s)]
    sentence_of = sentence_starts(doc)
    timeline = Timeline(doc, doc._.date, sentence_of)
    sources = Attribution(doc, sentence_of)
    by_sentence: dict[int, list[Span]] = {}
    for figure in figures:
        by_sentence.setdefault(sentence_of[figure.start], []).append(figure)
    discourse = Discourse()
    facts: list[Fact] = []
    for sent in doc.sents:
        in_sentence = by_sentence.get(sent.start, [])
        if not in_sentence:
            continue
        carried = timeline.last_before(sent.start)
        discourse.in_sentence = []
        items = distributed(sent, in_sentence)
        shared = respectively(sent, in_sentence)
        periods = timeline.stated_in(sent) if shared else []
        named = named_by_next(sent)
        base = None
        for figure in in_sentence:
            kind, sign = kind_and_sign(figure)
            metric = metric_of(figure, discourse, elliptical=figure._.elliptical) or ""
            discourse.in_sentence.append(metric)
            if figure.label_ == "QUANTITY":
                discourse.last_count = metric
            elif figure.label_ == "MONEY":
                discourse.last_amount = metric
            period = timeline.period_of(figure, kind, in_sentence, carried)
            value, unit, qualifier = _value_unit(figure)
            change = absolute_change(figure) if kind in ("amount", "count") else None
            if change is not None:
                sign = change
                metric = "variation de " + metric if metric else "variation"
            if figure in shared:
                index = shared.index(figure)
                base = base or metric
                earlier = [f for f in in_sentence if f.start < shared[0].start]
                if items:
                    metric = distribute(base, items, index)
                elif len(earlier) >= len(shared) and figure.label_ == "PERCENT":
                    # '900 000 transactions, soit 700 millions de DH, en croissance respective de 35 % et 41 %'
                    metric = discourse.in_sentence[len(earlier) - len(shared) + index]
                if len(periods) == len(shared):
                    period = periods[index]
            if starts_range_end(figure) and facts and facts[-1].evidence.start < figure.start_char:
                period = _date_range(facts, period, timeline.stated_in(sent))
            period = at_its_end(period, metric, kind)
            source = sources.source_of(figure)
            if named is not None:
                # 'Près de 2,1 milliards de dirhams. C'est ce qu'ont réglé … au premier semestre, selon le CMI.'
                period = next(iter(timeline.stated_in(named)), None) or period
                source = sources.source_of_sentence(named.start) or source
            if sign < 0 and value > 0:
                value = -value
            facts.append(Fact(
                doc_id=doc._.doc_id or "",
                metric=metric,
                value=value,
                unit=unit,
                kind=kind,
                period=period.iso() if period else None,
                source=source,
                qualifier=qualifier,
                evidence=Evidence(figure.start_char, figure.end_char, figure.text, sent.text.rstrip(), sent.start_char),
            ))
        discourse.last = discourse.in_sentence[-1] if discourse.in_sentence else discourse.last
        for figure, metric in zip(in_sentence, discourse.in_sentence):
            if metric and not is_comparison(figure, reach=3):
                discourse.subjects.append(metric)
    return deduplicated(facts)


def _date_range(facts: list[Fact], end_period: Period | None, stated: list[Period]) -> Period | None:
    """'passé de A à B': A is at the earlier period, B at the later; returns B's, rewrites A's fact."""
    start = facts[-1]
    ranges = [p for p in stated if p.start[:4] != p.end[:4] and len(p.start) == 4]
    if end_period is None or (start.period != end_period.iso() and not ranges):
        return end_period
    if ranges:
        # 'Entre 2020 et 2021, … est passé de 318 à 346'; 'sur les cinq premiers mois': those months of each year
        months = next((p.month_span() for p in stated if len(p.start) > 4 and p.month_span() not in (None, (1, 12))), None)
        first, last = int(ranges[0].start), int(ranges[0].end)
        earlier, later = ((month_period(first, *months), month_period(last, *months)) if months
                          else (Period(ranges[0].start, ranges[0].start), Period(ranges[0].end, ranges[0].end)))
    else:
        earlier, later = end_period.shifted(-1), end_period
    facts[-1] = replace(start, period=earlier.iso() if earlier else None)
    return later


def _describes(figure: Span) -> bool:
    """A duration that says what something is, not how much: 'les jeunes âgés de 15 à 24 ans', 'avances à 7 jours'."""
    if figure.label_ != "QUANTITY" or getattr(figure._.value, "noun", None) not in DURATIONS:
        return False
    before = figure.doc[max(figure.sent.start, figure.start - 5) : figure.start]
    if any(t.lower_.startswith("âgé") for t in before):
        return True
    return len(before) >= 2 and before[-1].lower_ == "à" and before[-2].pos_ == "NOUN"


def _value_unit(figure: Span) -> tuple[Decimal, str, str]:
    value = figure._.value
    if figure.label_ == "MONEY":
        return value.amount, value.currency, value.qualifier
    if figure.label_ == "PERCENT":
        return value.value, value.unit, value.qualifier
    return value.value, value.noun, value.qualifier


def deduplicated(facts: list[Fact]) -> list[Fact]:
    """A figure repeated in the same article (a headline over its body) is one fact: the most complete one.

    The same value of two periods ('9 % au premier trimestre, 9 % en 2023') is two facts.
    """
    by_value: dict[tuple, list[Fact]] = {}  # only facts of one value, unit and kind can repeat each other
    for fact in facts:
        kept = by_value.setdefault((fact.value, fact.unit, fact.kind), [])
        same = next((i for i, other in enumerate(kept) if _repeats(fact, other)), None)
        if same is None:
            kept.append(fact)
        elif _more_complete(fact, kept[same]):
            kept[same] = fact
    keep = {id(f) for kept in by_value.values() for f in kept}
    return [f for f in facts if id(f) in keep]


def _repeats(fact: Fact, other: Fact) -> bool:
    """The same figure said twice: a headline over its lead, or two sentences naming the same thing.

    Equal values of different metrics ('le PIB progresse de 0,9 %' and 'l'investissement de 0,9 %')
    and of different periods are different facts.
    """
    if (fact.value, fact.unit, fact.kind) != (other.value, other.unit, other.kind):
        return False
    if fact.period != other.period and None not in (fact.period, other.period):
        return False
    if fact.evidence is not None and other.evidence is not None and fact.evidence.start == other.evidence.start:
        return True
    if fact.evidence is not None and other.evidence is not None and fact.evidence.sentence_start == other.evidence.sentence_start:
        return False  # 'le PIB progresse de 0,2 %, comme l'investissement (+0,2 %)'
    in_headline = any(f.evidence is not None and f.evidence.sentence_start == 0 for f in (fact, other))
    return in_headline or not fact.metric or not other.metric or bool(_words(fact.metric) & _words(other.metric))


def _words(metric: str) -> set[str]:
    return {word.rstrip("sx") for word in metric.replace("'", " ").split() if len(word) > 3}


def _more_complete(fact: Fact, kept: Fact) -> bool:
    """More fields known; else a metric that says more of the same thing.

    A headline says less than its lead: 'le rythme annuel ralentit à 9,2 %' under 'le rythme d'inflation
    annuel en Algérie s'est établi à 9,2 %', 'le taux grimpe à 12,9 %' under 'le taux de chômage …'.
    """
    fields = [(f.period is not None) + (f.source is not None) + bool(f.metric) for f in (fact, kept)]
    if fields[0] != fields[1]:
        return fields[0] > fields[1]
    if not (fact.metric and kept.metric):
        return False
    return _words(kept.metric) < _words(fact.metric) or (kept.metric in bare_measure_nouns()
                                                         and fact.metric not in bare_measure_nouns())

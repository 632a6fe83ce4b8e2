"""The chiffres_keys component: each fact's metric_key and status, what grouping facts across articles goes by."""
from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.pipeline.extensions import declare
from nlp.pipeline.fact import Fact
from nlp.grouping.keys import Parts, key, metric_parts, read_words, scopes_in, with_scopes
from nlp.parsing.lexicon import bare_measure_nouns, metric_keys, stock_nouns
from nlp.parsing.numbers import same_up_to_rounding
from nlp.pipeline.loader import require
from nlp.relations.distribution import respectively
from nlp.relations.timeline import is_comparison
from nlp.grouping.status import status_of

_FIGURES = ("MONEY", "PERCENT", "QUANTITY")
_LEVELS = ("amount", "count")


@Language.factory("chiffres_keys", assigns=["doc._.facts"], default_config={})
class KeyMaker:
    """Give each fact its metric_key (nlp/grouping/keys.py, completed from its sentence) and its status."""

    def __init__(self, nlp: Language, name: str = "chiffres_keys"):
        self.name = name
        self.nlp = nlp
        declare()

    def __call__(self, doc: Doc) -> Doc:
        require(self.nlp, self.name, "chiffres_facts")
        doc._.facts = keyed(doc, doc._.facts or [])
        return doc


def keyed(doc: Doc, facts: list[Fact]) -> list[Fact]:
    """The facts of a document with their metric_key and status."""
    spans = [_span_of(doc, fact) for fact in facts]
    parts = [metric_parts(fact.metric, fact.kind) for fact in facts]
    for i, (fact, span) in enumerate(zip(facts, spans)):
        if span is None:
            continue
        found = scopes_in(_segment(span), besides=f"{fact.metric} {fact.unit}")
        if fact.kind != "change":
            found.pop("base", None)  # a level compares with nothing
        parts[i] = with_scopes(parts[i], found)
        if parts[i].generic:
            parts[i] = with_scopes(parts[i], scopes_in(span.sent.text))
        parts[i] = replace(parts[i], per=_per(span))
    _complete_from_the_figure_before(facts, parts, spans)
    _complete_from_the_headline_topic(parts, spans)
    _complete_from_a_fuller_name(facts, parts)
    _scopes_of_the_topic(facts, parts)
    _measure_changes_by_their_levels(facts, parts, spans)
    _hold_listed_items(facts, parts, spans)
    _as_the_figure_compared(facts, parts, spans)
    keyed_facts = []
    for i, (fact, p, span) in enumerate(zip(facts, parts, spans)):
        metric_key = key(p, fact.unit, fact.kind, fact.source)
        if _says_too_little(fact, p):
            metric_key = _apart(metric_key, fact, i)
        status = status_of(span, fact.period, doc._.date) if span is not None else "actual"
        keyed_facts.append(replace(fact, metric_key=metric_key, status=status))
    return _apart_when_undecided(keyed_facts)


def _says_too_little(fact: Fact, parts: Parts) -> bool:
    """Nothing says what is measured, or a growth of payments that does not say whether of their number or value."""
    return not parts.object or (fact.kind == "change" and fact.unit == "%" and not parts.measure and parts.generic)


def _apart(metric_key: str, fact: Fact, index: int) -> str:
    """A key of its own: the key, '@', the figure's offset in its article."""
    return f"{metric_key}@{fact.evidence.start if fact.evidence else index}"


def _span_of(doc: Doc, fact: Fact) -> Span | None:
    if fact.evidence is None:
        return None
    return doc.char_span(fact.evidence.start, fact.evidence.end, alignment_mode="expand")


def _sentence(span: Span | None) -> int | None:
    return span.sent.start if span is not None else None


def _complete_from_the_figure_before(facts: list[Fact], parts: list[Parts], spans: list[Span | None]) -> None:
    """'Les montants engagés sont de 156 millions de DH' after '211.000 opérations de paiement …': a measure alone
    measures what the figure before it, in its sentence or the one before, measures."""
    for i in range(1, len(parts)):
        if parts[i].object or spans[i] is None:
            continue
        sentence = spans[i].sent
        before = spans[i].doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
        for j in range(i - 1, -1, -1):
            if spans[j] is None or spans[j].start < before:
                break
            if parts[j].object and facts[j].kind != "share":
                scopes = dict(parts[j].scopes) | dict(parts[i].scopes)
                parts[i] = replace(parts[i], object=parts[j].object, scopes=tuple(sorted(scopes.items())))
                break


def _segment(span: Span) -> str:
    """The words of its sentence between the figure before it and the figure after it, its own included."""
    sentence = span.sent
    figures = [e for e in span.doc.ents if e.label_ in _FIGURES and sentence.start <= e.start < sentence.end]
    start = max([e.end for e in figures if e.end <= span.start], default=sentence.start)
    end = min([e.start for e in figures if e.start >= span.end], default=sentence.end)
    return span.doc[start:end].text


def _per(span: Span) -> str:
    """'4 500 transactions par heure', '2,75 CHF par action': what the figure is a rate of, else ''."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].lower_ == "par" and doc[span.end + 1].lemma_.lower() in metric_keys()["per"]:
        return doc[span.end + 1].lemma_.lower()
    return ""


def _complete_from_the_headline_topic(parts: list[Parts], spans: list[Span | None]) -> None:
    """'Chômage : le taux grimpe à 12,9 %': a bare measure in a sentence that opens on a topic and a colon is the topic's."""
    for i, span in enumerate(spans):
        if span is None or (parts[i].object and parts[i].object not in bare_measure_nouns()):
            continue
        sentence = span.sent
        colon = next((t.i for t in sentence if t.text == ":"), None)
        topic = span.doc[sentence.start : colon] if colon is not None else None
        if not topic or colon > span.start or any(t.pos_ not in ("NOUN", "ADJ", "DET", "ADP") or t.ent_type_ for t in topic):
            continue
        words = " ".join(read_words(topic.text))
        parts[i] = replace(parts[i], object=f"{parts[i].object} de {words}" if parts[i].object else words)


def _measure_changes_by_their_levels(facts: list[Fact], parts: list[Parts], spans: list[Span | None]) -> None:
    """A change that names no measure measures the level it reaches ('+56% à 1,3 million d'opérations'), else the
    levels of the same thing its sentence gives, when they are all amounts or all counts ('une progression de 48,3 % en
    passant de 507,4 millions de dirhams à 752,3 millions')."""
    by_start = {span.start: i for i, span in enumerate(spans) if span is not None}
    for i, fact in enumerate(facts):
        if fact.kind != "change" or parts[i].measure or spans[i] is None:
            continue
        doc, end = spans[i].doc, spans[i].end
        reached = by_start.get(end + 1) if end + 1 < len(doc) and doc[end].lower_ == "à" else None
        if reached is not None and facts[reached].kind in _LEVELS:
            parts[i] = replace(parts[i], measure=parts[reached].measure)
            continue
        same = {parts[j].measure for j, other in enumerate(facts)
                if other.kind in _LEVELS and _sentence(spans[j]) == _sentence(spans[i])
                and (parts[j].object, _levels_scopes(parts[j])) == (parts[i].object, _levels_scopes(parts[i]))}
        if len(same) == 1:
            parts[i] = replace(parts[i], measure=same.pop())


def _levels_scopes(parts: Parts) -> tuple:
    return tuple((family, name) for family, name in parts.scopes if family != "base")


def _complete_from_a_fuller_name(facts: list[Fact], parts: list[Parts]) -> None:
    """'les avoirs avaient reculé de 1,9 %' after 'les avoirs officiels de réserve': a stock named by its head noun
    alone is the one an earlier figure of its article named in full."""
    stocks = {" ".join(read_words(noun)) for noun in stock_nouns()}
    for i, fact in enumerate(facts):
        if parts[i].object not in stocks or read_words(fact.metric) != [parts[i].object]:
            continue
        # ('6 mois d'importations' names the reserves in another unit: an amount is named by an amount)
        fuller = [parts[j].object for j in range(i) if facts[j].source == fact.source
                  and facts[j].kind in {"amount", fact.kind} - {"share"} and parts[j].object.startswith(parts[i].object + " ")]
        if fuller:
            parts[i] = replace(parts[i], object=fuller[-1])


def _scopes_of_the_topic(facts: list[Fact], parts: list[Parts]) -> None:
    """'la valeur annuelle des transactions' in an article on transactions 'effectuées par monnaie électronique': a
    generic object whose words and sentence name no channel takes the channel of the same object earlier in its
    article (the channel is what the article is about; a place or a card's origin is said where it applies)."""
    for i, fact in enumerate(facts):
        if not parts[i].generic or not parts[i].object or "canal" in dict(parts[i].scopes):
            continue
        earlier = [dict(parts[j].scopes)["canal"] for j in range(i) if parts[j].object == parts[i].object
                   and "canal" in dict(parts[j].scopes) and facts[j].source == fact.source]
        if earlier:
            parts[i] = with_scopes(parts[i], {"canal": {earlier[-1]}})


def _as_the_figure_compared(facts: list[Fact], parts: list[Parts], spans: list[Span | None]) -> None:
    """'un dividende de 2,75 CHF par action, contre 2,40 CHF un an plus tôt', 'de 0,6 % en rythme mensuel, après une
    hausse de 1,4 %': the term of a comparison is a rate of, and has the scopes of, the figure it is compared with."""
    for i, span in enumerate(spans):
        if span is None or not is_comparison(span):
            continue
        for j in range(i - 1, -1, -1):
            if spans[j] is None or _sentence(spans[j]) != _sentence(span):
                break
            if facts[j].metric == facts[i].metric and facts[j].unit == facts[i].unit:
                scopes = {family: {name} for family, name in parts[j].scopes}
                parts[i] = with_scopes(replace(parts[i], per=parts[i].per or parts[j].per), scopes)
                break


def _hold_listed_items(facts: list[Fact], parts: list[Parts], spans: list[Span | None]) -> None:
    """'les grands facturiers, les compagnies aériennes ou les services financiers. … les montants des opérations ont
    respectivement atteint 270,3 MDH, 269,8 millions et 133,7 millions': each figure is its item's, when the metric
    does not already say whose."""
    by_start = {span.start: i for i, span in enumerate(spans) if span is not None}
    done: set[int] = set()
    for span in spans:
        if span is None or span.sent.start in done:
            continue
        done.add(span.sent.start)
        sentence = span.sent
        figures = [e for e in span.doc.ents if e.label_ in _FIGURES and sentence.start <= e.start < sentence.end]
        shared = [by_start[f.start] for f in respectively(sentence, figures) if f.start in by_start]
        if len(shared) < 2 or len({facts[i].metric for i in shared}) != 1:
            continue
        items = _listed_items(sentence, len(shared))
        if items:
            for i, item in zip(shared, items):
                parts[i] = replace(parts[i], holder=item)


def _listed_items(sentence: Span, count: int) -> list[str] | None:
    """The last `count` noun phrases of a list ('A, B ou C') before 'respectivement', in its sentence or the one before."""
    doc = sentence.doc
    cue = next(t.i for t in sentence if t.lower_.startswith("respecti"))
    scopes = [doc[sentence.start : cue]]
    if sentence.start > 0:
        scopes.append(doc[sentence.start - 1].sent)
    for scope in scopes:
        chunks, separators, current = [], [], []
        for token in scope:
            if token.text == "," or token.pos_ == "CCONJ":
                chunks.append(current)
                separators.append(token.pos_ == "CCONJ")
                current = []
            elif not token.is_punct or token.text in ("«", "»"):
                current.append(token)
        chunks.append(current)
        listed = chunks[-count:]
        nouns = [[t for t in chunk if t.pos_ in ("NOUN", "PROPN")] for chunk in listed]
        if len(listed) == count and all(nouns) and separators and separators[-1]:
            return [_item(chunk[-1]) for chunk in nouns]
    return None


def _item(noun) -> str:
    adjectives = [t for t in noun.children if t.dep_ == "amod" and t.pos_ == "ADJ"]
    tokens = sorted([noun, *adjectives], key=lambda t: t.i)
    return " ".join(read_words(" ".join(t.text for t in tokens)))


def _apart_when_undecided(facts: list[Fact]) -> list[Fact]:
    """Facts of one article with the same key, period and status but different values: the words around them did not
    tell them apart, so each keeps a key of its own (the key, '@', its offset) rather than mix two quantities."""
    groups: dict[tuple, list[int]] = {}
    for i, fact in enumerate(facts):
        if "@" in fact.metric_key:
            continue
        groups.setdefault((fact.metric_key, fact.period, fact.status), []).append(i)
    undecided = set()
    for members in groups.values():
        if any(not same_up_to_rounding(facts[i].value, facts[j].value, facts[i].qualifier, facts[j].qualifier)
               for i in members for j in members if i < j):
            undecided.update(members)
    return [replace(fact, metric_key=_apart(fact.metric_key, fact, i)) if i in undecided else fact
            for i, fact in enumerate(facts)]

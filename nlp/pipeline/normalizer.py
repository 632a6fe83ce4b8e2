"""Give each figure and period span its value, through the pure parsers."""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from nlp.parsing.counts import Count, counted_noun, parse_count
from nlp.pipeline.extensions import declare
from nlp.parsing.lexicon import scale_words, shared_currency_words
from nlp.parsing.money import Money, parse_money
from nlp.parsing.numbers import qualifier_before, read_number
from nlp.parsing.percent import parse_percent
from nlp.parsing.periods import parse_period, publication_date
from nlp.pipeline.loader import require

FIGURES = ("MONEY", "PERCENT", "QUANTITY")
_YEAR_DIGITS = 4
# Words that tie a bare number to the figure beside it: '411 sites ... contre 258',
# 'passé de 670 mille à 1,2 million d'opérations', '270,3 MDH, 269,8 millions et 133,7 millions'.
_ELLIPSIS_LINKS = {"contre", "de", "à", "et", ",", "puis", "ou", "vs", "après", "avant"}


@Language.factory(
    "chiffres_normalizer",
    assigns=["doc.ents", "span._.value", "span._.elliptical", "doc._.unparsed"],
    default_config={},
)
class Normalizer:
    """Parse MONEY, PERCENT, QUANTITY and PERIOD spans; add the elliptical figures of a list."""

    def __init__(self, nlp: Language, name: str = "chiffres_normalizer"):
        self.name = name
        self.nlp = nlp
        declare()

    def __call__(self, doc: Doc) -> Doc:
        # Without the figure ruler there is nothing to normalise, and without sentences no fact: say so, never 0 facts.
        require(self.nlp, self.name, "chiffres_figure_ruler")
        if not doc.has_annotation("SENT_START"):
            raise ValueError(f"{self.name}: expected sentences (a parser or a senter before it), found a doc without them")
        doc._.date = publication_date(doc._.date)  # set by hand on a pipeline's doc: checked here, at the first use
        kept, unparsed = [], []
        text = doc.text  # built anew from the tokens at each access: read once
        for span in _join_ranges(doc):
            if span.label_ in FIGURES or span.label_ == "PERIOD":
                value = self.parse(span, doc._.date, text)
                if value is None:
                    unparsed.append((span.label_, span.text, span.start_char))
                    continue
                span._.value = value
            kept.append(span)
        _in_the_article_currency(doc, kept)
        kept.extend(self._elliptical(doc, text, kept))
        for span in kept:
            if span.label_ == "QUANTITY":
                span._.elliptical = _noun_unwritten(span)
        doc.ents = filter_spans(kept)
        doc._.unparsed = unparsed
        return doc

    @staticmethod
    def parse(span: Span, reference, text: str):
        """The value of one span, None when its text cannot be read; `text` is the doc's."""
        if span.label_ == "PERIOD":
            return parse_period(span.text, reference)
        left = text[max(0, span.start_char - 40) : span.start_char]
        qualifier = qualifier_before(left)
        if span.label_ == "MONEY":
            value = parse_money(span.text)
        elif span.label_ == "PERCENT":
            value = parse_percent(span.text)
        else:
            value = parse_count(span.text, noun=_counted_noun(span))
        if value is None:
            return None
        if qualifier != "=" and value.qualifier == "=":
            value = replace(value, qualifier=qualifier)
        return value

    def _elliptical(self, doc: Doc, text: str, spans: list[Span]) -> list[Span]:
        """Bare numbers that share the unit of a figure of their sentence, or count what 'le nombre de' names."""
        taken = {i for span in spans for i in range(span.start, span.end)}
        figures = [s for s in spans if s.label_ in ("MONEY", "QUANTITY") and s._.value is not None]
        found = []
        for token in doc:
            if token.i in taken or not (token.like_num or token.text[:1].isdigit()):
                continue
            number = read_number(text, token.idx)
            if number is None or (not number.scaled and len(token.text) == _YEAR_DIGITS and token.text.isdigit()):
                continue
            end_char = number.end
            span = doc.char_span(token.idx, end_char, alignment_mode="strict")  # "4G." is no number
            if span is None or any(i in taken for i in range(span.start, span.end)):
                continue
            before = doc[span.start - 1].lower_ if span.start > 0 else ""
            after = doc[span.end].lower_ if span.end < len(doc) else ""
            if after in ("de", "d'", "%") or (span.end < len(doc) and doc[span.end].pos_ in ("NOUN", "PROPN")):
                continue
            if before in _NOT_A_FIGURE_BEFORE or text[span.end_char : span.end_char + 1].isalpha():
                continue  # 'n°4833', '4G'

            partner = _partner(span, figures, before, after) if number.scaled or before in _ELLIPSIS_LINKS else None
            if partner is not None and number.scaled and getattr(partner._.value, "noun", None) in DURATIONS:
                partner = None  # 'couvrent 4,8 mois d'importations, contre 6 430 milliards': no milliards of months
            if partner is not None:
                value, label = _same_unit(span, text, partner), partner.label_
            else:
                value, label = _counted(span, text, number.value), "QUANTITY"
            if value is None and number.scaled:
                partner = _amount_before(span, figures)
                if partner is not None:
                    value, label = _same_unit(span, text, partner), partner.label_
            if value is None:
                continue
            ellipsis = Span(doc, span.start, span.end, label=label)
            ellipsis._.value = value
            ellipsis._.elliptical = label == "MONEY"  # an amount in its partner's currency (a count: see _noun_unwritten)
            found.append(ellipsis)
            taken.update(range(span.start, span.end))
        return found


def _noun_unwritten(span: Span) -> bool:
    """A count whose words are only its number and scale, its noun implied by its neighbour: 'contre 258'."""
    return not any(t.is_alpha and t.lower_ not in scale_words() and t.lower_ not in ("de", "d'") for t in span)


def _in_the_article_currency(doc: Doc, spans: list[Span]) -> None:
    """'4 054 milliards de dinars' in an article about Algeria are Algerian dinars (see shared_currency_words.yaml)."""
    shared = shared_currency_words()
    ambiguous = [s for s in spans if s.label_ == "MONEY" and s[-1].lower_ in shared]
    if not ambiguous:
        return
    words = Counter(token.lower_ for token in doc)
    for span in ambiguous:
        countries = shared[span[-1].lower_]
        if span._.value.currency not in countries:
            continue
        named = {code: sum(words[name] for name in names) for code, names in countries.items()}
        best = max(named.values())
        leaders = [code for code, count in named.items() if count == best]
        if best and len(leaders) == 1:
            span._.value = replace(span._.value, currency=leaders[0])


_RANGE_OPENERS = {"entre", "de", "du", "depuis"}
_RANGE_LINKS = {"et", "à", "au", "-", "jusqu'à", "jusqu'au", "jusqu'en"}
_ARTICLES = {"le", "la", "l'", "les"}


def _join_ranges(doc: Doc) -> list[Span]:
    """'entre novembre 2023 et juin 2024': two period spans and their link make one interval."""
    spans = list(doc.ents)
    joined = []
    i = 0
    while i < len(spans):
        span = spans[i]
        following = spans[i + 1] if i + 1 < len(spans) else None
        if span.label_ == "PERIOD" and following is not None and following.label_ == "PERIOD":
            between = [t.lower_ for t in doc[span.end : following.start]]
            if between and between[0] in _RANGE_LINKS and all(w in _ARTICLES for w in between[1:]):
                start = span.start
                while start > 0 and doc[start - 1].lower_ in _RANGE_OPENERS | _ARTICLES and span.start - start < 2:
                    start -= 1
                candidate = Span(doc, start, following.end, label="PERIOD")
                value = parse_period(candidate.text, doc._.date)
                # 'en 2021 et en 2022' lists two periods; 'juillet et août 2023' and 'entre … et …' make one.
                listed = between[0] == "et" and doc[start].lower_ not in _RANGE_OPENERS and following[0].pos_ == "ADP"
                if value is not None and not listed and (start == span.start or doc[start].lower_ in _RANGE_OPENERS or between[0] == "et"):
                    joined.append(candidate)
                    i += 2
                    continue
        joined.append(span)
        i += 1
    return joined


def _partner(span: Span, figures: list[Span], before: str, after: str) -> Span | None:
    """The figure of the same sentence whose unit the bare number takes: the one before, else after."""
    # An aside in brackets ('(110 jours d'importation)') does not lend its unit to a number outside it.
    aside = in_brackets(span)
    same_sentence = [f for f in figures if f.sent.start == span.sent.start and in_brackets(f) == aside]
    earlier = [f for f in same_sentence if f.end <= span.start]
    later = [f for f in same_sentence if f.start >= span.end]
    if earlier and before in _ELLIPSIS_LINKS:
        return earlier[-1]
    if later and after in ("à", "et", "contre", ","):
        return later[0]
    return earlier[-1] if earlier else None


DURATIONS = {"jour", "semaine", "mois", "an", "année", "heure"}  # units of time counted like nouns
_AMOUNT_REACH = 3


def _amount_before(span: Span, figures: list[Span]) -> Span | None:
    """'Ils se sont chiffrés à 21,3 milliards': the currency written once, in the amount a few sentences before.

    Only in a sentence with a verb, since a list line ('Base clients : 39,6 millions') may count anything.
    """
    sentence = span.sent
    if not any(t.pos_ in ("VERB", "AUX") for t in sentence) or (span.start > 1 and span.doc[span.start - 2].lower_ == "nombre"):
        return None  # ('au nombre de 1,9 milliard' counts)
    earlier = [f for f in figures if f.end <= sentence.start]
    if not earlier or earlier[-1].label_ != "MONEY":
        return None
    starts = []
    for token in span.doc[earlier[-1].start : sentence.start]:
        if token.is_sent_start:
            starts.append(token.i)
    return earlier[-1] if len(starts) <= _AMOUNT_REACH else None


def named_by_next(sent: Span) -> Span | None:
    """The sentence that names a figure standing alone before it: 'Près de 2,1 milliards. C'est ce qu'ont …'."""
    doc = sent.doc
    if sent.end >= len(doc) or any(t.pos_ in ("VERB", "AUX") for t in sent):
        return None
    following = doc[sent.end].sent
    words = [t.lower_.replace("’", "'") for t in following[:2]]
    return following if words == ["c'", "est"] else None


def in_brackets(span: Span) -> bool:
    """Whether the span sits inside brackets opened in its sentence."""
    depth = 0
    for token in span.doc[span.sent.start : span.start]:
        depth += (token.text == "(") - (token.text == ")")
    return depth > 0


def _counted_noun(span: Span) -> str | None:
    """The lemma of the noun a count span counts, with the adjectives after it: '211.000 opérations de paiement' -> 'opération'."""
    words = [t for t in span if t.text.replace("-", "").isalpha() and t.lower_ not in scale_words()]
    nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN")]
    # '3.617 terminaux': a counted noun the tagger read as an adjective
    head = nouns[0] if nouns else next((t for t in words if t.pos_ == "ADJ"), None)
    if head is None:
        return None
    following = [t.lemma_.lower() if t.pos_ in ("NOUN", "PROPN", "ADJ") else t.lower_.replace("’", "'")
                 for t in span[head.i - span.start + 1 :]]
    return counted_noun([head.lemma_.lower(), *following]) or None


_NOT_A_FIGURE_BEFORE = {"n°", "no", "numéro", "article", "loi", "décret", "page", "chapitre", "tél", "tel"}


def _counted(span: Span, text: str, value) -> Count | None:
    """A bare number in a sentence about 'le nombre de N' counts N: 'le nombre de faillites a atteint 9 457'."""
    sentence = span.sent
    tokens = list(sentence)
    # 'Plus de 1,2 million. C'est le nombre de touristes …': the next sentence names what was counted.
    tokens += list(named_by_next(sentence) or [])
    for token in tokens:
        if token.lower_ == "nombre" and token.i + 2 < len(span.doc) and token.nbor(1).lower_ in ("de", "d'", "d’"):
            noun = token.nbor(2)
            if noun.pos_ in ("NOUN", "PROPN") and noun.is_alpha:
                qualifier = qualifier_before(text[max(0, span.start_char - 40) : span.start_char])
                return Count(value, noun.lemma_.lower(), qualifier)
    return None


def _same_unit(span: Span, text: str, partner: Span):
    """The bare number's value in the unit of its partner figure."""
    number = read_number(span.text)
    if number is None:
        return None
    qualifier = qualifier_before(text[span.sent.start_char : span.start_char])
    if partner.label_ == "MONEY":
        return Money(number.value, partner._.value.currency, qualifier)
    return Count(number.value, partner._.value.noun, qualifier)

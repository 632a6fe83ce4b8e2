"""The metric of a figure: the noun phrase it measures, read from the dependency parse."""
from __future__ import annotations

from spacy.tokens import Span, Token

from nlp.lexicon import change_words, non_metric_nouns
from nlp.relations.kind import change_cue

_FIGURES = ("MONEY", "PERCENT", "QUANTITY")
_LIMIT = 8
_STOP_POS = {"PUNCT", "VERB", "AUX", "CCONJ", "SCONJ", "PRON"}
_LEVEL_VERBS = {"atteindre", "élever", "établir", "totaliser", "chiffrer", "ressortir", "culminer", "situer",
                "être", "réaliser", "enregistrer", "afficher", "passer", "représenter", "avoisiner", "dépasser",
                "franchir", "s'élever", "s'établir", "se chiffrer", "porter", "augmenter", "progresser",
                "reculer", "baisser", "diminuer", "croître", "évoluer", "régresser"}
_SUBJECTS = ("nsubj", "nsubj:pass")


def noun_phrase(head: Token) -> str:
    """The head noun with the modifiers that let it stand alone: 'montant total des paiements en ligne'."""
    doc = head.doc
    subtree = {t.i for t in head.subtree}
    start = head.i
    while start - 1 in subtree and doc[start - 1].pos_ == "ADJ" and doc[start - 1].head.i == head.i:
        start -= 1
    end = head.i + 1
    while end in subtree and end - start < _LIMIT:
        token = doc[end]
        if token.pos_ in _STOP_POS or token.ent_type_ in _FIGURES or token.ent_type_ == "PERIOD":
            break
        end += 1
    while end - 1 > head.i and doc[end - 1].pos_ in ("ADP", "DET"):
        end -= 1
    return " ".join(t.text for t in doc[start:end]).lower().replace("' ", "'").replace("’ ", "’")


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in _SUBJECTS:
            return child
    return None


def _nominal(token: Token | None) -> Token | None:
    """A subject that is a noun (a pronoun names nothing by itself)."""
    if token is None or token.pos_ not in ("NOUN", "PROPN") or not _names_a_measure(token):
        return None
    return token


def _names_a_measure(token: Token) -> bool:
    """A noun that can head a metric: not a change word, a qualifier or time word, an organisation or a period."""
    lemma = token.lemma_.lower()
    return (lemma not in change_words() and lemma not in non_metric_nouns()
            and token.ent_type_ not in ("ORG", "PERIOD", "PER", "LOC") and token.ent_type_ not in _FIGURES)


def metric_of(span: Span, previous: str | None = None) -> str | None:
    """The metric of one figure; `previous` is the metric of the figure before it in the sentence."""
    doc = span.doc
    sent = span.sent
    cest = _cest_phrase(span)
    if cest:
        return cest
    cue = change_cue(span) if span.label_ == "PERCENT" else None
    if cue is not None:
        _, token = cue
        for child in token.children:
            if child.dep_ == "nmod" and child.pos_ == "NOUN" and child.i < span.start and _names_a_measure(child):
                return noun_phrase(child)
        holder = token if token.pos_ in ("VERB", "AUX") else token.head
        subject = _nominal(_subject(holder)) if holder.pos_ in ("VERB", "AUX") else None
        if subject is not None:
            return noun_phrase(subject)
        if previous:
            return previous
    root = span.root
    head = root.head
    if head.pos_ == "NOUN" and head.i < span.start and _names_a_measure(head) and root.dep_ in ("nmod", "nummod", "obl:arg", "obl:mod"):
        return noun_phrase(head)
    verb = head if head.pos_ in ("VERB", "AUX") else head.head if head.head.pos_ in ("VERB", "AUX") else None
    if verb is None and root.dep_ == "ROOT":
        verb = root
    if verb is not None:
        subject = _nominal(_subject(verb))
        if subject is not None and subject.ent_type_ not in _FIGURES:
            return noun_phrase(subject)
    if span.label_ == "PERCENT" and previous:
        return previous
    if span.label_ == "QUANTITY" and span._.value is not None:
        return "nombre de " + _plural_phrase(span)
    for token in reversed(doc[sent.start : span.start]):
        if token.pos_ == "NOUN" and _names_a_measure(token):
            return noun_phrase(token)
    return previous


def _plural_phrase(span: Span) -> str:
    words = [t.text.lower() for t in span if t.is_alpha and t.pos_ in ("NOUN", "ADJ") and t.lower_ not in ("million", "millions", "milliard", "milliards", "mille")]
    return " ".join(words)


def _cest_phrase(span: Span) -> str | None:
    """'X : c'est le montant total des paiements ...' names the figure before the colon."""
    doc = span.doc
    after = doc[span.end : span.sent.end]
    for i, token in enumerate(after):
        if token.text == ":":
            rest = after[i + 1 : i + 5]
            words = [t.lower_ for t in rest]
            if words[:2] in (["c'", "est"], ["c’", "est"]) or words[:1] == ["c'est"]:
                for t in rest[2:]:
                    if t.pos_ == "NOUN":
                        return noun_phrase(t)
            return None
        if token.ent_type_ in _FIGURES and token.i > span.end + 8:
            return None
    return None

"""What a figure is: a result ('actual'), a forecast or a target, from the cues of its sentence and its period."""
from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from nlp.parsing.lexicon import status_cues
from nlp.parsing.periods import period_bounds
from nlp.relations.lemmas import verb_lemmas

# A cue inside one of these clauses speaks of that clause only: 'Le groupe, qui prévoit d'embaucher, a réalisé …'.
_CLAUSES = ("acl:relcl", "acl", "advcl")


def status_of(figure: Span, period: str | None, reference: date | None) -> str:
    """'forecast' or 'target' when its sentence says so or its period is still to come, else 'actual'."""
    bounds = period_bounds(period) if period else None
    past = reference is not None and bounds is not None and bounds[1] < reference
    cue = _cue_before(figure)
    if cue == "target" or (cue == "forecast" and not past):
        return cue
    if not past and _in_the_future_tense(figure):
        return "forecast"
    if reference is not None and bounds is not None and bounds[0] > reference:
        return "forecast"
    return "actual"


def _cue_before(figure: Span) -> str | None:
    """The status named by the nearest cue before the figure in its sentence, whose clause holds the figure."""
    cues = status_cues()
    for token in reversed(figure.doc[figure.sent.start : figure.start]):
        for status in ("target", "forecast"):
            if (token.lower_ in cues[status]["words"] or verb_lemmas(token) & cues[status]["lemmas"]) \
                    and _clause_holds(token, figure):
                return status
    return None


def _clause_holds(cue: Token, figure: Span) -> bool:
    """Whether the relative or adverbial clause the cue is in, if any, holds the figure too."""
    token = cue
    while token.head.i != token.i:
        if token.dep_ in _CLAUSES:
            return token.left_edge.i <= figure.start and figure.end - 1 <= token.right_edge.i
        token = token.head
    return True


def _in_the_future_tense(figure: Span) -> bool:
    """The verb the figure depends on is in the future: 'le PIB progressera de 3 %'."""
    token = figure.root
    while token.head.i != token.i and token.pos_ not in ("VERB", "AUX"):
        token = token.head
    return token.pos_ in ("VERB", "AUX") and "Fut" in token.morph.get("Tense")

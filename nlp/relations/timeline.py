"""The period of each figure: its clause, its sentence, else the discourse; relative periods resolved."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span

from nlp.periods import Period, RelativePeriod

# Words that introduce the term a figure is compared with: its period is the comparison's, not the figure's.
_COMPARISON = {"contre", "rapport", "comparé", "comparée", "comparés", "comparées", "comparativement", "vs", "face",
               "qu'", "qu’"}
_FIGURES = ("MONEY", "PERCENT", "QUANTITY")


def is_comparison(span: Span, reach: int = 4) -> bool:
    """Whether 'contre', 'par rapport à', 'comparé à' introduces this span, or the figure it dates.

    In '743 millions en 2012 contre 513 millions en 2011', 2011 is the comparison's period.
    """
    left = span.doc[max(span.sent.start, span.start - reach) : span.start]
    if any(t.lower_ in _COMPARISON for t in left):
        return True
    if span.label_ != "PERIOD":
        return False
    dated = [e for e in span.doc.ents if e.label_ in _FIGURES and span.sent.start <= e.start and e.end <= span.start]
    if not dated or span.start - dated[-1].end > reach:
        return False
    left_of_figure = span.doc[max(span.sent.start, dated[-1].start - 3) : dated[-1].start]
    return any(t.lower_ in _COMPARISON for t in left_of_figure)


class Timeline:
    """Every period of an article resolved in reading order, and the period of each figure."""

    def __init__(self, doc: Doc, reference: date | None = None):
        self.periods = [s for s in doc.ents if s.label_ == "PERIOD" and s._.value is not None]
        self.reference = reference
        self.year = reference.year if reference else self._infer_year()
        self.resolved: dict[int, Period] = {}
        antecedent = None
        for span in self.periods:
            value = span._.value
            if isinstance(value, RelativePeriod):
                if value.relation == "current" and reference is None and self.year and value.year is None:
                    value = replace(value, year=self.year)  # the article's own year, inferred
                value = value.resolve(antecedent, reference)
            if value is None:
                continue
            self.resolved[span.start] = value
            if not is_comparison(span):
                antecedent = value

    def _infer_year(self) -> int | None:
        """The article's own year: the latest it states, or the year after its comparisons."""
        years = []
        for span in self.periods:
            if isinstance(span._.value, Period):
                years.append(span._.value.year + (1 if is_comparison(span) else 0))
        return max(years) if years else None

    def period_of(self, figure: Span, kind: str, sentence_figures: list[Span], carried: Period | None) -> Period | None:
        """The figure's own period, else its sentence's, else the one carried from before."""
        comparison = is_comparison(figure, reach=3)
        candidates = [s for s in self.periods if s.sent.start == figure.sent.start and s.start in self.resolved]
        usable = [s for s in candidates if comparison or not is_comparison(s)]
        # 'de 50 points de base à 1,5 % en juin 2020': the level reached shares the change's period.
        following = [f for f in sentence_figures if f.start > figure.start
                     and not (f.start > 0 and f.doc[f.start - 1].lower_ in ("à", "a") and f.start - figure.end <= 2)]
        preceding = [f for f in sentence_figures if f.start < figure.start]
        limit = following[0].start if following else figure.sent.end
        floor = preceding[-1].end if preceding else figure.sent.start
        own = [s for s in usable if figure.end <= s.start < limit]
        if own:
            return self.resolved[own[0].start]
        if kind == "change":
            # A change is stated for the period of the level it qualifies: the latest one not compared with.
            stated = [s for s in candidates if not is_comparison(s)]
            if stated:
                return self.resolved[stated[-1].start]
        before = [s for s in usable if floor <= s.start < figure.start]
        if before:
            return self.resolved[before[-1].start]
        if usable:
            return self.resolved[usable[0].start]
        return carried

    def stated_in(self, sentence: Span) -> list[Period]:
        """The periods a sentence states for its own figures, in order (comparisons left out)."""
        return [self.resolved[s.start] for s in self.periods
                if s.sent.start == sentence.start and s.start in self.resolved and not is_comparison(s)]

    def last_before(self, position: int) -> Period | None:
        """The latest non-comparison period stated before a token position: what the discourse carries."""
        latest = None
        for span in self.periods:
            if span.start >= position:
                break
            if span.start in self.resolved and not is_comparison(span):
                latest = self.resolved[span.start]
        return latest

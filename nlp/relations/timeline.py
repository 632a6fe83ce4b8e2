"""The period of each figure: its clause, its sentence, else the discourse; relative periods resolved."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span

from nlp.parsing.lexicon import bare_measure_nouns, level_verbs, period_words, stock_nouns
from nlp.pipeline.normalizer import in_brackets
from nlp.parsing.periods import Period, RelativePeriod, month_period, parse_period
from nlp.relations.kind import anchor_figure, comparative, figures_in
from nlp.relations.layout import in_list_item
from nlp.relations.lemmas import verb_lemmas

# Words that introduce the term a figure is compared with: its period is the comparison's, not the figure's.
_COMPARISON = {"contre", "après", "rapport", "comparé", "comparée", "comparés", "comparées", "comparativement", "vs", "face",
               "qu'", "qu’"}
_FIGURES = ("MONEY", "PERCENT", "QUANTITY")


def is_comparison(span: Span, reach: int = 4) -> bool:
    """Whether 'contre', 'par rapport à', 'comparé à' introduces this span, or the figure it dates.

    In '743 millions en 2012 contre 513 millions en 2011', 2011 is the comparison's period.
    Looks only a few tokens back, so that it costs the same in any article.
    """
    doc = span.doc
    if any(t.lower_ in _COMPARISON for t in _left(doc, span.start, reach)):
        return True
    if span.label_ == "PERIOD" and span[0].lower_ == "depuis" and isinstance(span._.value, Period) and len(span._.value.iso()) == 4:
        return True  # 'son plus bas niveau depuis 2019': a point of comparison, not the figure's time
    if span.label_ != "PERIOD":
        return _coordinated_with_comparison(span) or _aside_of_comparison(span)
    start = span.start
    if start > 0 and doc[start - 1].text == ")":
        # 'contre 332,4 MMDH (5,4 mois) début janvier 2023': the period after an aside dates the figure before it
        opening = next((t.i for t in reversed(doc[max(0, start - 12) : start - 1]) if t.text == "("), None)
        if opening is not None:
            start = opening
    for token in reversed(_left(doc, start, reach)):
        if token.ent_type_ in _FIGURES:
            figure_start = token.i
            while figure_start > 0 and doc[figure_start].ent_iob_ == "I":
                figure_start -= 1
            figure = next(iter(figures_in(doc, figure_start, start)), None)
            # 'après une hausse de 1,4 % en avril': the cue may stand before the change noun;
            # 'inférieures de 2,3 % à leur niveau de 2019': a comparative compares with the period after it.
            return (any(t.lower_ in _COMPARISON for t in _left(doc, figure_start, 5))
                    or (figure is not None and comparative(figure) is not None)
                    or (figure is not None and _coordinated_with_comparison(figure)))
    return False


def _after_alone(figure: Span) -> bool:
    """'après -0,3 %' with no period of its own: the term before in a sequence of periods."""
    return figure.start > 0 and figure.doc[figure.start - 1].lower_ == "après"


def _after_a_compared_change(figure: Span) -> bool:
    """'après une hausse de 1,2 % en mai': the comparison stands before the change noun the figure completes."""
    tokens = _left(figure.doc, figure.start, 5)
    if not tokens or tokens[-1].lower_ not in ("de", "d'", "d’"):
        return False
    for i, token in enumerate(tokens[:-2]):
        between = tokens[i + 1 : -1]  # 'une première baisse'
        if token.lower_ in _COMPARISON and between and all(t.pos_ in ("DET", "ADJ", "NOUN") for t in between):
            return True
    return False


def _aside_of_comparison(figure: Span) -> bool:
    """'contre 358,6 MMDH (5,3 mois d'importations)': an aside on a compared figure is compared too."""
    doc = figure.doc
    if figure.start < 2 or doc[figure.start - 1].text != "(" or doc[figure.start - 2].ent_type_ not in _FIGURES:
        return False
    before = next(iter(figures_in(doc, max(figure.sent.start, figure.start - 12), figure.start - 1)[-1:]), None)
    return before is not None and is_comparison(before, reach=3)


def _coordinated_with_comparison(figure: Span, depth: int = 0) -> bool:
    """'contre 11,8 % au quatrième trimestre et 12,1 % un an plus tôt': the second term is compared too."""
    anchor = anchor_figure(figure) if figure.label_ in _FIGURES and depth < 4 else None
    if anchor is None:
        return False
    return any(t.lower_ in _COMPARISON for t in _left(figure.doc, anchor.start, 3)) or _coordinated_with_comparison(
        anchor, depth + 1)


def _left(doc: Doc, start: int, reach: int) -> list:
    """Up to `reach` tokens before `start`, within its sentence."""
    tokens = []
    for i in range(start - 1, max(-1, start - 1 - reach), -1):
        if doc[i + 1].is_sent_start and i + 1 == start:
            break
        tokens.append(doc[i])
        if doc[i].is_sent_start:
            break
    return tokens[::-1]


def at_its_end(period: Period | None, metric: str, kind: str) -> Period | None:
    """'l'encours atteint 230 milliards à fin mars': a stock or a level is read at the end of a to-date period;
    'les recettes ont atteint 512 MD au 10 février': a flow at a day is summed from the year's start."""
    if period is None or not period.cumulative:
        return period
    stock = _is_stock(metric, kind)
    if len(period.start) == 10 and period.start == period.end:
        if stock:
            return period
        day = date.fromisoformat(period.end)
        if (day + timedelta(days=1)).month != day.month:
            return month_period(day.year, 1, day.month)  # 'au 30 juin': the first half, as months
        return Period(f"{period.start[:4]}-01-01", period.end)
    if not stock:
        return period
    month = period.end if len(period.end) >= 7 else f"{period.end}-12"
    return Period(month, month)


def _is_stock(metric: str, kind: str) -> bool:
    """A level (a share or rate) or a metric whose head the lexicon lists as a stock."""
    if kind == "share":
        return True
    words = metric.removeprefix("variation ").removeprefix("de ").removeprefix("du ").removeprefix("des ").split()
    stocks = stock_nouns()
    if words and (words[0] in stocks or any(" ".join(words).startswith(s) for s in stocks if " " in s)):
        return True
    # 'montant des crédits à l'équipement' measures a stock
    return len(words) > 2 and words[0] in bare_measure_nouns() and words[1] in ("de", "des", "du") and words[2] in stocks


_DASHES = {"-", "–", "—", ":"}
# A day is a figure's period when the figure is measured at it ('au 31 mars', 'arrêté au 10 mai');
# otherwise it dates an event ('le 28 fév', 'l'assemblée du 29 juin'), not a figure.
_AT_A_DAY = {"au", "à", "fin", "jusqu'au", "arrêté", "arrêtée", "arrêtés", "arrêtées", "depuis", "entre", "du"}


def _reached(figure: Span) -> bool:
    """A level the figure reaches: 'pour atteindre 16,4 milliards', 'à 5,6 %'."""
    before = figure.doc[figure.start - 1].lower_ if figure.start > 0 else ""
    return before in ("à", "a") or bool(verb_lemmas(figure.root.head) & level_verbs())


def _at_a_day(span: Span) -> bool:
    """'au 10 février', 'arrêté au 31 mars': a figure measured at that day, or summed up to it."""
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return span[0].lower_ in ("au", "jusqu'au") or before in ("au", "jusqu'au", "arrêté", "arrêtés", "arrêtée", "arrêtées")


def _event_day(span: Span) -> bool:
    """A single day that dates an event ('le 28 fév', 'lors de l'assemblée du 29 juin')."""
    value = span._.value
    days = isinstance(value, Period) and len(value.start) == 10 and value.start == value.end
    days = days or (isinstance(value, RelativePeriod) and value.day is not None)
    if not days:
        return False
    first = span[0].lower_
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    if first in _AT_A_DAY or before in _AT_A_DAY - {"du"}:
        return False
    # 'le taux s'est établi à 3 % le 1er janvier': the day the figure is measured at.
    near = span.doc[max(0, span.start - 2) : span.start]
    if any(t.ent_type_ in _FIGURES for t in near):
        return False
    # 'du 1er janvier au 31 mars' is a range; 'l'assemblée générale du 29 juin' an event.
    return not (before == "du" and any(t.lower_ in ("au", "à") for t in span.doc[span.end : span.end + 3]))


def in_dateline(span: Span) -> bool:
    """'Dakar, 18 avr (APS) -': the wire's place and date open a paragraph; they date the story, no figure."""
    doc = span.doc
    start = span.start
    while start > 0 and "\n" not in doc[start - 1].text and "\n" not in doc[start - 1].whitespace_:
        start -= 1
    before = doc[start : span.start]
    if not (2 <= len(before) <= 5 and before[-1].text == "," and before[0].is_title):
        return False
    after = [t.text for t in doc[span.end : span.end + 4]]
    if after[:1] == ["("] and ")" in after:
        after = after[after.index(")") + 1 :]
    return bool(after) and after[0] in _DASHES


_CLOSING = {"clos", "close", "clôturé", "clôturée", "achevé", "achevée", "terminé", "terminée", "arrêté", "arrêtée",
            "jusqu'à", "jusqu'au", "au", "fin"}


def _seasons(periods: list[Span], sentence_of: list[int]) -> dict:
    """Campaigns and fiscal years with their months: 'la campagne 2023/2024, du 1er octobre à fin mars' is 2023-10/2024-03.

    Returns the months of each such year span ('months', by span start) and the day and month spans it used up
    ('consumed'), which then date no figure of their own.
    """
    months: dict[int, Period] = {}
    consumed: set[int] = set()
    for index, span in enumerate(periods):
        value = span._.value
        if not (isinstance(value, Period) and len(value.start) == 4 and int(value.end) == int(value.start) + 1):
            continue
        first, last = int(value.start), int(value.end)
        opening = closing = None
        used = []
        for other in periods[index + 1 :]:
            if sentence_of[other.start] != sentence_of[span.start] or other.start - span.end > 14:
                break
            month = _month_of(other._.value)
            if month is None:
                break
            before = {t.lower_ for t in span.doc[max(span.end, other.start - 3) : other.start]} | {other[0].lower_}
            if before & _CLOSING or getattr(other._.value, "cumulative", False):
                closing = month
            elif opening is None:
                opening = month
            used.append(other.start)
        bracket = _bracketed_months(span)
        if bracket:
            opening, closing = bracket
        if opening is None and closing is None:
            continue
        if opening is None:
            opening = closing % 12 + 1  # 'exercice 2022-2023 clos le 31 mars': April to March
        if closing is None:
            closing = (opening - 2) % 12 + 1
        end_year = last if closing < opening else first
        months[span.start] = Period(f"{first}-{opening:02d}", f"{end_year}-{closing:02d}")
        consumed.update(used)
    if months:
        # 'exercice 2022-2023 clos le 31 mars … contre 2021-2022': the article's other fiscal years have those months.
        pattern = next(iter(months.values()))
        opening, closing = int(pattern.start[5:7]), int(pattern.end[5:7])
        for span in periods:
            value = span._.value
            if (span.start not in months and isinstance(value, Period) and len(value.start) == 4
                    and int(value.end) == int(value.start) + 1):
                end_year = int(value.end) if closing < opening else int(value.start)
                months[span.start] = Period(f"{value.start}-{opening:02d}", f"{end_year}-{closing:02d}")
    return {"months": months, "consumed": consumed}


def _month_of(value) -> int | None:
    """The month a day or an end-of-month expression names ('le 1er octobre', 'fin mars', 'le 31 mars 2024')."""
    if isinstance(value, RelativePeriod) and value.months:
        return value.months[1]
    if isinstance(value, Period) and len(value.end) >= 7 and (value.start == value.end or value.cumulative):
        return int(value.end[5:7])
    return None


def _bracketed_months(span: Span) -> tuple[int, int] | None:
    """'la campagne 2023/2024 (août-juillet)': the months written in brackets after it."""
    doc = span.doc
    words = [t.lower_ for t in doc[span.end : span.end + 5]]
    if len(words) < 5 or words[0] != "(" or words[2] not in ("-", "–", "à") or words[4] != ")":
        return None
    names = {form: int(month) for month, forms in period_words()["months"].items() for form in forms}
    if words[1] in names and words[3] in names:
        return names[words[1]], names[words[3]]
    return None


def sentence_starts(doc: Doc) -> list[int]:
    """The start of each token's sentence, computed once for the document."""
    starts = [0] * len(doc)
    for sentence in doc.sents:
        for i in range(sentence.start, sentence.end):
            starts[i] = sentence.start
    return starts


def _the_same_part_of(span: Span) -> bool:
    """'celui de cette année', 'celle de 2022': the same part of another year."""
    words = [t.lower_ for t in _left(span.doc, span.start, 2)]
    return len(words) == 2 and words[0] in ("celui", "celle", "ceux", "celles") and words[1] in ("de", "d'", "d’")


def _next_clause(figure: Span, period: Span) -> bool:
    return any(t.lower_ in ("et", "mais", "tandis", "alors", ";") for t in figure.doc[figure.end : period.start])


def _looking_back(span: Span) -> bool:
    """'En janvier, les ventes avaient encore progressé de 0,9 %': a pluperfect looks back from the article's time,
    which the next sentences keep."""
    return any(t.pos_ == "AUX" and "Imp" in t.morph.get("Tense") and t.head.morph.get("VerbForm") == ["Part"]
               and t.lemma_ in ("avoir", "être") for t in span.sent)


def _only(span: Span) -> bool:
    """'Pour le seul mois de mai, elles ont atteint 8,1 MMDH': a sentence that singles a period out for its own
    figures, which does not carry to the next ones (a sentence with no figure that says it sets the frame)."""
    return (any(t.lower_ in ("seul", "seule", "seuls", "seules") for t in _left(span.doc, span.start, 3))
            and bool(figures_in(span.doc, span.sent.start, span.sent.end)))


def _dates_a_noun_only(span: Span, period: Period, latest: Period | None) -> bool:
    """'l'acquis de croissance pour l'année 2023' after 'au troisième trimestre 2023': a wider period that
    qualifies a noun dates that noun, not the quarter the article is about.

    ('Pour l'ensemble de 2018, …' or a heading 'Principaux indicateurs du premier semestre 2024 :' frame what follows.)
    """
    if latest is None or not _widens(period, latest) or span.root.head.pos_ != "NOUN":
        return False
    fronted = (span.start <= span.sent.start + 1 or (span.end < len(span.doc) and span.doc[span.end].text == ",")
               or not any(t.pos_ in ("VERB", "AUX") for t in span.sent))
    return not fronted


def _widens(wide: Period, narrow: Period) -> bool:
    """Whether `wide` strictly contains `narrow`: 2023 around 2023-07/2023-09."""
    return (wide != narrow and wide.start <= narrow.start[: len(wide.start)]
            and narrow.end[: len(wide.end)] <= wide.end and len(wide.start) < len(narrow.start))


class _TableColumns:
    """A flattened table: a header line of periods between '|', then rows whose figures sit under them."""

    def __init__(self, doc: Doc):
        self.line: list[int] = []
        self.column: list[int] = []
        self.piped: set[int] = set()
        line = column = 0
        for token in doc:
            self.line.append(line)
            self.column.append(column)
            if token.text == "|":
                column += 1
                self.piped.add(line)
            if "\n" in token.text or "\n" in token.whitespace_:
                line, column = line + 1, 0
        periods = [s for s in doc.ents if s.label_ == "PERIOD"]
        by_line: dict[int, list[Span]] = {}
        for span in periods:
            if self.line[span.start] in self.piped:
                by_line.setdefault(self.line[span.start], []).append(span)
        self.headers = {line: spans for line, spans in by_line.items()
                        if len({self.column[s.start] for s in spans}) >= 2}

    def later_column(self, span: Span) -> bool:
        spans = self.headers.get(self.line[span.start], [])
        return bool(spans) and span.start != spans[0].start

    def period_of(self, figure: Span, resolved: dict) -> Period | None:
        line = self.line[figure.start]
        if line not in self.piped or self.column[figure.start] == 0:
            return None
        header = line - 1
        while header >= 0 and header not in self.headers and header in self.piped:
            header -= 1
        if header not in self.headers:
            return None
        spans = self.headers[header]
        under = [s for s in spans if self.column[s.start] == self.column[figure.start]]
        # A column with no period ('variation') is the change over the first one.
        span = under[0] if under else spans[0]
        return resolved.get(span.start)


class Timeline:
    """Every period of an article resolved in reading order, and the period of each figure."""

    def __init__(self, doc: Doc, reference: date | None = None, sentence_of: list[int] | None = None):
        self.periods = [s for s in doc.ents if s.label_ == "PERIOD" and s._.value is not None and not in_dateline(s)]
        self.sentence_of = sentence_of if sentence_of is not None else sentence_starts(doc)
        self.compared = {span.start: is_comparison(span) for span in self.periods}
        self.reference = reference
        self.year = reference.year if reference else self._infer_year()
        self.resolved: dict[int, Period] = {}
        self.table = _TableColumns(doc)
        # '- Effectif au 30 juin : 9 870': a list item's period dates that item, not the text after the list;
        # nor does 'Pour le seul mois de mai, …' (see _only). Both are decided once, not at every sentence.
        self.not_carried = {span.start for span in self.periods
                            if in_list_item(doc, span.start) or _only(span) or _looking_back(span)}
        for span in self.periods:
            if self.table.later_column(span):
                self.compared[span.start] = True  # '| 2022-2023 | 2021-2022 |': the columns after the first compare
        seasons = _seasons(self.periods, self.sentence_of)
        self.periods = [s for s in self.periods if s.start not in seasons["consumed"] and not _event_day(s)]
        antecedent = None
        for span in self.periods:
            if span.start in seasons["months"]:
                self.resolved[span.start] = seasons["months"][span.start]
                if not self.compared[span.start]:
                    antecedent = self.resolved[span.start]
                continue
            value = span._.value
            if isinstance(value, Period) and antecedent is not None and antecedent.fiscal_start() is not None:
                # 'le second semestre' of a fiscal year: the article's date placed it in the calendar year
                unresolved = parse_period(span.text)
                if isinstance(unresolved, RelativePeriod) and unresolved.relation == "current" and unresolved.year is None:
                    value = unresolved
            if isinstance(value, RelativePeriod):
                undated = value.relation == "current" and value.year is None and not value.this_year
                if value.relation == "current" and reference is None and self.year and value.year is None:
                    value = replace(value, year=self.year)  # the article's own year, inferred
                value = value.resolve(antecedent, reference)
                if (undated and value is not None and self.compared[span.start] and antecedent is not None
                        and value.start > antecedent.end and value.shifted(-1) is not None):
                    # 'au premier trimestre, contre 11,8 % au quatrième trimestre': a term compared with is earlier
                    value = value.shifted(-1)
            if value is None:
                continue
            if antecedent is not None and _the_same_part_of(span) and value.start == value.end and len(value.start) == 4:
                span_months = antecedent.month_span()
                if span_months is not None and span_months != (1, 12):
                    # 'entre le premier trimestre de 2022 et celui de cette année': that quarter of this year
                    value = month_period(value.year, *span_months)
            if len(value.start) == 10 and value.start == value.end and _at_a_day(span):
                value = replace(value, cumulative=True)  # 'au 10 février': to that day (see at_its_end)
            self.resolved[span.start] = value
            if not self.compared[span.start] and not _dates_a_noun_only(span, value, antecedent):
                antecedent = value  # ('contre +0,2 point au trimestre précédent' after 'pour l'année 2023': the quarter's)
        self._from_the_season_start(seasons["months"])

    def _from_the_season_start(self, seasons: dict) -> None:
        """'à fin mars' in an article about the campaign 2022/2023 opened in October: October to March."""
        current = [p for start, p in seasons.items() if not self.compared.get(start) and p.start[:4] != p.end[:4]]
        if len({(p.start, p.end) for p in current}) != 1:
            return
        season = current[0]
        for start, period in self.resolved.items():
            if (period.cumulative and (period.start[5:7] == "01" or period.start == period.end) and len(period.end) >= 7
                    and season.start < period.start[:7] and period.end[:7] <= season.end):
                self.resolved[start] = Period(season.start, period.end[:7], cumulative=True)

    def _infer_year(self) -> int | None:
        """The article's own year: the year after its comparisons, else the latest it states.

        'par rapport à celle de 2022', 'la même période de 2022': this is 2023, whatever campaign 2023/2024 it
        looks forward to.
        """
        stated, within_a_year, compared = [], [], []
        for span in self.periods:
            value = span._.value
            if isinstance(value, Period) and self.compared[span.start]:
                compared.append(value.year + 1)
            elif isinstance(value, Period):
                stated.append(value.year)
                if value.start[:4] == value.end[:4]:
                    within_a_year.append(value.year)
            elif value.relation == "same" and value.year is not None:
                compared.append(value.year + 1)
        if compared:
            return max(compared + within_a_year)
        return max(stated) if stated else None

    def period_of(self, figure: Span, kind: str, sentence_figures: list[Span], carried: Period | None) -> Period | None:
        """The figure's own period, else its column's in a table, else its sentence's, else the one carried from before."""
        column = self.table.period_of(figure, self.resolved)
        if column is not None:
            return column
        comparison = is_comparison(figure, reach=3) or _after_a_compared_change(figure)
        sentence = self.sentence_of[figure.start]
        # '2,4 % sur la période (2,1 % au premier trimestre …)': an aside's period dates only the aside
        candidates = [s for s in self.periods if self.sentence_of[s.start] == sentence and s.start in self.resolved
                      and (not in_brackets(s) or in_brackets(figure))]
        usable = [s for s in candidates if comparison or not self.compared[s.start]]
        # 'de 50 points de base à 1,5 % en juin 2020': the level reached shares the change's period.
        # ('contre 358,6 MMDH (5,3 mois) début mars': an aside does not end the figure's reach.)
        following = [f for f in sentence_figures if f.start > figure.start
                     and not (f.start > 0 and f.doc[f.start - 1].lower_ in ("à", "a") and f.start - figure.end <= 2)
                     and not (f.start - figure.end == 1 and f.doc[figure.end].text == "(")]
        preceding = [f for f in sentence_figures if f.start < figure.start]
        limit = following[0].start if following else len(figure.doc)
        floor = preceding[-1].end if preceding else sentence
        own = [s for s in usable if figure.end <= s.start < limit]
        before = [s for s in usable if floor <= s.start < figure.start]
        if own and before and _next_clause(figure, own[0]):
            # 'en février, les prix ont reculé de 4,6 % sur un an, et en mars leur repli …': March is the next clause's
            return self._read(before[-1], kind, figure)
        if own:
            return self._read(own[0], kind, figure)
        period = self._of_its_sentence(figure, kind, candidates, usable, floor) or carried
        if period is not None and not period.cumulative and _after_alone(figure):
            # '(+0,6 % après -0,3 %)', 's'établit à 18,1 %, après 17,9 %': the period just before, as long
            return period.preceding() or period
        return period

    def _of_its_sentence(self, figure: Span, kind: str, candidates: list[Span], usable: list[Span],
                         floor: int) -> Period | None:
        """The period a figure with none of its own takes from its sentence."""
        if kind == "change":
            # A change is stated for the period of the level it qualifies: the latest one not compared with.
            stated = [s for s in candidates if not self.compared[s.start]]
            if stated:
                return self._read(stated[-1], kind, figure)
        before = [s for s in usable if floor <= s.start < figure.start]
        if before:
            return self._read(before[-1], kind, figure)
        if usable:
            return self._read(usable[0], kind, figure)
        return None

    def _read(self, span: Span, kind: str, figure: Span) -> Period:
        """A period as a figure reads it: 'de 2019 à 2023' dates a change (or a flow), and a level reached its end."""
        period = self.resolved[span.start]
        if (kind != "change" and span[0].lower_ in ("de", "entre", "depuis") and len(period.start) == 4
                and period.start != period.end and _reached(figure)):
            return Period(period.end, period.end)
        return period

    def stated_in(self, sentence: Span) -> list[Period]:
        """The periods a sentence states for its own figures, in order (comparisons left out)."""
        return [self.resolved[s.start] for s in self.periods
                if self.sentence_of[s.start] == sentence.start and s.start in self.resolved and not self.compared[s.start]]

    def last_before(self, position: int) -> Period | None:
        """The latest non-comparison period stated before a token position: what the discourse carries."""
        latest = None
        for span in self.periods:
            if span.start >= position:
                break
            # An aside ('(8 % au T1 et 6 % au T2)') dates its own figures, not the sentences after it.
            if (span.start in self.resolved and not self.compared[span.start] and not in_brackets(span)
                    and span.start not in self.not_carried):
                period = self.resolved[span.start]
                if not _dates_a_noun_only(span, period, latest):
                    latest = period
        return latest

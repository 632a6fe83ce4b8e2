"""Parse a French period expression to ISO 8601, or to a relative period left for the relation step."""
from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime

import regex

from nlp.parsing.lexicon import fold_apostrophes, period_words


def publication_date(value) -> date | None:
    """A publication date as a `date`: from a date, a datetime (its day) or an ISO string; None stays None."""
    if value is None or type(value) is date:
        return value
    if isinstance(value, datetime):
        return value.date()  # a datetime compares with no date: keep its day
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip()).date()
        except ValueError:
            raise ValueError(f"date: expected an ISO date such as '2023-10-05', got {value!r}") from None
    raise TypeError(f"date: expected a datetime.date, a datetime.datetime or an ISO string such as '2023-10-05', "
                    f"got {type(value).__name__} {value!r}")


@dataclass(frozen=True)
class Period:
    """A closed interval at the precision the text gives: start and end are ISO dates."""

    start: str
    end: str
    # 'à fin mars': January to March for a flow, the month of March for a stock (the relation step decides).
    cumulative: bool = field(default=False, compare=False)

    def iso(self) -> str:
        return self.start if self.start == self.end else f"{self.start}/{self.end}"

    @property
    def year(self) -> int:
        return int(self.end[:4])

    def shifted(self, years: int) -> Period | None:
        """The same part of another year; None for an interval across years."""
        span = self.month_span()
        if span is None:
            return None
        if len(self.start) == 10:
            return day_period(self.year + years, int(self.start[5:7]), int(self.start[8:10]))
        return month_period(self.year + years, *span)

    def preceding(self) -> Period | None:
        """The period of the same length just before: the quarter before a quarter, the month before a month."""
        span = self.month_span()
        if span is None or len(self.start) == 10:
            return None
        length = span[1] - span[0] + 1
        first = self.year * 12 + span[0] - 1 - length
        return month_period(first // 12, first % 12 + 1, first % 12 + length)

    def moved(self, years: int) -> Period:
        """The same months, `years` later (earlier when negative): a campaign or fiscal year across two years."""
        return Period(f"{int(self.start[:4]) + years}{self.start[4:]}", f"{int(self.end[:4]) + years}{self.end[4:]}")

    def fiscal_start(self) -> int | None:
        """The first month, counted from year 0, of a twelve-month year that does not start in January; else None."""
        if len(self.start) != 7 or len(self.end) != 7 or self.start[5:7] == "01":
            return None
        first = int(self.start[:4]) * 12 + int(self.start[5:7]) - 1
        last = int(self.end[:4]) * 12 + int(self.end[5:7]) - 1
        return first if last - first == 11 else None

    def month_span(self) -> tuple[int, int] | None:
        """The months it covers within its last year, None for a multi-year interval."""
        if self.start[:4] != self.end[:4]:
            return None
        first = int(self.start[5:7]) if len(self.start) >= 7 else 1
        last = int(self.end[5:7]) if len(self.end) >= 7 else 12
        return first, last


@dataclass(frozen=True)
class RelativePeriod:
    """A period that only its antecedent or the article's date makes exact.

    relation: 'same' (la même période), 'previous' (l'année précédente, le trimestre précédent: before
    the period just mentioned), 'last' (l'an dernier, le mois dernier: before the article's date),
    'next' (l'année suivante), 'current' (l'année en cours, a month or quarter without its year)
    or 'rolling' (les douze derniers mois, which only the article's date could place).
    """

    relation: str
    unit: str = "year"
    year: int | None = None
    months: tuple[int, int] | None = None
    day: int | None = None
    to_date: bool = False
    shift: int = 0  # years: 'de l'année précédente', 'un an auparavant' step back one
    this_year: bool = False  # 'de l'année en cours': the article's year, whatever the months
    cumulative: bool = field(default=False, compare=False)  # 'à fin mars' (see Period)

    def resolve(self, antecedent: Period | None = None, reference: date | None = None) -> Period | None:
        """The exact period, against the period it refers back to or the article's date; None if neither tells."""
        period = self._resolve(antecedent, reference)
        return replace(period, cumulative=True) if period is not None and self.cumulative else period

    def _resolve(self, antecedent: Period | None, reference: date | None) -> Period | None:
        if self.relation == "same":
            if antecedent is not None and antecedent.month_span() is None and len(antecedent.start) == 7:
                # 'la même période de la campagne précédente' after October 2022 to March 2023
                years = (self.year - antecedent.year) if self.year is not None else self.shift
                return antecedent.moved(years) if years else antecedent
            if antecedent is None or antecedent.month_span() is None:
                return None
            year = self.year if self.year is not None else antecedent.year + self.shift
            return replace(month_period(year, *antecedent.month_span()), cumulative=antecedent.cumulative)
        if self.relation == "rolling":
            return None
        if self.relation == "next":
            return month_period(antecedent.year + 1, 1, 12) if antecedent else None
        if self.relation == "last" and reference is not None:
            antecedent = None
        if self.relation in ("previous", "last"):
            if antecedent is None:
                if reference is None:
                    return None
                antecedent = _containing(reference, self.unit)
            if self.unit == "year":
                return month_period(antecedent.year - 1, 1, 12)
            span = antecedent.month_span()
            length = _UNIT_MONTHS.get(self.unit)
            if span is None or length is None or span[1] - span[0] + 1 == length:
                return antecedent.preceding()
            # 'un mois plus tôt' after 'à fin mars': February; 'le trimestre précédent' after a year: its third quarter
            last = antecedent.year * 12 + span[1] - 1 - length
            if last % 12 + 1 < length:
                return antecedent.preceding()
            return month_period(last // 12, last % 12 + 2 - length, last % 12 + 1)
        if (self.year is None and self.day is None and self.months and not self.to_date and antecedent is not None
                and antecedent.fiscal_start() is not None and 3 <= self.months[1] - self.months[0] + 1 < 12):
            # 'le second semestre' of a fiscal year closed on 31 March: October to March
            first = antecedent.fiscal_start() + self.months[0] - 1
            last = first + self.months[1] - self.months[0]
            return Period(f"{first // 12}-{first % 12 + 1:02d}", f"{last // 12}-{last % 12 + 1:02d}")
        year = self.year
        if year is None and reference is not None:
            year = reference.year
            if self.months and not self.to_date and not self.this_year:
                # The latest such date up to a season after the article's: news reports the past
                # ('fin décembre' written in February is last December) and announces the near future
                # ('le 3 mai' written in April).
                month, day = self.months[1], self.day or 15
                year = max(y for y in (reference.year - 1, reference.year, reference.year + 1)
                           if (date(y, month, min(day, 28)) - reference).days <= _AHEAD_DAYS)
        elif year is None and antecedent is not None:
            year = antecedent.year
        if year is None:
            return None
        if self.day is not None and self.months:
            return day_period(year, self.months[0], self.day)
        if self.to_date:
            if reference is None:
                return None
            return month_period(year, 1, reference.month)
        return month_period(year, *(self.months or (1, 12)))


_AHEAD_DAYS = 92
_UNIT_MONTHS = {"year": 12, "semestre": 6, "trimestre": 3, "quadrimestre": 4, "mois": 1}


def _containing(day: date, unit: str) -> Period:
    """The year, half, quarter or month that contains `day`."""
    length = _UNIT_MONTHS.get(unit, 12)
    first = (day.month - 1) // length * length + 1
    return month_period(day.year, first, first + length - 1)


def month_period(year: int, first: int, last: int) -> Period:
    """Months `first`..`last` of `year`; the whole year is written as the year alone.

    'd'octobre à mars' runs over the turn of the year: from October of the year before.
    """
    if (first, last) == (1, 12):
        return Period(str(year), str(year))
    return Period(f"{year - 1 if first > last else year}-{first:02d}", f"{year}-{last:02d}")


def day_period(year: int, month: int, day: int) -> Period | None:
    try:
        iso = date(year, month, day).isoformat()
    except ValueError:
        return None
    return Period(iso, iso)


def parse_period(text: str, reference: date | None = None) -> Period | RelativePeriod | None:
    """'les quatre premiers mois de 2016' -> 2016-01/2016-04; 'la même période' -> RelativePeriod.

    reference: the article's date; a period without its year is resolved against it when given.
    """
    folded = _normalise(text)
    period = _parse_range(folded) or _parse_single(folded)
    if isinstance(period, RelativePeriod) and period.relation in ("current", "last") and reference is not None:
        return period.resolve(None, reference)
    return period


_LEADING = regex.compile(
    r"^(?:(?:au cours|au titre|au terme|à la fin|lors|durant|pendant|pour|sur|dans|en|à|au|a|dès|courant|depuis|"
    r"jusqu'à|jusqu'en|jusqu'au|par rapport à|par rapport au|comparé à|comparée à|comparées à|contre)"
    r"(?:\s+(?:de|du|des)\b)?(?:\s+|\s*d'|(?=l')))+"
)
_ARTICLE = regex.compile(r"^(?:(?:les|le|la|du|des|de|cette(?=\s+même))\s+|l'|d')")


def _normalise(text: str) -> str:
    folded = fold_apostrophes(text).lower().strip(" .,;:()«»\"")
    folded = regex.sub(r"\s+", " ", folded)
    folded = regex.sub(r"'\s+", "'", folded)
    return folded


def _strip_lead(text: str) -> str:
    text = _LEADING.sub("", text)
    return _ARTICLE.sub("", text).strip()


@functools.cache
def _vocabulary():
    words = period_words()

    def alternation(table):
        forms = sorted((form for values in table.values() for form in values), key=len, reverse=True)
        return "|".join(regex.escape(form) for form in forms)

    def lookup(table):
        return {form: int(key) for key, values in table.items() for form in values}

    return {
        "month": alternation(words["months"]),
        "months": lookup(words["months"]),
        "ordinal": alternation(words["ordinals"]),
        "ordinals": lookup(words["ordinals"]),
        "count": alternation(words["counts"]),
        "counts": lookup(words["counts"]),
        "parts": words["parts"],
        "part": "|".join(words["parts"]),
        "previous": "|".join(regex.escape(w) for w in words["relative"]["previous"] + words["relative"]["last"]),
        "last": set(words["relative"]["last"]),
        "last_word": "|".join(regex.escape(w) for w in words["relative"]["last"]),  # 'septembre dernier', 'mars passé'
        "current": "|".join(regex.escape(w) for w in words["relative"]["current"]),
        "next": "|".join(regex.escape(w) for w in words["relative"]["next"]),
        "same": "|".join(regex.escape(w) for w in words["relative"]["same_period"]),
    }


YEAR = r"(?:19|20)\d\d"


@functools.cache
def _grammar():
    v = _vocabulary()
    year_of = rf"(?:\s+(?:de\s+|d')?(?:l'(?:année|an|exercice)\s+)?(?P<year>{YEAR}))"
    current = rf"(?:\s+(?:de\s+|d')?(?:l'année|l'exercice|l'an)?\s*(?P<current>{v['current']}))"
    return [
        ("part", regex.compile(
            rf"^(?P<ord>{v['ordinal']})\s+(?P<part>{v['part']})(?:{year_of}|{current})?$")),
        ("part_code", regex.compile(rf"^(?P<code>[tqsh])(?P<n>[1-4])(?:\s*|-)(?P<year>{YEAR})?$")),
        ("first_months", regex.compile(
            rf"^(?P<n>{v['count']}|\d{{1,2}})\s+premiers\s+mois(?:{year_of}|{current}|\s+de\s+l'année)?$")),
        ("end_of", regex.compile(rf"^fin\s+(?:(?:du\s+mois\s+)?(?:de\s+|d')?)?(?P<month>{v['month']})(?:\s+(?P<year>{YEAR}))?$")),
        ("start_of", regex.compile(rf"^début\s+(?:(?:du\s+mois\s+)?(?:de\s+|d')?)?(?P<month>{v['month']})(?:\s+(?P<year>{YEAR}))?$")),
        ("end_of_year", regex.compile(rf"^fin\s+(?:(?:de\s+)?l'(?:année|exercice)\s+)?(?P<year>{YEAR})$")),
        ("day", regex.compile(
            rf"^(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(?P<day>1er|\d{{1,2}})\s+"
            rf"(?P<month>{v['month']})(?:\s+(?P<year>{YEAR})|\s+(?:{v['last_word']}))?$")),
        ("numeric_day", regex.compile(r"^(?P<numeric>\d{1,2}[/.]\d{1,2}[/.](?:19|20)\d\d)$")),
        ("month", regex.compile(
            rf"^(?:(?:seul\s+)?mois\s+(?:de\s+|d'))?(?P<month>{v['month']})(?:\s+(?:de\s+)?(?P<year>{YEAR})|\s+(?:{v['last_word']}))?$")),
        ("year", regex.compile(
            rf"^(?:(?:année|an|exercice|exercice budgétaire|exercice comptable|campagne|saison)\s+)?(?P<year>{YEAR})$")),
        ("year_span", regex.compile(rf"^(?:(?:année|exercice|campagne|saison)\s+)?(?P<a>{YEAR})\s*[-/–]\s*(?P<b>{YEAR}|\d\d)$")),
        ("same", regex.compile(
            rf"^(?:{v['same']})(?:\s+(?:de\s+|d'|en\s+)?(?:l'(?:année|an|exercice)\s+|la\s+(?:campagne|saison)\s+)?"
            rf"(?:(?P<previous>{v['previous']})|(?P<year>{YEAR})))?$")),
        ("year_ago", regex.compile(r"^(?:un\s+an|une\s+année|douze\s+mois)\s+(?:auparavant|plus\s+tôt|avant)$")),
        # 'contre 86,1 MMDH un mois plus tôt', 'un trimestre auparavant': the period of that length before
        ("unit_ago", regex.compile(rf"^(?:un|une)\s+(?P<unit>mois|{v['part']})\s+(?:auparavant|plus\s+tôt|avant)$")),
        ("whole_year", regex.compile(rf"^ensemble\s+de\s+l'année(?:\s+(?P<year>{YEAR}))?$")),
        ("last_months", regex.compile(
            rf"^(?P<n>{v['count']}|\d{{1,2}})\s+derniers\s+mois\s+de\s+l'année(?:\s+(?P<year>{YEAR}))?$")),
        ("previous", regex.compile(
            rf"^(?P<unit>année|an|exercice|{v['part']}|mois)\s+(?P<previous>{v['previous']})$")),
        ("current", regex.compile(rf"^(?:(?:année|exercice|an)\s+)?(?P<current>{v['current']})$")),
        ("next", regex.compile(rf"^(?:année|exercice|an)\s+(?:{v['next']})$")),
        ("ytd", regex.compile(r"^début\s+de\s+l'année$")),
        ("rolling", regex.compile(r"^(?:douze|12)\s+derniers\s+mois$")),
    ]


def _parse_single(text: str) -> Period | RelativePeriod | None:
    text = _strip_lead(text)
    v = _vocabulary()
    for name, pattern in _grammar():
        match = pattern.match(text)
        if not match:
            continue
        groups = match.groupdict()
        year = int(groups["year"]) if groups.get("year") else None
        if name in ("part", "part_code"):
            if name == "part":
                length, index = v["parts"][match["part"]], v["ordinals"][match["ord"]]
            else:
                length, index = {"t": 3, "q": 3, "s": 6, "h": 6}[match["code"]], int(match["n"])
            if index * length > 12:
                return None
            return _months(year, (index - 1) * length + 1, index * length, this_year=bool(groups.get("current")))
        if name == "first_months":
            n = v["counts"].get(match["n"]) or int(match["n"])
            if not 1 <= n <= 12:
                return None
            return _months(year, 1, n, this_year=bool(groups.get("current")))
        if name == "end_of":
            return _months(year, 1, v["months"][match["month"]], cumulative=True)
        if name == "start_of":
            month = v["months"][match["month"]]
            return _months(year, month, month)
        if name == "end_of_year":
            return replace(month_period(year, 1, 12), cumulative=True)  # 'à fin 2023': December for a stock
        if name == "day":
            day = 1 if match["day"] == "1er" else int(match["day"])
            month = v["months"][match["month"]]
            if year is None:
                return RelativePeriod("current", unit="day", months=(month, month), day=day)
            return day_period(year, month, day)
        if name == "numeric_day":
            return _numeric_day(match["numeric"])
        if name == "month":
            month = v["months"][match["month"]]
            return _months(year, month, month)
        if name == "year":
            return month_period(year, 1, 12)
        if name == "year_span":
            first, last = int(match["a"]), match["b"]
            last = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
            if last <= first:
                return None
            return Period(str(first), str(last))
        if name == "same":
            return RelativePeriod("same", year=year, shift=-1 if match["previous"] else 0)
        if name == "year_ago":
            return RelativePeriod("same", shift=-1)
        if name == "unit_ago":
            return RelativePeriod("previous", unit=match["unit"])
        if name == "whole_year":
            return month_period(year, 1, 12) if year else RelativePeriod("current", unit="year")
        if name == "last_months":
            n = v["counts"].get(match["n"]) or int(match["n"])
            return _months(year, 13 - n, 12) if 1 <= n <= 12 else None
        if name == "previous":
            unit = {"année": "year", "an": "year", "exercice": "year"}.get(match["unit"], match["unit"])
            return RelativePeriod("last" if match["previous"] in v["last"] else "previous", unit=unit)
        if name == "current":
            return RelativePeriod("current")
        if name == "next":
            return RelativePeriod("next")
        if name == "ytd":
            return RelativePeriod("current", to_date=True)
        if name == "rolling":
            return RelativePeriod("rolling", unit="mois")
    return None


def _months(year: int | None, first: int, last: int, *, this_year: bool = False,
            cumulative: bool = False) -> Period | RelativePeriod:
    if year is None:
        return RelativePeriod("current", unit="month", months=(first, last), this_year=this_year, cumulative=cumulative)
    period = month_period(year, first, last)
    return replace(period, cumulative=cumulative and first != last)


def _numeric_day(text: str) -> Period | None:
    """'24/05/2016': day first, as French writes it; dateparser checks the calendar."""
    import dateparser  # imported here: it is slow to load and only numeric dates need it

    day, month, _ = (int(part) for part in regex.split(r"[/.]", text))
    if month > 12 or day > 31:
        return None  # no month-first fallback: '05/24/2016' is not a French date
    parsed = dateparser.parse(text, languages=["fr"], settings={"DATE_ORDER": "DMY", "STRICT_PARSING": True})
    if parsed is None:
        return None
    iso = parsed.date().isoformat()
    return Period(iso, iso)


_RANGE = regex.compile(
    r"^(?:(?:entre|de|du|depuis)\s+)?(?P<a>.+?)(?:\s+(?:et|à|au|a|jusqu'à|jusqu'au|jusqu'en)\s+|\s*[-–]\s*)(?P<b>.+)$"
)


def _parse_range(text: str) -> Period | RelativePeriod | None:
    """'entre 2013 et 2016', 'de janvier à mars 2016', 'depuis le début de l'année à fin septembre'."""
    match = _RANGE.match(_LEADING.sub("", text) if not text.startswith(("de ", "du ", "depuis ")) else text)
    if not match:
        return None
    last = _parse_single(match["b"])
    first = _parse_single(match["a"])
    if first is None or last is None:
        return None
    if isinstance(first, RelativePeriod) and first.to_date:
        # 'depuis le début de l'année à fin septembre': from January to the end point.
        if isinstance(last, RelativePeriod):
            return replace(last, months=(1, last.months[1])) if last.months else None
        return Period(last.start[:4] + "-01", last.end) if len(last.end) >= 7 else last
    if isinstance(first, RelativePeriod) and first.months and isinstance(last, Period):
        # 'de janvier à mars 2016': the first end takes the year of the second.
        resolved = replace(first, year=last.year).resolve()
        first = resolved if resolved else first
    if isinstance(first, Period) and isinstance(last, Period):
        if first.start > last.end:
            return None
        return Period(first.start, last.end)
    if isinstance(first, RelativePeriod) and isinstance(last, RelativePeriod) and first.months and last.months:
        return RelativePeriod("current", unit="month", months=(first.months[0], last.months[1]))
    return None


_DAY = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


def period_bounds(iso: str) -> tuple[date, date] | None:
    """First and last day of an ISO 8601 date (2013, 2013-09, 2016-05-24) or interval (a/b), else None."""
    parts = iso.split("/")
    if len(parts) > 2:
        return None
    bounds = [_day_bounds(part) for part in parts]
    if None in bounds:
        return None
    start, end = bounds[0][0], bounds[-1][1]
    return (start, end) if start <= end else None


def _day_bounds(text: str) -> tuple[date, date] | None:
    match = _DAY.fullmatch(text)
    if not match:
        return None
    year, month, day = (int(group) if group else None for group in match.groups())
    try:
        if day:
            return date(year, month, day), date(year, month, day)
        if month:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        return None

"""The metric of a figure: the noun phrase it measures, read from the dependency parse."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from nlp.parsing.lexicon import (action_nouns, actor_nouns, bare_measure_nouns, change_words, level_verbs, metric_nouns,
                                 no_quantity_nouns, non_metric_nouns, physical_units, proceeds_nouns, scale_words,
                                 standalone_change_nouns, stock_nouns)
from nlp.pipeline.normalizer import named_by_next
from nlp.relations.kind import QUANTITY_CHANGES, anchor_figure, change_cue, figures_in, kind_and_sign
from nlp.relations.layout import BULLETS, line_bounds
from nlp.relations.lemmas import is_verbal, verb_lemmas

FIGURES = ("MONEY", "PERCENT", "QUANTITY")
_LIMIT = 9
_STOP_POS = {"PUNCT", "VERB", "AUX", "CCONJ", "SCONJ", "PRON"}
_SUBJECTS = ("nsubj", "nsubj:pass")
_CLIMB = ("xcomp", "advcl", "conj", "ccomp", "acl", "acl:relcl", "parataxis")
_PERSONAL = {"il", "elle", "ils", "elles", "-il", "-elle", "-ils", "-elles", "-t-il", "-t-elle",
             "derniers", "dernières", "celles-ci", "ceux-ci", "celle-ci", "celui-ci"}  # 'ces derniers représentaient …'
_RELATIVE = {"qui", "lequel", "laquelle", "lesquels", "lesquelles"}
_DEMONSTRATIVE = {"celle", "celui", "celles", "ceux"}
_THIS = {"ce", "cet", "cette", "ces"}
_PARTS_OF_A_WHOLE = {"part", "parts", "poids", "proportion"}
_BY_COUNT = {"nombre", "volume"}
_BY_VALUE = {"valeur", "montant"}
_OF = ("du", "des", "de", "d'", "d’")
_POSSESSIVES = {"leur", "leurs", "son", "sa", "ses"}


@dataclass
class Discourse:
    """What the metric of a figure may refer back to."""

    in_sentence: list[str] = field(default_factory=list)  # metrics of the sentence's earlier figures
    last: str | None = None  # the last metric of the sentences before
    last_count: str | None = None
    last_amount: str | None = None
    subjects: list[str] = field(default_factory=list)  # metrics named as subjects, most recent last


def noun_phrase(head: Token) -> str:
    """The head noun with the modifiers that let it stand alone: 'montant total des paiements en ligne'."""
    doc = head.doc
    subtree = {t.i for t in head.subtree}
    start = head.i
    while start - 1 in subtree and doc[start - 1].pos_ == "ADJ" and doc[start - 1].head.i == head.i:
        start -= 1
    if start >= 2 and _words(doc[start - 2 : head.i + 1]) in metric_nouns():
        start -= 2  # 'chiffre d'affaires' parsed with 'affaires' as the head
    end = head.i + 1
    while end in subtree and end - start < _LIMIT:
        token = doc[end]
        if _bracketed_acronym(doc, end):
            end += 3  # 'le produit intérieur brut (PIB) en volume': the acronym does not end the phrase
            continue
        inside_own_figure = token.ent_iob_ == "I" and token.ent_type_ == head.ent_type_ and head.ent_type_ in FIGURES
        if token.pos_ in _STOP_POS - {"VERB"} or token.ent_type_ == "PERIOD" or (token.ent_type_ in FIGURES and not inside_own_figure):
            break
        if token.pos_ == "VERB" and (token.dep_ not in ("acl", "amod") or _finite(token)):
            break  # ('le stock progresse': a finite verb the parser hung on the noun ends it)
        if token.text in ("|", "/", "•", "–", "—") or (token.pos_ in ("SYM", "X") and not any(c.isalpha() for c in token.text)):
            break  # a flattened table's column rule, a bullet
        if _verb_read_as_noun(token):
            break  # 'le montant progresse de 4,6 %': the tagger's noun is the verb
        if token.pos_ == "ADP" and _time_complement(token):
            break  # 'ses revenus sur le semestre': a time, not part of what is measured
        end += 1
    while end - 1 > head.i and doc[end - 1].pos_ in ("ADP", "DET", "ADV", "CCONJ"):
        end -= 1
    return _words(doc[start:end])


def _bracketed_acronym(doc, i: int) -> bool:
    return (doc[i].text == "(" and i + 2 < len(doc) and doc[i + 2].text == ")" and doc[i + 1].text.isupper()
            and doc[i + 1].is_alpha and len(doc[i + 1]) > 1 and doc[i + 1].ent_type_ not in ("ORG", "PER", "LOC"))


def _finite(verb: Token) -> bool:
    """A conjugated verb, even where the tagger says participle: 'progresse' of 'progresser' is no 'progressé'."""
    if verb.morph.get("VerbForm") == ["Fin"]:
        return True
    word = verb.lower_
    return (any(lemma.endswith("er") for lemma in verb_lemmas(verb)) and word.endswith(("e", "ent"))
            and not word.endswith(("ée", "ées")))


def _time_complement(preposition: Token) -> bool:
    """'sur le semestre', 'de l'exercice', 'au cours de la période': a preposition that opens a time phrase."""
    doc = preposition.doc
    following = [t for t in doc[preposition.i + 1 : preposition.i + 3] if t.pos_ != "DET"]
    return bool(following) and following[0].lower_ in _TIME_NOUNS


_TIME_NOUNS = {"semestre", "trimestre", "mois", "année", "an", "exercice", "période", "semaine", "campagne"}


def _verb_read_as_noun(token: Token) -> bool:
    """A change or level verb the tagger took for a noun right after its subject: 'le PIB progresse'."""
    if token.pos_ not in ("NOUN", "ADJ") or token.i == 0 or token.doc[token.i - 1].pos_ in ("DET", "ADP"):
        return False  # ('leur montant progresse': the tagger may read the verb as an adjective too)
    lemmas = verb_lemmas(token) - {token.lower_}
    return bool(lemmas & (set(change_words()) | level_verbs())) and token.lower_.endswith(("e", "ent"))


def _words(tokens) -> str:
    return (" ".join(t.text for t in tokens if not t.is_space).lower().replace("' ", "'").replace("’ ", "’")
            .replace("( ", "(").replace(" )", ")"))


def names_a_measure(token: Token) -> bool:
    """A noun that can head a metric: not a change word, a qualifier or time word, an organisation or a period."""
    lemma = token.lemma_.lower()
    return (token.pos_ in ("NOUN", "PROPN") and lemma not in change_words() and lemma not in non_metric_nouns()
            and token.ent_type_ not in ("ORG", "PERIOD", "PER", "LOC", "GPE") and token.ent_type_ not in FIGURES)


def metric_of(span: Span, discourse: Discourse, *, elliptical: bool = False) -> str | None:
    """The metric of one figure: what the grammar finds, else the measure and what the text is about."""
    metric = _by_grammar(span, discourse, elliptical=elliptical)
    if names_a_quantity(metric):
        return metric
    for token in reversed(span.doc[span.sent.start : span.start]):
        if names_a_measure(token) and names_a_quantity(token.lower_):
            return noun_phrase(token)
    subjects = [c for c in span.sent.root.children if c.dep_ in _SUBJECTS and names_a_measure(c) and not _is_actor(c)]
    if subjects and names_a_quantity(subjects[0].lower_):
        return noun_phrase(subjects[0])
    if span.label_ == "QUANTITY":
        # '… respectivement 1,2 million, 410 000 et 180 000 tonnes de marchandises': the unit written once
        counted = [_count_phrase(e) for e in figures_in(span.doc, span.sent.start, span.sent.end) if e.label_ == "QUANTITY"]
        counted = [phrase for phrase in counted if phrase]
        if counted:
            return counted[-1]
    measure = {"MONEY": "montant", "QUANTITY": "nombre"}.get(span.label_, "taux")
    completed = _completed_from_topic(measure, discourse)
    return completed if completed != measure else (discourse.last or measure)


def names_a_quantity(metric: str | None) -> bool:
    """A metric whose head can measure something: not empty, not a time, a document or an equivalence word."""
    words = (metric or "").replace("'", "' ").replace("’", "’ ").split()
    return bool(words) and words[0] not in no_quantity_nouns()


def _by_grammar(span: Span, discourse: Discourse, *, elliptical: bool = False) -> str | None:
    """The metric of one figure, by the first rule of the grammar that applies."""
    label = _row_label(span)
    if label:
        return label
    loss = _loss_or_gain(span)
    if loss:
        return loss
    if (elliptical or _compared(span) or _aside_of_figure(span)) and discourse.in_sentence and discourse.in_sentence[-1]:
        # 'contre 501 millions de dirhams': the term of a comparison measures the same thing; so does
        # '1 580 MdsFCFA (+8,1 %)' or '7 % (8 % au T1 et 6 % au T2)', an aside on the figure before it.
        # ('contre 22 976 MD (98 jours)': days after an amount compare with the days before; a
        # percentage after an amount, '512,4 MD (+5,2 %)', is that amount's change)
        if _aside_of_figure(span):
            previous = figures_in(span.doc, span.sent.start, span.start)[-1]
            alike = previous.label_ == span.label_ or span.label_ == "PERCENT" or not any(
                f.label_ == span.label_ for f in figures_in(span.doc, span.sent.start, span.start))
            return discourse.in_sentence[-1] if alike else _last_alike(span, discourse)
        return _last_alike(span, discourse) if _compared(span) else discourse.in_sentence[-1]
    for rule in (_import_cover, _of_the_name_before, _equivalent_of_count, _other_dimension, _share_in_list, _named_after):
        metric = rule(span, discourse)
        if metric:
            return metric
    for rule in (_cest, _by_count_or_value, _money_of_noun, _change_of_following, _change_of, _share_of, _noun_of,
                 _verb_subject):
        metric = rule(span, discourse)
        if metric:
            return _measured_as(span, _completed_from_topic(metric, discourse))
    if span.label_ == "QUANTITY" and not _physical(span):
        return _count_phrase(span)
    for token in reversed(span.doc[span.sent.start : span.start]):
        if names_a_measure(token):
            return noun_phrase(token)
    return discourse.in_sentence[-1] if discourse.in_sentence else discourse.last


def _material(span: Span) -> str | None:
    """What a unit of measure weighs: 'huile d'olive' in '162 000 tonnes d'huile d'olive'."""
    doc = span.doc
    units = [t for t in span if t.lemma_.lower() in physical_units() or t.lower_.rstrip("s") in physical_units()]
    after = units[-1].i + 1 if units else span.end
    if (after + 1 < len(doc) and doc[after].lower_ in ("de", "d'", "d’") and doc[after + 1].pos_ == "NOUN"
            and doc[after + 1].ent_type_ != "PERIOD"):  # ('498 000 tonnes d'octobre à mars')
        return noun_phrase(doc[after + 1])
    return None


def _physical(span: Span) -> bool:
    """A count in a unit of measure: '57,6 tonnes', '3,9 millions d'hectolitres', '4,6 Mt'."""
    return (getattr(span._.value, "noun", None) or "").split(" ")[0] in physical_units()


def _row_label(span: Span) -> str | None:
    """A figure in a flattened table row: 'Chiffre d'affaires | 1 210 MCHF | 1 105 MCHF' measures the row's label;
    'Montréal 565 000 $ +6 %' under 'Prix médian des unifamiliales par région' measures the title for that row."""
    doc = span.doc
    start, end = line_bounds(doc, span.start)
    bars = [t for t in doc[start : span.start] if t.text == "|"]
    if doc[start].text in BULLETS:
        # '- Effectif au 30 juin : 9 870 collaborateurs': the item's label measures its first figure
        colon = next((t.i for t in doc[start + 1 : span.start] if t.text == ":"), None)
        if colon is None or any(t.ent_type_ in FIGURES for t in doc[colon + 1 : span.start]):
            return None
        label = [t for t in doc[start + 1 : colon] if t.ent_type_ != "PERIOD" and not t.is_space]
        while label and label[-1].pos_ in ("ADP", "DET"):
            label.pop()  # 'au' of 'au 30 juin'
        return _words(label) if label and any(t.is_alpha for t in label) else None
    if bars:
        label = [t for t in doc[start : bars[0].i] if not t.is_punct and not t.is_space]
        if not label or not any(t.is_alpha for t in label) or any(t.ent_type_ in _DATED for t in label):
            return None
        return _words(doc[label[0].i : label[-1].i + 1])
    first = next(t.i for t in doc[start : span.end] if t.ent_type_ in FIGURES)
    label = [t for t in doc[start:first] if not t.is_space]
    # Only a name and figures on the line: 'Trois-Rivières 305 000 $ +11 %'.
    rest = [t for t in doc[first:end] if not t.is_space and not t.ent_type_ in FIGURES]
    if (not label or len(label) > 4 or rest
            or any(t.ent_type_ in _DATED or not (t.text[:1].isupper() or t.text == "-") or t.is_punct and t.text != "-"
                   for t in label)):
        return None
    title = _table_title(doc, start)
    return f"{title} {_words(label)}" if title else None


_DATED = ("MONEY", "PERCENT", "QUANTITY", "PERIOD")


def _table_title(doc, row_start: int) -> str | None:
    """The line above a table's rows that names what they measure: 'Prix médian des unifamiliales par région …'."""
    start = row_start
    for _ in range(_TABLE_ROWS):
        if start == 0:
            return None
        start, end = line_bounds(doc, start - 1)
        tokens = [t for t in doc[start:end] if not t.is_space]
        if not tokens:
            return None
        if any(t.ent_type_ in FIGURES for t in tokens):
            continue  # another row
        head = next((t for t in tokens if t.pos_ == "NOUN" and names_a_measure(t)), None)
        return noun_phrase(head) if head is not None and not any(t.pos_ in ("VERB", "AUX") for t in tokens) else None
    return None


_TABLE_ROWS = 12


def _loss_or_gain(span: Span) -> str | None:
    """'contre une perte de 95,2 milliards', 'la perte de 2 140 emplois': the loss itself is measured."""
    doc = span.doc
    if span.label_ == "PERCENT" or span.start < 2 or doc[span.start - 1].lower_ not in ("de", "d'", "d’"):
        return None
    noun = doc[span.start - 2]
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in QUANTITY_CHANGES:
        return None
    counted = getattr(span._.value, "noun", None) if span.label_ == "QUANTITY" else None
    return f"{noun.lower_} {_of(counted)}" if counted else noun.lower_


_COVER_UNITS = {"mois": "mois", "jour": "jours", "semaine": "semaines"}


def _import_cover(span: Span, discourse: Discourse) -> str | None:
    """'Ils couvrent 6 mois d'importations', 'soit 117 jours d'importation', '(98 jours)': reserves in time of imports.

    Central banks state reserves as the months of imports they pay for: the reserves' own metric, in that unit
    ('une couverture des importations de 4,1 mois' names its own).
    """
    unit = _COVER_UNITS.get(getattr(span._.value, "noun", None))
    if (span.label_ != "QUANTITY" or unit is None or not any(t.lower_.startswith("importation") for t in span.sent)
            or _noun_of(span, discourse)):
        return None
    earlier = figures_in(span.doc, span.sent.start, span.start)
    reserves = None
    if len(earlier) == len(discourse.in_sentence):
        reserves = next((m for f, m in zip(reversed(earlier), reversed(discourse.in_sentence)) if f.label_ == "MONEY" and m), None)
    reserves = reserves or discourse.last_amount
    return f"{reserves} en {unit} d'importations" if reserves else None


def _of_the_name_before(span: Span, discourse: Discourse) -> str | None:
    """'… et le Royaume-Uni, qui progresse de 24 % pour 398 000 arrivées': the arrivals of the name the clause is about."""
    doc = span.doc
    clause = [t for t in doc[max(span.sent.start, span.start - 8) : span.start]]
    relative = next((t for t in reversed(clause) if t.lower_ == "qui"), None)
    if relative is None or relative.i < span.sent.start + 2 or doc[relative.i - 1].text != ",":
        return None
    if any(t.text in (";", ":") or t.lower_ == "et" for t in doc[relative.i : span.start]):
        return None
    name = doc[relative.i - 2]
    if name.ent_type_ not in ("LOC", "ORG") or name.pos_ != "PROPN":
        return None
    start = name.i
    while start > span.sent.start and doc[start - 1].ent_type_ == name.ent_type_ and doc[start - 1].ent_iob_ != "O" \
            and doc[start].ent_iob_ != "B":
        start -= 1
    holder = doc[start : name.i + 1].text.lower()
    counted = span if span.label_ == "QUANTITY" else next(
        (f for f in figures_in(doc, span.end, span.sent.end) if f.label_ == "QUANTITY" and f.start - span.end <= 3), None)
    if counted is None or _physical(counted):
        return None
    phrase = _count_phrase(counted).removeprefix("nombre ").removeprefix("de ").removeprefix("d'")
    return f"{phrase} {_of(holder)}" if phrase else None


def _last_alike(span: Span, discourse: Discourse) -> str:
    """The metric of the sentence's last figure of the same sort, else of its last figure.

    'couvrent 6 mois d'importations, contre 332,4 MMDH (5,4 mois) début janvier': the amount
    compares with the amount before, the months with the months.
    """
    earlier = figures_in(span.doc, span.sent.start, span.start)
    if len(earlier) == len(discourse.in_sentence):
        for figure, metric in zip(reversed(earlier), reversed(discourse.in_sentence)):
            if figure.label_ == span.label_ and metric:
                return metric
        before = {"MONEY": discourse.last_amount, "QUANTITY": discourse.last_count}.get(span.label_)
        if before:
            return before
    return discourse.in_sentence[-1]


def _aside_of_figure(span: Span) -> bool:
    """A figure in brackets opened right after another figure: '711,9 M€ (+7,9 %)', '7 % (8 % au T1 et 6 % au T2)'."""
    doc = span.doc
    i = span.start - 1
    while i > span.sent.start and doc[i].text != "(":
        if doc[i].pos_ in ("NOUN", "PROPN", "VERB") and doc[i].ent_type_ not in (*FIGURES, "PERIOD"):
            return False
        i -= 1
    return doc[i].text == "(" and i > span.sent.start and doc[i - 1].ent_type_ in FIGURES


_DIMENSIONS = ("en nombre", "en volume", "en valeur", "en montant")


def _other_dimension(span: Span, discourse: Discourse) -> str | None:
    """'95 % de part de marché en nombre et 88 % en montant': the same measure, in the other dimension."""
    doc = span.doc
    if span.end + 1 >= span.sent.end or doc[span.end].lower_ != "en" or not discourse.in_sentence:
        return None
    dimension = f"en {doc[span.end + 1].lower_}"
    previous = discourse.in_sentence[-1] or ""
    if dimension not in _DIMENSIONS or anchor_figure(span) is None:
        return None
    for other in _DIMENSIONS:
        if previous.endswith(other) and other != dimension:
            return previous[: -len(other)] + dimension
    return None


def _share_in_list(span: Span, discourse: Discourse) -> str | None:
    """'sur les hôtels (31,4 %), la grande distribution (14,2 %)': each item's share of the whole."""
    doc = span.doc
    if span.label_ != "PERCENT" or span.start < 2 or doc[span.start - 1].text != "(" or span.end >= len(doc):
        return None
    if doc[span.end].text != ")" or kind_and_sign(span)[0] != "share":
        return None
    item = doc[span.start - 2]
    while item.pos_ not in ("NOUN", "PROPN") and item.head.i < item.i and item.i > span.sent.start:
        item = item.head
    if item.pos_ not in ("NOUN", "PROPN") or item.ent_type_ in FIGURES:
        return None
    while item.pos_ == "PROPN" and item.dep_ in ("nmod", "flat:name") and item.head.i == item.i - 1 and item.head.pos_ == "PROPN":
        item = item.head  # 'au Burkina Faso (9,6 %)'
    start = item.i
    while start > span.sent.start and doc[start - 1].pos_ in ("PROPN", "ADJ", "NOUN") and doc[start - 1].i >= item.left_edge.i:
        start -= 1
    holder = _words(doc[start : span.start - 1])
    whole = _whole(discourse, span)
    if whole and metric_nouns().get(whole.split(" ", 1)[0]) == "share":
        # 'les taux les plus élevés au Burkina Faso (9,6 %), au Mali (7,2 %)': each place's own rate
        case = next((c.lower_ for c in item.children if c.dep_ == "case" and c.i < item.i), None)
        return f"{whole} {case} {holder}" if case else f"{whole} {_of(holder)}"
    return f"part {_of(holder)} dans {whole}" if whole else f"part {_of(holder)}"


def _whole(discourse: Discourse, span: Span) -> str | None:
    """What the shares of a list divide: the whole of the share before, else the sentence's subject."""
    for metric in reversed(discourse.in_sentence):
        if metric and metric.startswith("part ") and " dans " in metric:
            return metric.split(" dans ", 1)[1]
        if metric and metric.startswith(("part des ", "part du ", "part de la ", "part de l'")):
            return metric.split(" ", 1)[1].split(" ", 1)[1]
    root = span.sent.root
    subjects = [c for c in root.children if c.dep_ in _SUBJECTS and names_a_measure(c) and not _is_actor(c)]
    return noun_phrase(subjects[0]) if subjects else None


def _named_after(span: Span, discourse: Discourse) -> str | None:
    """'Près de 2,1 milliards de dirhams. C'est ce qu'ont réglé en ligne les clients …': named by the next sentence."""
    following = named_by_next(span.sent)
    if following is None:
        return None
    rest = following[2:]
    if rest and rest[0].lower_ == "ce":
        verb = next((t for t in rest if t.pos_ == "VERB"), None)
        if verb is None:
            return None
        lemmas = verb_lemmas(verb)
        actions = sorted(action_nouns()[lemma] for lemma in lemmas if lemma in action_nouns())
        noun = actions[0] if actions else ("montant " + verb.lower_ if span.label_ == "MONEY" else "nombre " + verb.lower_)
        complements = [c for c in verb.children if c.dep_.startswith("obl") and c.i > verb.i
                       and c.ent_type_ not in ("PERIOD", "ORG", "LOC", "GPE", *FIGURES)]
        tail = " ".join(noun_phrase_with_case(c) for c in complements[:1])
        return f"{noun} {tail}".strip()
    for token in rest:
        if token.pos_ in ("NOUN", "PROPN") and names_a_measure(token):
            return noun_phrase(token)
    return None


def _equivalent_of_count(span: Span, discourse: Discourse) -> str | None:
    """'900 000 transactions, soit l'équivalent de 700 millions de DH': the amount of what was counted."""
    if span.label_ != "MONEY" or not discourse.in_sentence:
        return None
    left = [t.lower_ for t in span.doc[max(span.sent.start, span.start - 4) : span.start]]
    if "équivalent" not in left and "soit" not in left:
        return None
    counted = [t for t in span.doc[span.sent.start : span.start] if t.ent_type_ == "QUANTITY"]
    topic = topic_of(discourse.in_sentence[-1]) if counted else None
    return f"montant {_of(topic)}" if topic else None


def _compared(span: Span) -> bool:
    """'contre 501 millions', 'après -0,3 %', the B of 'de A à B': a figure that measures what the one before it does."""
    doc = span.doc
    left = doc[max(span.sent.start, span.start - 2) : span.start]
    # ('(+0,6 % après -0,3 %)': a sequence of the same measure)
    return (any(t.lower_ in ("contre", "vs") for t in left) or (bool(left) and left[-1].lower_ == "après")
            or starts_range_end(span))


def starts_range_end(span: Span) -> bool:
    """Whether the figure is the B of 'de A à B' ('passé de 670 mille à 1,2 million')."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].lower_ not in ("à", "a"):
        return False
    earlier = [e for e in figures_in(doc, span.sent.start, span.start) if e.label_ == span.label_
               and _same_unit(e, span)]
    # ('ont reculé de 4,6 %, et en mars leur repli s'est accentué à 11,2 %': two clauses, no range)
    return (bool(earlier) and earlier[-1].start > 0 and doc[earlier[-1].start - 1].lower_ in ("de", "d'", "d’")
            and not any(t.pos_ in ("VERB", "AUX") or t.lower_ in (";", "et") for t in doc[earlier[-1].end : span.start]))


def _measured_as(span: Span, metric: str) -> str:
    """A share stated 'en volume' or 'en valeur' keeps that precision: 'activité en volume'."""
    doc = span.doc
    if span.label_ == "PERCENT" and span.end + 1 < span.sent.end and doc[span.end].lower_ == "en" and change_cue(span) is None:
        word = doc[span.end + 1].lower_
        if word in _BY_COUNT | _BY_VALUE and not metric.endswith(word):
            return f"{metric} en {word}"
    return metric


def _cest(span: Span, discourse: Discourse) -> str | None:
    """'1 517 milliards de FCFA : c'est le montant des envois de fonds …' names the figure before it."""
    doc = span.doc
    after = doc[span.end : min(span.sent.end, span.end + 14)]
    depth = 0
    for i, token in enumerate(after):
        depth += (token.text == "(") - (token.text == ")")
        if depth > 0 or token.text == ")":
            continue
        if token.text in (":", ","):
            words = [t.lower_ for t in after[i + 1 : i + 3]]
            if words in (["c'", "est"], ["c’", "est"], ["c'", "était"], ["c’", "était"]):
                for t in after[i + 3 :]:
                    if t.pos_ in ("NOUN", "PROPN"):
                        return noun_phrase(t)
            return None
        if token.ent_type_ in FIGURES:
            return None
    return None


def topic_of(metric: str | None) -> str | None:
    """What a metric is about, without its measure word: 'nombre d'opérations de paiement' -> 'opérations de paiement'."""
    if not metric:
        return None
    words = metric.split(" ", 1)
    if len(words) == 2 and words[0] in bare_measure_nouns():
        rest = words[1]
        for article in ("de la ", "de l'", "de l’", "des ", "du ", "de ", "d'", "d’"):
            if rest.startswith(article):
                return rest[len(article):] or None
    return metric


def _topic(discourse: Discourse) -> str | None:
    """The thing the discourse is about: the last metric named, in this sentence or before."""
    for metric in reversed(discourse.in_sentence):
        if metric and " " in metric:
            return topic_of(metric)
    for metric in reversed(discourse.subjects):
        if " " in metric:
            return topic_of(metric)
    return topic_of(discourse.last) if discourse.last and " " in discourse.last else None


def _completed_from_topic(metric: str, discourse: Discourse) -> str:
    """A bare measure ('le montant', 'leur montant', 'ces derniers') is the measure of what the text was about."""
    head = metric.removeprefix("variation de ")
    if " " in head or head not in bare_measure_nouns():
        return metric
    topic = _topic(discourse)
    if not topic or topic.startswith(head):
        return metric
    return metric.replace(head, f"{head} {_of(topic)}", 1) if head != metric else f"{head} {_of(topic)}"


def _change_of_following(span: Span, discourse: Discourse) -> str | None:
    """'une hausse de 14,6 % du nombre d'opérations et de 10,2 % de leur montant': what changes follows the figure."""
    doc = span.doc
    if span.label_ != "PERCENT" or span.end + 1 >= span.sent.end or doc[span.end].lower_ not in _OF:
        return None
    if kind_and_sign(span)[0] != "change":
        return None
    i = span.end + 1
    possessive = False
    while i < span.sent.end - 1 and doc[i].pos_ == "DET":
        possessive = possessive or doc[i].lower_ in _POSSESSIVES
        i += 1
    head = doc[i]
    if head.pos_ != "NOUN" or not names_a_measure(head):
        return None
    phrase = noun_phrase(head)
    if possessive or phrase in bare_measure_nouns():
        topic = _topic(discourse)
        return f"{phrase} {_of(topic)}" if topic and not topic.startswith(phrase) else phrase
    return phrase


def _by_count_or_value(span: Span, discourse: Discourse) -> str | None:
    """'en hausse de 108% en nombre et 148% en valeur', 'Les retraits (+8 % en nombre et +6,1 % en montant)'.

    The change of the number or of the value of what the sentence counts, else of what it speaks about.
    """
    doc = span.doc
    if span.label_ != "PERCENT" or span.end + 1 >= span.sent.end or doc[span.end].lower_ != "en":
        return None
    word = doc[span.end + 1]
    if word.lower_ not in _BY_COUNT | _BY_VALUE or kind_and_sign(span)[0] != "change":
        return None
    if span.end + 2 < span.sent.end and doc[span.end + 2].lower_ in _OF:
        return noun_phrase(word)  # 'de 14 % en nombre d'opérations'
    counted = word.lower_ in _BY_COUNT
    same_kind = [metric for figure, metric in zip(_earlier_figures(span), discourse.in_sentence)
                 if metric and (figure.label_ == "QUANTITY") == counted and figure.label_ != "PERCENT"]
    if same_kind:
        return same_kind[-1]
    counts = [metric for figure, metric in zip(_earlier_figures(span), discourse.in_sentence)
              if metric and figure.label_ == "QUANTITY"]
    topic = topic_of(counts[-1]) if counts else _what_is_measured(span, discourse)
    if topic:
        return f"{word.lower_} {_of(topic)}"
    if counted:
        return discourse.last_count or _suffixed(discourse, "en nombre")
    return discourse.last_amount or _suffixed(discourse, "en valeur")


def _earlier_figures(span: Span) -> list[Span]:
    """The figures of the sentence before this one, in order (as discourse.in_sentence lists their metrics)."""
    return [e for e in figures_in(span.doc, span.sent.start, span.start) if e._.value is not None]


def _what_is_measured(span: Span, discourse: Discourse) -> str | None:
    """The noun phrase a figure in brackets follows ('Les retraits (+8 %'), else the subject of its verb."""
    doc = span.doc
    i = span.start - 1
    while i > span.sent.start and doc[i].text != "(" and doc[i].ent_type_ in (*FIGURES, "") and i > span.start - 12:
        i -= 1
    if doc[i].text == "(" and i > span.sent.start:
        noun = doc[i - 1]
        while noun.pos_ not in ("NOUN", "PROPN") and noun.head.i < noun.i and noun.head.i > span.sent.start:
            noun = noun.head
        while noun.head.pos_ == "NOUN" and noun.dep_ == "nmod" and noun.head.i < noun.i:
            noun = noun.head  # 'Les retraits par carte bancaire (': the phrase, not its last complement
        if names_a_measure(noun):
            return noun_phrase(noun)
    cue = change_cue(span)
    verb = cue[1] if cue else span.root.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return _subject_of(verb, discourse) if verb.pos_ in ("VERB", "AUX") else None


def _suffixed(discourse: Discourse, suffix: str) -> str | None:
    base = discourse.subjects[-1] if discourse.subjects else discourse.last
    return f"{base} {suffix}" if base else None


def _money_of_noun(span: Span, discourse: Discourse) -> str | None:
    """'7 milliards de dirhams d'achat à l'international': the noun after the amount is what it measures."""
    doc = span.doc
    if span.label_ != "MONEY" or span.end + 1 >= span.sent.end or doc[span.end].lower_ not in ("de", "d'", "d’"):
        return None
    noun = doc[span.end + 1]
    if names_a_measure(noun) and noun.pos_ == "NOUN":
        return "montant d'" + noun_phrase(noun) if noun.text[:1].lower() in "aeiouéèhâ" else "montant de " + noun_phrase(noun)
    return None


def _change_of(span: Span, discourse: Discourse) -> str | None:
    """'une baisse du montant de 16%', 'ont progressé de 9,4 %', 'soit une hausse de 22,2%'."""
    if span.label_ != "PERCENT" and (span.start == 0 or span.doc[span.start - 1].lower_ not in ("de", "d'", "d’")):
        return None
    cue = change_cue(span)
    if cue is None:
        return None
    _, token = cue
    for child in token.children:
        if child.dep_ == "nmod" and child.i < span.start and names_a_measure(child):
            return _completed(noun_phrase(child), token, discourse)
    if is_verbal(token) or (token.dep_ == "acl" and _finite(token)):
        subject = _subject_of(token, discourse) or _object_of(token, span)
        if subject:
            return subject
    if token.dep_ in ("obj", "nsubj") and is_verbal(token.head):
        subject = _subject_of(token.head, discourse)
        if subject:
            return subject
    if token.pos_ == "NOUN" and token.lemma_.lower() in standalone_change_nouns() and not discourse.in_sentence:
        # ('…, soit une croissance de 75 %' is the growth of the figure before it)
        return noun_phrase(token)
    return discourse.in_sentence[-1] if discourse.in_sentence else None


def _completed(metric: str, anchor: Token, discourse: Discourse) -> str:
    """A bare head ('montant') takes the clause's subject as complement: 'montant des sites de deals'."""
    if " " in metric or metric not in metric_nouns():
        return metric
    verb = anchor
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject = _subject_of(verb, discourse) if verb.pos_ in ("VERB", "AUX") else None
    return f"{metric} de {subject}" if subject and subject != metric else metric


def _share_of(span: Span, discourse: Discourse) -> str | None:
    """'Les créances classées représentent 13,1 % de l'encours': part des créances classées dans l'encours.

    'Moins de 15 % des adultes disposaient …': part des adultes.
    """
    doc = span.doc
    if (span.label_ == "PERCENT" and change_cue(span) is None and span.end + 1 < span.sent.end
            and doc[span.end].lower_ in ("des", "du", "de", "d'") and names_a_measure(doc[span.end + 1])
            and doc[span.end + 1].pos_ == "NOUN"):
        joiner = doc[span.end].lower_
        gap = "" if joiner.endswith(("'", "’")) else " "
        phrase = noun_phrase(doc[span.end + 1])
        if phrase.split(" ", 1)[0] in ("part", "parts", "taux", "proportion"):
            return phrase  # '54,8 % de part de marché en abonnés mobile' names its share
        return f"part {joiner}{gap}{phrase}"
    verb = span.root.head
    if span.label_ != "PERCENT" or verb.lemma_.lower() != "représenter":
        return None
    subject = _subject_of(verb, discourse)
    whole = [c for c in span.root.children if c.dep_ == "nmod" and c.i > span.end and names_a_measure(c)]
    if subject is None:
        return None
    return f"part de {subject} dans {noun_phrase(whole[0])}" if whole else f"part de {subject}"


def _noun_of(span: Span, discourse: Discourse) -> str | None:
    """'un chiffre d'affaires de 86,2 milliards d'euros': the noun the figure completes."""
    head = span.root.head
    # ('comme l'investissement des ménages (+0,2 %)': a bracketed figure stands beside the noun it measures)
    bracketed = span.root.dep_ == "appos" and span.start > 0 and span.doc[span.start - 1].text == "("
    if head.i < span.start and (span.root.dep_ in ("nmod", "nummod", "obl:arg", "obl:mod") or bracketed) and names_a_measure(head):
        if head.lemma_.lower() in metric_nouns() or head.pos_ == "NOUN":
            while (head.dep_ == "nmod" and head.head.i < head.i and head.head.pos_ == "NOUN" and names_a_measure(head.head)
                   and any(c.dep_ == "case" and c.lower_ in _OF for c in head.children)):
                head = head.head  # 'une couverture des importations de biens et services de 4,1 mois'
            return _completed(noun_phrase(head), head, discourse)
    return None


def _verb_subject(span: Span, discourse: Discourse) -> str | None:
    """The subject of the verb that governs the figure, climbing through infinitives and participles."""
    root = span.root
    while root.head.i != root.i and root.head.ent_type_ in FIGURES and not (span.start <= root.head.i < span.end):
        root = root.head  # 'passé de 670 mille à 1,2 million': the second figure hangs on the first
    if root.dep_ == "ROOT" and root.pos_ not in ("VERB", "AUX"):
        # 'le montant total des achats a été de 753 millions': the figure is the predicate.
        subjects = [c for c in root.children if c.dep_ in _SUBJECTS]
        if subjects and names_a_measure(subjects[0]):
            return noun_phrase(subjects[0])
    verb = root.head if root.dep_ != "ROOT" else root
    if not is_verbal(verb):
        verb = verb.head if is_verbal(verb.head) else None
    if verb is None:
        return None
    lemmas = verb_lemmas(verb)
    actions = sorted(action_nouns()[lemma] for lemma in lemmas if lemma in action_nouns())
    if span.label_ == "MONEY" and actions and span.root.dep_ in ("obj", "obl:arg", "nsubj:pass", "nsubj", "ROOT"):
        # 'le groupe a investi 2 milliards de dirhams', '300 millions ont été levés': the action's amount;
        # 'les exportations ont rapporté 2,6 milliards': the revenues of what is not an actor.
        # ('…, soit près de 880 MEUR': an aside on the amount, not the action's object)
        doer = _subject_of(verb, discourse) if span.root.dep_ in ("obj", "obl:arg") else None
        return f"{actions[0]} {_of(topic_of(doer))}" if doer and not doer.startswith(actions[0]) else actions[0]
    if span.label_ == "QUANTITY" and _physical(span):
        # 'la mine de Loulo a produit 680 000 onces': the production of the mine, never a 'nombre d'onces'
        if actions and not lemmas & (level_verbs() | set(change_words())):
            producer = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
            parts = [actions[0], *(_of(p) for p in (_material(span), producer and noun_phrase(producer[0])) if p)]
            return " ".join(parts)  # 'exportations d'huile d'olive de Tunisie'
        # 'ont reçu 1,2 million, 410 000 et 180 000 tonnes de marchandises en transit': what is weighed
        weighed = [_material(f) for f in figures_in(span.doc, span.start, span.sent.end) if f.label_ == "QUANTITY"]
        return next((m for m in weighed if m), None) or _subject_of(verb, discourse)
    if span.label_ == "QUANTITY" and not lemmas & (level_verbs() | set(change_words())):
        # 'le marché russe a enregistré 52 000 arrivées': the arrivals of the Russian market.
        owner = [c for c in verb.children if c.dep_ == "nsubj" and names_a_measure(c) and not _is_actor(c)]
        counted = _count_phrase(span)
        if owner and counted:
            return f"{counted} {_of(noun_phrase(owner[0]))}"
        return counted
    return _subject_of(verb, discourse) or _object_of(verb, span)


def _of(phrase: str) -> str:
    """'de' before a noun phrase, elided before a vowel: 'de marché russe', 'd'arrivées'."""
    return ("d'" if phrase[:1] in "aeiouéèêhâ" else "de ") + phrase


def _object_of(verb: Token, span: Span) -> str | None:
    """'a relevé le taux directeur de 125 points de base': with an actor as subject, the object changes.

    'pour le porter à 6,25 %': the pronoun stands for the object of the verb it depends on.
    """
    for _ in range(3):
        objects = [c for c in verb.children if c.dep_ == "obj"]
        for child in objects:
            if names_a_measure(child):
                return noun_phrase(child)
        if not any(c.pos_ == "PRON" for c in objects) or verb.head.i == verb.i:
            break
        verb = verb.head
    head = span.root.head
    if head.dep_ == "obj" and names_a_measure(head) and head.i < span.start:
        return noun_phrase(head)
    # 'a relevé de 25 points de base le principal taux directeur': the object moved after the figure,
    # which the parser often hangs on the figure; a determiner, not a preposition, tells it from a complement.
    if span.end < len(span.doc) and span.doc[span.end].pos_ == "DET":
        for child in span.root.children:
            if child.dep_ in ("appos", "obj", "nmod") and child.left_edge.i == span.end and names_a_measure(child):
                return noun_phrase(child)
    return None


def _subject_of(verb: Token, discourse: Discourse) -> str | None:
    """The metric a verb's subject names; a pronoun refers back, 'celle du secteur tertiaire' too."""
    seen = 0
    while verb is not None and seen < 4:
        for child in verb.children:
            if child.dep_ not in _SUBJECTS:
                continue
            if child.lower_ in _PERSONAL:
                return _antecedent(child, discourse)
            if child.lower_ in _RELATIVE and verb.dep_ == "acl:relcl":
                # '412 millions d'opérations qui progressent de 6 %', 'une fréquentation qui progresse de 5 %'
                if names_a_measure(verb.head):
                    return noun_phrase(verb.head)
                return discourse.in_sentence[-1] if discourse.in_sentence else None
            if child.lower_ in _DEMONSTRATIVE:
                return _demonstrative(child, discourse)
            if (names_a_measure(child) or _names_a_change_of(child)) and not _is_actor(child):
                return _this_one(child, discourse) or _theirs(child, discourse) or noun_phrase(child)
            return None
        if verb.dep_ == "acl" and names_a_measure(verb.head):
            noun = verb.head
            while (_finite(verb) and noun.dep_ == "nmod" and names_a_measure(noun.head) and noun.head.i < noun.i
                   and noun.head.lemma_.lower() not in _PARTS_OF_A_WHOLE):
                # 'le PIB en volume progresse', 'le pouvoir d'achat du revenu des ménages progresse': a
                # conjugated verb the parser hung on the last noun agrees with the first. ('La part du
                # paiement sur Internet progresse, +56 %': a share does not grow by a percentage; the payments do.)
                noun = noun.head
            return _this_one(noun, discourse) or _theirs(noun, discourse) or noun_phrase(noun)
        if verb.dep_ not in _CLIMB or verb.head.i == verb.i:
            return None
        verb = verb.head
        seen += 1
    return None


def _names_a_change_of(token: Token) -> bool:
    """A change noun with its complement is a measure too: 'les pertes de recettes douanières'."""
    return token.lemma_.lower() in change_words() and any(c.dep_ == "nmod" for c in token.children)


def _is_actor(token: Token) -> bool:
    """A subject that acts rather than measures: 'le conseil d'administration de la BCT a relevé …'."""
    return token.lemma_.lower() in actor_nouns() or token.lower_ in actor_nouns()


def _antecedent(pronoun: Token, discourse: Discourse) -> str | None:
    """A subject pronoun names the nearest nominal subject before it, in its sentence or the ones before."""
    before = list(reversed(pronoun.doc[pronoun.sent.start : pronoun.i]))
    for token in before:
        if token.dep_ in _SUBJECTS and names_a_measure(token):
            return noun_phrase(token)
    for token in before:
        # 'En ce qui concerne le panier moyen, il a …': the topic noun before the pronoun.
        if names_a_measure(token) and token.dep_ not in ("nmod", "amod", "fixed", "flat:name", "obj"):
            return noun_phrase(token)
    if pronoun.sent.start > 0:
        # 'Les broyages locaux, eux, résistent. Ils ont totalisé …': the subject of the sentence just before,
        # even one that gives no figure.
        previous = pronoun.doc[pronoun.sent.start - 1].sent
        subjects = [t for t in previous if t.dep_ in _SUBJECTS and names_a_measure(t) and not _is_actor(t)]
        if subjects:
            return noun_phrase(subjects[-1])
    if discourse.subjects:
        return discourse.subjects[-1]
    return discourse.last


def _demonstrative(pronoun: Token, discourse: Discourse) -> str | None:
    """'celle du secteur tertiaire' after 'la valeur ajoutée du secteur primaire': valeur ajoutée du secteur tertiaire."""
    complement = [c for c in pronoun.children if c.dep_ == "nmod"]
    if not complement:
        return _antecedent(pronoun, discourse)  # 'Celles-ci ont rapporté …' names what the sentence before spoke of
    previous = discourse.in_sentence[-1] if discourse.in_sentence else discourse.last
    if not previous:
        return previous
    head = previous.split(" de ")[0].split(" du ")[0].split(" des ")[0].split(" d'")[0]
    tail = _words(pronoun.doc[pronoun.i + 1 : complement[0].right_edge.i + 1])
    return f"{head} {tail}"


def _this_one(noun: Token, discourse: Discourse) -> str | None:
    """'ces revenus', 'cette production' with nothing after them: the noun of what the text just measured.

    'Elles ont rapporté 2,6 milliards. Entre 2019 et 2022, ces revenus étaient passés de …': the
    revenues of the exports named before; 'ces opérations' after 'transactions par monnaie électronique' are those.
    """
    if not any(c.dep_ == "det" and c.lower_ in _THIS for c in noun.children) or noun_phrase(noun) != noun.lower_:
        return None
    previous = discourse.in_sentence[-1] if discourse.in_sentence else discourse.last
    if not previous or " " not in previous:
        return None
    if noun.lower_ in bare_measure_nouns() or noun.lower_ in stock_nouns():
        return previous  # 'Ce stock progresse' after 'l'encours des crédits': that encours
    topic = topic_of(previous)  # 'ces opérations' after 'valeur des transactions' are the transactions
    head, _, rest = topic.partition(" ")
    if head in proceeds_nouns() and rest.startswith(_OF):
        topic = topic_of(f"montant {rest}")  # 'ces recettes' after 'revenus des ventes': of the sales
    if noun.lower_ not in proceeds_nouns() or topic.split(" ", 1)[0] == noun.lower_:
        return topic
    return f"{noun.lower_} {_of(topic)}"


def _theirs(noun: Token, discourse: Discourse) -> str | None:
    """'Les recettes ont suivi la même tendance : leur montant s'est établi à …': the measure of the subject before."""
    if noun.lower_ not in bare_measure_nouns() or noun_phrase(noun) != noun.lower_:
        return None
    if not any(c.dep_ in ("det", "nmod:poss") and c.lower_ in _POSSESSIVES for c in noun.children):
        return None
    before = [t for t in noun.doc[noun.sent.start : noun.i] if t.dep_ in _SUBJECTS and names_a_measure(t) and not _is_actor(t)]
    return f"{noun.lower_} {_of(topic_of(noun_phrase(before[-1])))}" if before else None


def _count_phrase(span: Span) -> str:
    """'nombre de' and the counted noun with its complements: 'nombre d'opérations de paiement par cartes bancaires'.

    A unit of measure counts nothing: '410 000 tonnes de marchandises en transit' measures the goods.
    """
    if _physical(span):
        return _material(span) or ""
    nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN") and t.lower_ not in scale_words()]
    if not nouns:
        return ""
    phrase = noun_phrase(nouns[0])
    root = span.root
    if root.dep_ == "nsubj:pass" and root.head.pos_ == "VERB":
        # '4 300 emplois ont été supprimés dans le secteur bancaire': what happened to them says what is counted.
        verb = root.head
        obliques = [c for c in verb.children if c.dep_.startswith("obl") and c.ent_type_ not in ("PERIOD", *FIGURES)]
        tail = noun_phrase_with_case(obliques[0]) if obliques else ""
        phrase = " ".join(p for p in (phrase, verb.lower_, tail) if p)
    return "nombre " + _of(phrase)


def noun_phrase_with_case(head: Token) -> str:
    """A complement with its preposition: 'dans le secteur bancaire'."""
    case = [c for c in head.children if c.dep_ == "case"]
    determiners = [c for c in head.children if c.dep_ == "det" and c.i < head.i]
    words = [t.text.lower() for t in case + determiners]
    return " ".join(words + [noun_phrase(head)]).replace("' ", "'")


def _same_unit(first: Span, second: Span) -> bool:
    """Percentages and points are not two ends of one range ('de 125 points de base … à 6,25 %')."""
    if first.label_ != "PERCENT":
        return True
    return first._.value is not None and second._.value is not None and first._.value.unit == second._.value.unit

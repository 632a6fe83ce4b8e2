"""Kind and sign of a figure: amount, count, share or change."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from nlp.parsing.lexicon import change_words
from nlp.relations.lemmas import verb_lemmas

_WINDOW = 5


def change_cue(span: Span) -> tuple[int, object] | None:
    """The sign (+1, -1, 0) and token of the change word that governs the figure, if any.

    'une hausse de 22,2%', 'a reculé de 3 %', 'en baisse de 16%', '(+16%)', 'progression annuelle de 118,6%'.
    """
    return _cue_before(span) or _cue_above(span)


def _cue_before(span: Span) -> tuple[int, object] | None:
    """The change word in the few words before the figure, up to another figure or a break."""
    words = change_words()
    sent_start = span.sent.start
    left = span.doc[max(sent_start, span.start - _WINDOW) : span.start]
    # The nearest cue wins; a cue separated by another figure belongs to that figure.
    verb_between = False
    for token in reversed(left):
        if token.ent_type_ in ("MONEY", "PERCENT", "QUANTITY"):
            break
        if token.text in (";", ":") or (token.text == "," and token.i < span.start - 1):
            break
        if verb_between and token.dep_ == "nmod":
            continue  # 'la contribution du solde extérieur à la croissance s'établit à +0,2 point': a complement
        verb_between = verb_between or token.pos_ in ("VERB", "AUX")
        for form in (token.lemma_.lower(), token.lower_, *verb_lemmas(token)):
            if form in words:
                return words[form], token
    return None


def _cue_above(span: Span) -> tuple[int, object] | None:
    """The change word the figure hangs on in the parse: 'les exportations ont progressé … de 3 %'."""
    words = change_words()
    head = span.root.head
    for _ in range(2):
        if head.lemma_.lower() in words and head.i < span.start:
            return words[head.lemma_.lower()], head
        head = head.head
    return None


def kind_and_sign(span: Span) -> tuple[str, int]:
    """('amount'|'count'|'share'|'change', sign to apply to the value)."""
    if span.label_ == "MONEY":
        return "amount", 1
    if span.label_ == "QUANTITY":
        return "count", 1
    text = span.text.lstrip()
    if text[:1] in "+-−–":
        return "change", 1
    cue = change_cue(span)
    if span._.value is not None and span._.value.unit == "pp":
        # Percentage points and basis points measure a move between two rates.
        return "change", -1 if cue is not None and cue[0] < 0 else 1
    more_or_less = comparative(span)
    if more_or_less is not None:
        return "change", more_or_less  # '3,1 % de plus qu'en 2022', 'inférieur de 0,4 % à celui de 2023'
    if span.start > 0 and span.doc[span.start - 1].lower_ in ("à", "a"):
        moved = _change_subject(span)
        if moved is not None:
            return "change", moved  # 'la hausse s'est limitée à 0,4 %': the size of a change
        return "share", 1  # 'a abaissé son taux de 50 points de base à 1,5 %': the level reached
    own = _cue_before(span)
    if own is not None:
        return "change", -1 if own[0] < 0 else 1
    anchor = anchor_figure(span)
    if anchor is not None:
        return kind_and_sign(anchor)
    if _of_a_whole(span):
        return "share", 1  # '…, soit environ 39,7 % des arrivées': a part of a whole, whatever moved before it
    if cue is not None:
        sign, _ = cue
        return "change", -1 if sign < 0 else 1
    return "share", 1


_FIGURES = ("MONEY", "PERCENT", "QUANTITY")
_MORE_OR_LESS = {"plus": 1, "moins": -1}
_ABOVE_OR_BELOW = {"supérieur": 1, "supérieure": 1, "supérieurs": 1, "supérieures": 1,
                   "inférieur": -1, "inférieure": -1, "inférieurs": -1, "inférieures": -1}


def comparative(span: Span) -> int | None:
    """The sign of a figure that says how much more or less: 'X % de plus qu'en 2022', 'inférieur de X % à'."""
    doc = span.doc
    after = [t.lower_ for t in doc[span.end : min(span.sent.end, span.end + 2)]]
    if len(after) == 2 and after[0] in ("de", "d'", "d’") and after[1] in _MORE_OR_LESS:
        return _MORE_OR_LESS[after[1]]
    before = [t.lower_ for t in doc[max(span.sent.start, span.start - 3) : span.start]]
    for i, word in enumerate(before):
        if word in _ABOVE_OR_BELOW and i + 1 < len(before) and before[i + 1] in ("de", "d'", "d’"):
            return _ABOVE_OR_BELOW[word]
    return None


def _of_a_whole(span: Span) -> bool:
    """'39,7 % des arrivées', '84 % des ressources mobilisées': a percentage followed by what it is part of."""
    doc = span.doc
    if span.end + 1 >= span.sent.end or doc[span.end].lower_ not in ("des", "du", "de", "d'", "d’"):
        return False
    following = doc[span.end + 1]
    while following.pos_ == "DET" and following.i + 1 < span.sent.end:
        following = doc[following.i + 1]
    return following.pos_ == "NOUN" and following.lemma_.lower() not in change_words()


def _change_subject(span: Span) -> int | None:
    """The sign of the change noun that is the subject of the verb a figure completes: 'la hausse s'est limitée à'."""
    verb = span.root.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and verb.i > verb.sent.start:
        verb = verb.head
        if verb.i > span.start:
            return None
    words = change_words()
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubj:pass") and child.pos_ == "NOUN" and child.i < span.start:
            sign = words.get(child.lemma_.lower(), words.get(child.lower_))
            if sign is not None:
                return -1 if sign < 0 else 1
    return None


def figures_in(doc: Doc, start: int, end: int) -> list[Span]:
    """The figures between two token positions, read from the tokens' entity tags.

    Per figure, this costs the sentence, where a pass over doc.ents would cost the whole article.
    """
    found = []
    i = start
    while i < end:
        token = doc[i]
        if token.ent_type_ in _FIGURES and token.ent_iob_ == "B":
            j = i + 1
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
            if j <= end:
                found.append(Span(doc, i, j, label=token.ent_type_))
            i = j
        else:
            i += 1
    return found


_COMPARED = {"contre", "après", "vs", "avant"}
_LINKS = {"et", ",", "ou", "puis"}


def anchor_figure(span: Span) -> Span | None:
    """The figure this one goes with, whose kind it shares.

    '7 % (8 % au T1 et 6 % au T2)': the one before the brackets; 'à 7,2 %, après 7,5 %': the one compared
    with; 'une hausse de 12 % des transactions et de 9,5 % du montant': the one it is coordinated with.
    """
    doc = span.doc
    earlier = [e for e in figures_in(doc, span.sent.start, span.start) if e.label_ == span.label_]
    if not earlier:
        return None
    previous = earlier[-1]
    between = doc[previous.end : span.start]
    if any(t.pos_ in ("VERB", "AUX") for t in between):
        return None
    words = [t.lower_ for t in between]
    if words.count("(") == 1 and ")" not in words and len(words) <= 10:
        # in brackets opened after the other figure's phrase: '7 % de ses revenus sur le semestre (8 % au T1 …)'
        return previous
    left = [w for w in words if w not in ("de", "d'", "d’")]
    if left and (left[-1] in _COMPARED or left[0] in _COMPARED and len(left) <= 2):
        return previous
    near = [w for w in words[-2:] if w not in ("de", "d'", "d’")]
    if near and near[-1] in _LINKS and len(words) <= 12:
        return previous
    if words and words[0] in _LINKS and words[-1] in ("de", "d'", "d’") and len(words) <= 8:
        return previous  # 'ont augmenté de 6,3 %, la viande de poulet de 4,1 %': the verb is left out
    return None


def absolute_change(span: Span) -> int | None:
    """The sign of an amount or count that is itself a change: 'l'encours a reculé de 1,74 milliard',
    'soit 15 000 tonnes de moins'."""
    more_or_less = comparative(span)
    if more_or_less is not None:
        return more_or_less
    if span.start == 0 or span.doc[span.start - 1].lower_ not in ("de", "d'", "d’"):
        return None
    cue = change_cue(span)
    if cue is None or cue[0] == 0 or cue[1].i != _nearest_word(span):
        return None
    if cue[1].pos_ == "NOUN" and cue[1].lemma_.lower() in QUANTITY_CHANGES:
        return None  # 'une perte de 95,2 milliards', 'la perte de 2 140 emplois': the loss is what is measured
    return cue[0]


# Change nouns that, before an amount or a count, name the quantity itself rather than a move of another.
QUANTITY_CHANGES = {"perte", "gain"}


def _nearest_word(span: Span) -> int:
    """The word the figure's 'de' hangs on: 'reculé' in 'a reculé de', 'hausse' in 'en hausse de'."""
    i = span.start - 2
    while i > span.sent.start and span.doc[i].pos_ in ("ADV", "PUNCT"):
        i -= 1
    return i

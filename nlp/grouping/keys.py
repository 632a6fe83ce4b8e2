"""The canonical key of a fact: its metric's parts in the field's canonical words, with unit, kind and source."""
from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from nlp.parsing.counts import singular
from nlp.parsing.lexicon import LexiconError, change_verbs, count_nouns, fold_apostrophes, level_verbs, metric_keys

_ARTICLES = {"le", "la", "les", "l'", "un", "une", "son", "sa", "ses", "leur", "leurs", "ce", "cet", "cette", "ces"}
_OF = {"du": "de", "des": "de", "d'": "de", "au": "à", "aux": "à"}
_ELIDED = {"d", "l", "qu", "s", "c", "n", "jusqu", "lorsqu", "puisqu"}
_PUNCTUATION = "«»\"“”()[]{},.;:!?|/•–—"
# Words that join the parts of a phrase: never its first or last word.
_LINKS = {"de", "à", "en", "par", "sur", "via", "pour", "dans", "auprès", "avec", "et", "ou", "chez"}


@dataclass(frozen=True)
class Parts:
    """What a metric measures: the measure, what is measured, where or by whom (one value per family), and whose."""

    measure: str = ""
    object: str = ""
    scopes: tuple[tuple[str, str], ...] = ()  # (family, value), sorted
    holder: str = ""
    per: str = ""  # a rate's denominator: 'heure' in '4 500 transactions par heure'

    @property
    def generic(self) -> bool:
        """Whether its words leave open what is measured ('le montant global', 'le nombre de transactions')."""
        return self.object in ("", *metric_keys()["generic"])


def read_words(text: str) -> list[str]:
    """A phrase as keys read it: lower case, articles left out, 'du'/'des'/'d'' as 'de', each word singular."""
    words: list[str] = []
    for raw in fold_apostrophes(text.lower()).split():
        raw = raw.strip(_PUNCTUATION)
        if "'" in raw[:-1] and raw.split("'", 1)[0] in _ELIDED:
            head, rest = raw.split("'", 1)
            pieces = [head + "'", rest]
        else:
            pieces = [raw]
        for piece in pieces:
            piece = _OF.get(piece, piece)
            if not piece or piece in _ARTICLES or piece.endswith("'"):
                continue
            plural = piece not in metric_keys()["not_plural"] and not piece.endswith("ès")
            words.append(singular(piece) if plural else piece)
    return words


def metric_parts(metric: str, kind: str) -> Parts:
    """The parts of a metric as the text writes it: 'montant total des paiements en ligne effectués' -> valeur, paiement, en ligne."""
    measure, kept, scopes, first, stopped = "", [], {}, None, False
    for category, value, words in _phrases_in(read_words(metric)):
        after_a_noun = (kept and kept[-1] not in _LINKS) or (measure and not kept)
        # 'sites marchands adhérents au CMI', 'le montant progresse': what follows names no quantity, only its scope
        stopped = stopped or category == "cut" or (category == "word" and after_a_noun and _is_verb_form(value))
        if category == "scope" and (stopped or any(w not in _LINKS for w in kept)):
            family, name = value
            scopes.setdefault(family, set()).add(name)
        elif stopped or category == "neutral":
            continue
        elif category == "measure" and not measure:
            measure = value
        elif category == "object" and kept and kept[-1] == value:
            continue  # 'produit intérieur brut (PIB)': the acronym names the object again
        elif category in ("object", "word"):
            kept.append(value)
            first = first or (words[0] if value not in _LINKS else None)
        else:  # a second measure word, or a channel that is what is measured ('sites marchands actifs')
            kept.extend(words)
            first = first or words[0]
    if kind == "change" and not measure and first in metric_keys()["counted"]:
        measure = "nombre"  # 'les opérations de paiement en ligne ont connu une hausse de 30 %'
    return _completed(Parts(_measure(measure, kind), _joined(kept), _sorted_scopes(scopes)))


def scopes_in(text: str, *, besides: str = "") -> dict[str, set[str]]:
    """The scopes a text (a figure's sentence) names, by family: {'canal': {'en ligne'}}; none all of whose words
    are in `besides` (the metric: 'sites marchands' in '411 sites marchands actifs' is what is counted)."""
    known = set(read_words(besides))
    found: dict[str, set[str]] = {}
    for category, value, words in _phrases_in(read_words(text)):
        if category == "scope" and not set(words) <= known:
            found.setdefault(value[0], set()).add(value[1])
    return found


def with_scopes(parts: Parts, found: dict[str, set[str]]) -> Parts:
    """The parts with each family they lack that `found` names once ('nombre de transactions' in a sentence on e-commerce)."""
    scopes = dict(parts.scopes)
    for family, names in found.items():
        if family not in scopes and len(names) == 1:
            scopes[family] = next(iter(names))
    return _completed(replace(parts, scopes=tuple(sorted(scopes.items()))))


def key(parts: Parts, unit: str, kind: str, source: str | None) -> str:
    """'valeur|paiement|en ligne|MAD|amount|CMI': measure, object, scopes and holder, unit, kind, source."""
    whose = ";".join([name for _, name in parts.scopes] + ([parts.holder] if parts.holder else []))
    measure = f"{parts.measure} par {parts.per}" if parts.per else parts.measure
    return "|".join((measure.strip(), parts.object, whose, unit_key(unit, kind), kind, source or ""))


def unit_key(unit: str, kind: str) -> str:
    """A count's unit as the noun it counts, without its adjectives, in the field's canonical word ('transactions',
    'opération' -> opération; 'sites marchands actifs' -> site marchand, a compound of count_nouns.yaml)."""
    if kind != "count":
        return unit
    words = read_words(unit)
    compounds = {tuple(read_words(noun)) for noun in count_nouns()}
    size = next((n for n in range(len(words), 1, -1) if tuple(words[:n]) in compounds), 1)
    noun = " ".join(words[:size])
    for category, value, _ in _phrases_in(noun.split()):
        if category == "object":
            return value
    return noun


def _completed(parts: Parts) -> Parts:
    """An operation in a payment channel is a payment: 'transactions e-commerce', 'opérations via TPE ou Internet'."""
    if parts.object in ("opération", "") and {name for _, name in parts.scopes} & set(metric_keys()["payment_scopes"]):
        return replace(parts, object="paiement")
    return parts


def _measure(measure: str, kind: str) -> str:
    """An amount measures its value, a count its number, whichever word the text uses."""
    if kind == "amount" and measure in ("", "valeur", "volume"):
        return "valeur"
    if kind == "count" and measure in ("", "nombre", "volume"):
        return "nombre"
    return measure


def _joined(words: list[str]) -> str:
    while words and words[0] in _LINKS:
        words = words[1:]
    while words and words[-1] in _LINKS:
        words = words[:-1]
    joined = [w for i, w in enumerate(words) if not (i and w in _LINKS and words[i - 1] in _LINKS)]
    return " ".join(joined)


def _sorted_scopes(scopes: dict[str, set[str]]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((family, " et ".join(sorted(names))) for family, names in scopes.items()))


def _phrases_in(words: list[str]):
    """(category, value, words) from left to right, the longest phrase of metric_keys.yaml first, else one word."""
    table, longest = _phrase_table()
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            found = table.get(tuple(words[i : i + size]))
            if found is not None:
                yield found[0], found[1], words[i : i + size]
                i += size
                break
        else:
            yield "word", words[i], words[i : i + 1]
            i += 1


@functools.cache
def _phrase_table() -> tuple[dict[tuple[str, ...], tuple[str, object]], int]:
    """Every form of metric_keys.yaml, read as a metric is, -> (category, canonical value); each form under one key."""
    data = metric_keys()
    table: dict[tuple[str, ...], tuple[str, object]] = {}
    entries = [(category[:-1], canonical, form) for category in ("measures", "objects")
               for canonical, forms in data[category].items() for form in forms]
    entries += [("scope", (family, canonical), form) for family, values in data["scopes"].items()
                for canonical, forms in values.items() for form in forms]
    entries += [(category, form, form) for category in ("neutral", "cut") for form in data[category]]
    for category, value, form in entries:
        words = tuple(read_words(form))
        if words in table and table[words] != (category, value):
            raise LexiconError(f"metric_keys.yaml: expected {form!r} under one key, got it under "
                               f"{table[words][1]!r} and {value!r}")
        table[words] = (category, value)
    return table, max(len(words) for words in table)


def _is_verb_form(word: str) -> bool:
    """A change or level verb left in a metric by the tagger ('paiement sur internet progresse', 'prix grimper')."""
    verbs = change_verbs() | level_verbs()
    if word in verbs:
        return True
    for ending, infinitive in (("ent", "er"), ("es", "er"), ("e", "er"), ("é", "er"), ("ant", "er"), ("int", "indre"),
                               ("it", "ire")):
        if word.endswith(ending) and len(word) > len(ending) + 2 and word[: -len(ending)] + infinitive in verbs:
            return True
    return False

"""Lemmas of verbs that the French model's lemmatiser sometimes misses."""
from __future__ import annotations

from spacy.tokens import Token


def verb_lemmas(token: Token) -> set[str]:
    """The lemma, plus the infinitive of a first-group form or participle the lemmatiser left as is.

    'estime' -> estimer, 'élevée' (tagged ADJ, lemma 'élevé') -> élever.
    """
    lemma = token.lemma_.lower()
    lemmas = {lemma}
    for word in (lemma, token.lower_):
        for ending in ("ées", "ée", "és", "é", "ent", "es", "e"):
            if word.endswith(ending) and len(word) > len(ending) + 2:
                lemmas.add(word[: -len(ending)] + "er")
                break
    return lemmas


def is_verbal(token: Token) -> bool:
    """A verb, an auxiliary, or a participle the tagger read as an adjective ('s'est élevée')."""
    return token.pos_ in ("VERB", "AUX") or (token.pos_ == "ADJ" and token.lower_.endswith(("é", "ée", "és", "ées")))

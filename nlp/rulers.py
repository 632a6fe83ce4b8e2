"""Token merging that lets the rulers see '10 000' as one number."""
from __future__ import annotations

import regex
from spacy.language import Language
from spacy.tokens import Doc

# Thousands grouped by a space, a no-break or a narrow no-break space ('10 000', '1 234 500,5'):
# the tokenizer splits them, the parser and the rulers want one number.
_GROUPED = regex.compile(r"(?<![\d.,])[+\-−–]?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})++(?:,\d++)?(?![\d])")


@Language.factory("chiffres_number_merger", assigns=["token.text"], default_config={})
class NumberMerger:
    """Merge the tokens of a number written with spaced thousands into one token."""

    def __init__(self, nlp: Language, name: str = "chiffres_number_merger"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        if not any(char in text for char in " \u00a0\u202f\u2009"):
            return doc
        with doc.retokenize() as retokenizer:
            for match in _GROUPED.finditer(text):
                span = doc.char_span(match.start(), match.end(), alignment_mode="strict")
                if span is not None and len(span) > 1:
                    retokenizer.merge(span)
        return doc


# Abbreviations after which French news goes on with the same sentence ('env. 92 millions').
_NO_BREAK_AFTER = {"env.", "M.", "MM.", "Mme.", "av.", "cf.", "n°", "p.", "art."}


@Language.factory("chiffres_sentence_guard", assigns=["token.is_sent_start"], default_config={})
class SentenceGuard:
    """Sentence boundaries the parser then keeps: a new line starts one; an aside in brackets never does."""

    def __init__(self, nlp: Language, name: str = "chiffres_sentence_guard"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        depth = 0
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if previous.text == "(":
                depth += 1
            elif previous.text == ")":
                depth = max(0, depth - 1)
            if "\n" in previous.text or "\n" in previous.whitespace_:
                token.is_sent_start = True
            elif depth > 0 or token.text == ")" or previous.text == ":" or _abbreviation_ends(previous):
                token.is_sent_start = False
        return doc


def _abbreviation_ends(token) -> bool:
    """Whether `token` ends an abbreviation: 'env.' as one token, or 'env' then '.'."""
    if token.text in _NO_BREAK_AFTER:
        return True
    return token.text == "." and token.i > 0 and token.doc[token.i - 1].text + "." in _NO_BREAK_AFTER

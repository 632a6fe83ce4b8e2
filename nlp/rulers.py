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

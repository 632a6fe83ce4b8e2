"""Token merging that lets the rulers see '10 000' as one number."""
from __future__ import annotations

import regex
from spacy.language import Language
from spacy.tokens import Doc

from nlp.pipeline.typography import TYPOGRAPHIC_SPACES

# Thousands grouped by a space, a no-break or a narrow no-break space ('10 000', '1 234 500,5'),
# with a unit glued to the last group ('1 500DH'): the tokenizer splits them, the rulers want one number.
_GROUPED = regex.compile(r"(?<![\d.,])[+\-−–]?\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})++(?:,\d++)?(?![\d])[^\W\d_]*+[€$£]?"
                         # '16, 04 %', '4, 7 %': a decimal comma followed by a space in a copied text (read_number says when)
                         r"|(?<![\d.,])\d{1,3}, (?:0\d{1,2}|\d)(?=\s?%)")


@Language.factory("chiffres_number_merger", assigns=["token.text"], default_config={})
class NumberMerger:
    """Merge the tokens of a number written with spaced thousands into one token."""

    def __init__(self, nlp: Language, name: str = "chiffres_number_merger"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        if any(char in text for char in TYPOGRAPHIC_SPACES):
            # spaCy's own tokenizer leaves them inside tokens: '3,1\u00a0%' would be no percentage.
            raise ValueError(f"{self.name}: expected chiffres' tokenizer, which reads no-break spaces as plain ones "
                             "(nlp.load(pipeline) sets it), found a no-break space in the doc's text")
        if " " not in text:
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
    """A new line, or a quote opened after a full stop, starts a sentence: set before the parser, which keeps it."""

    def __init__(self, nlp: Language, name: str = "chiffres_sentence_guard"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if "\n" in previous.text or "\n" in previous.whitespace_ or (token.text in ("«", "“") and previous.text in (".", "!", "?")):
                token.is_sent_start = True
        return doc


@Language.factory("chiffres_sentence_joiner", assigns=["token.head", "token.dep"], default_config={})
class SentenceJoiner:
    """Undo the parser's sentence breaks after a colon or a comma, inside brackets, after 'env.' or a word.

    A sentence ends on punctuation or a new line; the parser sometimes breaks inside a long name.

    The parser ignores boundaries forbidden in advance, so the sentence that should not have
    started is attached to the one before it.
    """

    def __init__(self, nlp: Language, name: str = "chiffres_sentence_joiner"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("SENT_START"):
            raise ValueError(f"{self.name}: expected sentences from a parser before it, found a doc without them")
        sentences = list(doc.sents)
        depth = 0
        opened_in = {}
        for token in doc:
            if token.text == "(":
                depth += 1
            elif token.text == ")":
                depth = max(0, depth - 1)
            opened_in[token.i] = depth
        previous_root = None
        for sentence in sentences:
            first = sentence[0]
            if previous_root is not None and first.i > 0:
                before = doc[first.i - 1]
                newline = "\n" in before.text or "\n" in before.whitespace_
                # Inside a name ('Bank Al-Maghrib') or before a lower-case word, no sentence has ended.
                unfinished = (before.text in ("-", "–") or first.text in ("-", "–") or first.is_lower
                              or (first.pos_ in ("PROPN", "X") and before.pos_ in ("PROPN", "X")))
                unfinished = unfinished and not (before.is_punct and before.text not in ("-", "–"))
                # '21 mille DH à fin janvier': a sentence never ends on a number.
                unfinished = unfinished or before.like_num or before.text[:1].isdigit()
                # '« | La demande reste soutenue »': nor on an opening quote or bracket.
                unfinished = unfinished or before.text in ("«", "“", "(", "[")
                # 'Selon FranceAgriMer | , les sorties …': no sentence starts on a comma, a colon or a closing bracket.
                if not newline and (before.text in (":", ",") or opened_in[first.i] > 0 or first.text in (")", ",", ";", ":")
                                    or unfinished
                                    or _abbreviation_ends(before)):
                    root = sentence.root
                    root.head = previous_root
                    root.dep_ = "parataxis"
                    continue
            previous_root = sentence.root
        return doc


def _abbreviation_ends(token) -> bool:
    """Whether `token` ends an abbreviation: 'env.' as one token, or 'env' then '.'."""
    if token.text in _NO_BREAK_AFTER:
        return True
    return token.text == "." and token.i > 0 and token.doc[token.i - 1].text + "." in _NO_BREAK_AFTER

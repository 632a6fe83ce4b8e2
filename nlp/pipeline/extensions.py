"""Every Doc and Span extension chiffres sets, declared in one place."""
from __future__ import annotations

from spacy.tokens import Doc, Span

_DOC = {
    "doc_id": None,  # the article's id, as in the record
    "date": None,  # the article's publication date (datetime.date), the reference of relative periods
    "facts": None,  # list[Fact] set by chiffres_facts
    "text_as_given": None,  # the text with its typographic spaces, when the tokenizer made them plain
    "unparsed": None,  # list[(label, text, start_char)] that a ruler matched and no normaliser could read
}
_SPAN = {
    "value": None,  # Money | Percent | Count | Period | RelativePeriod
    "org": None,  # the name of the organisation, as the article writes it most briefly
    "elliptical": False,  # a figure whose unit is only implied by its neighbour: '269,8 millions', 'contre 258'
}


def declare() -> None:
    """Register the extensions once; safe to call again."""
    for name, default in _DOC.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in _SPAN.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)

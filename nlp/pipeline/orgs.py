"""Organisations: the curated lexicon, acronyms defined in the text, one name per organisation."""
from __future__ import annotations

import unicodedata

import regex
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from nlp.pipeline.extensions import declare
from nlp.parsing.lexicon import attribution, designations, institutions
from nlp.pipeline.normalizer import in_brackets

# An acronym as French news writes it: 'CMI', 'Apebi', 'BCEAO', 'S&P'.
_ACRONYM = regex.compile(r"^[A-Z][A-Za-z&\-]{1,11}$")
_OWN_LABELS = ("MONEY", "PERCENT", "QUANTITY", "PERIOD")
_LEADING_ARTICLE = regex.compile(r"^(?:l['’]|la |le |les |du |des |de la |de l['’]|d['’])", regex.IGNORECASE)


@Language.factory("chiffres_orgs", assigns=["doc.ents", "span._.org"], default_config={})
class OrgResolver:
    """Tag the organisations of the lexicon and of the text, and give each mention its organisation's name."""

    def __init__(self, nlp: Language, name: str = "chiffres_orgs"):
        self.name = name
        declare()
        # Long names match in any case; a one-word name or an acronym only as written,
        # since 'orange', 'wave' or 'visa' in lower case are ordinary words.
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.designations = PhraseMatcher(nlp.vocab, attr="LOWER")
        for name, kind in designations().items():
            self.designations.add(kind, [nlp.make_doc(name)])
        for key, entry in institutions().items():
            forms = [nlp.make_doc(form) for form in entry.get("names", []) + (entry.get("acronyms") or [])]
            long_names = [form for form in forms if len(form) > 1]
            exact = [form for form in forms if len(form) == 1]
            if long_names:
                self.names.add(key, long_names)
            if exact:
                self.acronyms.add(key, exact)

    def __call__(self, doc: Doc) -> Doc:
        own = [span for span in doc.ents if span.label_ in _OWN_LABELS]
        keys: dict[tuple[int, int], str] = {}
        known = []
        for matcher in (self.names, self.acronyms):
            for match_id, start, end in matcher(doc):
                keys[(start, end)] = doc.vocab.strings[match_id]
                known.append(Span(doc, start, end, label="ORG"))
        known = filter_spans(known)
        ents = [_with_portfolios(doc, span) if span.label_ == "ORG" else span for span in doc.ents]
        # A lexicon name wins over a statistical span around it: 'groupe OCP' is OCP.
        covered = {i for span in known for i in range(span.start, span.end)}
        candidates = known + [span for span in ents if span.label_ == "ORG"
                              and not any(i in covered for i in range(span.start, span.end))]
        concepts = _concept_acronyms(doc)
        candidates = [s for s in candidates if not (len(s) == 1 and s.text in concepts)]
        defined = self._defined_acronyms(doc, candidates, keys)
        for token in doc:
            if token.text in defined:
                keys[(token.i, token.i + 1)] = defined[token.text]
                candidates.append(Span(doc, token.i, token.i + 1, label="ORG"))
        candidates += self._designated(doc, candidates, keys)
        taken = {i for span in own for i in range(span.start, span.end)}
        orgs = [s for s in filter_spans(candidates) if not any(i in taken for i in range(s.start, s.end))]
        self._name(orgs, keys)
        _speak_for_parents(doc, orgs, set(defined))
        others = [s for s in doc.ents if s.label_ not in _OWN_LABELS and s.label_ != "ORG"]
        spans = own + orgs
        used = {i for span in spans for i in range(span.start, span.end)}
        spans += [s for s in others if not any(i in used for i in range(s.start, s.end))]
        doc.ents = sorted(spans, key=lambda s: s.start)
        return doc

    def _designated(self, doc: Doc, candidates: list[Span], keys: dict) -> list[Span]:
        """'la Banque centrale', 'l'institut d'émission': the one institution of that type the article names."""
        named: dict[str, set[str]] = {}
        for span in candidates:
            key = keys.get((span.start, span.end))
            kind = institutions().get(key, {}).get("type") if key else None
            if kind:
                named.setdefault(kind, set()).add(key)
        found = []
        for match_id, start, end in self.designations(doc):
            kind = doc.vocab.strings[match_id]
            if len(named.get(kind, ())) == 1:
                keys[(start, end)] = next(iter(named[kind]))
                found.append(Span(doc, start, end, label="ORG"))
        # A statistical span that is only the designation ('Banque Centrale') gives way to it.
        spans = {(s.start, s.end) for s in found}
        candidates[:] = [c for c in candidates if (c.start, c.end) not in spans or keys.get((c.start, c.end))]
        return [s for s in found if not any(c.start == s.start and c.end == s.end for c in candidates)]

    @staticmethod
    def _defined_acronyms(doc: Doc, candidates: list[Span], keys: dict) -> dict[str, str]:
        """'Centre Monétique Interbancaire (CMI)': the acronym names the organisation before it."""
        defined = {}
        for token in doc[2:-1]:
            if token.nbor(-1).text == "(" and token.nbor(1).text == ")" and _ACRONYM.match(token.text):
                expansion = _expansion(doc, token)
                if expansion is not None and not expansion[0].is_lower:
                    key = keys.get((expansion.start, expansion.end)) or token.text
                    defined[token.text] = key
                    keys[(expansion.start, expansion.end)] = key
                    candidates.append(expansion)
        for span in filter_spans(candidates):
            after = doc[span.end : span.end + 3]
            if len(after) == 3 and after[0].text == "(" and after[2].text == ")" and _ACRONYM.match(after[1].text):
                acronym = after[1].text
                if acronym[0].lower() != _strip_article(span.text)[:1].lower():
                    continue
                key = keys.get((span.start, span.end)) or acronym
                defined[acronym] = key
                keys[(span.start, span.end)] = key
        return defined

    @staticmethod
    def _name(orgs: list[Span], keys: dict) -> None:
        """Each mention gets the briefest name the article uses for its organisation."""
        clusters: dict[str, list[Span]] = {}
        for span in orgs:
            key = keys.get((span.start, span.end)) or name_of(span)
            clusters.setdefault(key, []).append(span)
        for key, spans in clusters.items():
            forms = [name_of(s) for s in spans]
            # 'le groupe OCP': the lexicon's short name, written inside the longer mention.
            forms = [key if _has_word(form, key) else form for form in forms]
            acronyms = [f for f in forms if _ACRONYM.match(f) and (f.isupper() or len(f) <= 6)]
            name = min(acronyms or forms, key=lambda f: (len(f), f))
            for span in spans:
                span._.org = name


_LINKS = {"de", "du", "des", "d'", "d’", "la", "le", "les", "l'", "l’"}


def _speak_for_parents(doc: Doc, orgs: list[Span], acronyms: set[str]) -> None:
    """'le Comité de politique monétaire (CPM) de la BCEAO': the organ, and 'le Comité' or 'le CPM' later, are the BCEAO."""
    bodies, units = attribution()["organ_nouns"], attribution()["unit_nouns"]
    starting = {span.start: span for span in orgs}
    parent_of: dict[str, str] = {}
    by_head: dict[str, str] = {}
    for token in doc:
        head = token.lower_
        if head not in bodies and head not in units:
            continue
        parent, own = None, []
        for i in range(token.i + 1, min(len(doc), token.i + _ORGAN_REACH)):
            if doc[i].pos_ in ("VERB", "AUX") or (doc[i].is_punct and doc[i].text not in ("(", ")", "'", "’")):
                break
            span = starting.get(i)
            if span is None:
                continue
            linked = doc[i - 1].lower_ in _LINKS and not in_brackets(span)
            if linked and not (head in units and own):
                parent = span
                break
            own.append(span)
        if parent is None:
            continue
        # A unit the text names on its own ('la Direction des études (DEPF) du ministère') publishes as itself.
        mentions = own + [s for s in orgs if s.start == token.i or (s.start < token.i < s.end)]
        for span in mentions:
            if span._.org != parent._.org and not (head in units and span._.org in acronyms):
                parent_of[span._.org] = parent._.org
        by_head.setdefault(head, parent._.org)
    for span in orgs:
        words = _strip_article(span.text).split()
        if span._.org in parent_of:
            span._.org = parent_of[span._.org]
        elif len(words) == 1 and words[0].lower() in by_head:
            span._.org = by_head[words[0].lower()]


_ORGAN_REACH = 12
_EXPANSION_REACH = 14
_MINOR_WORDS = {"de", "des", "du", "d'", "d’", "la", "le", "les", "l'", "l’", "et", "pour", "dans", "en", "à", "au", "aux", "sur"}


def _expansion(doc: Doc, acronym) -> Span | None:
    """The words before '(ACR)' whose initials spell it: 'Direction générale de la comptabilité publique et du Trésor (DGCPT)'."""
    letters = acronym.text.upper().replace("-", "").replace("&", "")
    end = acronym.i - 1  # the '('
    for start in range(end - 1, max(-1, end - _EXPANSION_REACH), -1):
        words = [t for t in doc[start:end] if t.is_alpha and t.lower_ not in _MINOR_WORDS]
        # 'Direction générale de l'économie … (DGEPF)': an initial is written without its accent.
        initials = "".join(_unaccented(w.text[0]).upper() for w in words)
        if initials == letters and doc[start].lower_ not in _MINOR_WORDS:
            return Span(doc, start, end, label="ORG")
        if len(initials) > len(letters) or any(t.is_punct for t in doc[start:start + 1]):
            break
    return None


def _with_portfolios(doc: Doc, span: Span) -> Span:
    """'ministère de l'Energie, des Mines et des Carrières': a ministry's name goes on through its portfolios."""
    if span[0].lower_ not in ("ministère", "ministre"):
        return span
    end = span.end
    while end < len(doc) and doc[end].text in (",", "et"):
        i = end + 1
        while i < len(doc) and doc[i].lower_ in _LINKS:
            i += 1
        if i == end + 1 or i >= len(doc) or not doc[i].is_title:
            break
        while i < len(doc) and doc[i].is_title:
            i += 1
        end = i
    return span if end == span.end else Span(doc, span.start, end, label="ORG")


def _unaccented(letter: str) -> str:
    return unicodedata.normalize("NFD", letter)[0]


def _concept_acronyms(doc: Doc) -> set[str]:
    """'produit intérieur brut (PIB)', 'le parc fibre (FTTH)': an acronym for a common noun phrase names no organisation."""
    concepts = set()
    for token in doc[2:-1]:
        if token.nbor(-1).text == "(" and token.nbor(1).text == ")" and _ACRONYM.match(token.text):
            expansion = _expansion(doc, token)
            if expansion is not None:
                if expansion[0].is_lower:
                    concepts.add(token.text)
                continue
            # No words spell it out: a name would be capitalised somewhere in the words before it.
            words = [t for t in doc[max(token.sent.start + 1, token.i - 9) : token.i - 1] if t.is_alpha]
            if words and words[-1].is_lower and not any(t.is_title or t.is_upper for t in words):
                concepts.add(token.text)
    return concepts


_WORD_CHAR = regex.compile(r"\w")
_BOUNDARY = regex.compile(r"\b")


def _has_word(text: str, word: str) -> bool:
    """Whether `word` occurs in `text` between word boundaries, as `\\bword\\b` finds it.

    A pattern made of the word costs time that grows much faster than its length, and a statistical
    ORG span can be a whole line of 100,000 characters: a plain search, then the boundaries.
    """
    if not word:
        return _BOUNDARY.search(text) is not None

    def wordy(index: int) -> bool:
        return 0 <= index < len(text) and _WORD_CHAR.match(text[index]) is not None

    first, last = _WORD_CHAR.match(word[0]) is not None, _WORD_CHAR.match(word[-1]) is not None
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if wordy(start - 1) != first and wordy(end) != last:
            return True
        start = text.find(word, start + 1)
    return False


def name_of(span: Span) -> str:
    """The span without its article, unless a capital inside a sentence makes the article part of the name ('Le Soleil')."""
    first = span[0]
    before = span.doc[span.start - 1] if span.start else None
    if (first.is_title and first.lower_ in ("le", "la", "les", "l'", "l’") and not first.is_sent_start
            and before is not None and (not before.is_punct or before.text == ",") and not before.is_space
            and "\n" not in before.whitespace_):
            # 'rapporte Le Soleil', 'De son côté, Le Quotidien estime'; a line or a colon before it capitalises any article
        return span.text
    return _strip_article(span.text)


def _strip_article(text: str) -> str:
    return _LEADING_ARTICLE.sub("", text).strip()

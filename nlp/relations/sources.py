"""Who a figure is attributed to: cues, attribution verbs, speakers resolved to their organisation."""
from __future__ import annotations

import bisect
import functools
from collections import Counter

from spacy.tokens import Doc, Span

from nlp.parsing.lexicon import actor_nouns, attribution, fold_apostrophes, institutions, roles
from nlp.pipeline.normalizer import in_brackets
from nlp.pipeline.orgs import name_of
from nlp.relations.layout import paragraphs
from nlp.relations.lemmas import verb_lemmas

_REACH = 6
_SPEAKER_REACH = 14
_HEADER_LINES = 4
_DEFINITE = {"le", "la", "l'", "l’"}
_PRONOUNS = {"il", "elle", "-il", "-elle", "-t-il", "-t-elle", "ils", "elles", "-ils", "-elles"}


class Attribution:
    """The source of each sentence of an article, and the organisation the article reports."""

    def __init__(self, doc: Doc, sentence_of: list[int]):
        self.doc = doc
        self.sentence_of = sentence_of
        known = _known_names()
        orgs = [s for s in doc.ents if s.label_ == "ORG" and s._.org]
        # Where two organisations are in reach, one outside brackets ('Kerlys (Euronext Paris)' names a listing)
        # and one the lexicon knows are the likelier source.
        self.orgs = sorted(orgs, key=lambda s: (in_brackets(s), s._.org.lower() not in known, s.start))
        self.rank = {(org.start, org.end): rank for rank, org in enumerate(self.orgs)}
        self.org_at = {i: org for org in reversed(self.orgs) for i in range(org.start, org.end)}
        self.speakers = self._speakers()
        self.paragraph_of = paragraphs(doc)
        self.company, own_account = _company(doc)
        self.by_sentence: dict[int, str] = {}
        self.explicit: set[int] = set()
        last_speaker = None
        for sent in doc.sents:
            source, speaker, explicit = self._sentence_source(sent, last_speaker)
            if speaker:
                last_speaker = speaker
            if source:
                self.by_sentence[sent.start] = source
                if explicit:
                    self.explicit.add(sent.start)
        self._credit_tables()
        # The article's own source: the organisation most often credited in sentences that give figures.
        self.with_figures = {sentence_of[f.start] for f in doc.ents if f.label_ in ("MONEY", "PERCENT", "QUANTITY")}
        release = own_account or self._publishes(self.company)
        if release:
            # A company's release ('Le groupe Sonatel a publié ses résultats'): every figure is the company's,
            # not that of a product or a subsidiary that a sentence makes its subject ('Orange Money a compté …').
            self.by_sentence = {start: source for start, source in self.by_sentence.items() if start in self.explicit}
        self.main = self.company if release else (self._main_source() or self._publisher(known))
        # Sentences whose source carries over to the following ones, in order. In a company's own account,
        # another body it cites ('selon les chiffres de l'ANRT') speaks for its own sentence only.
        self.carriers = sorted(s for s in self.by_sentence if (s in self.explicit or s in self.with_figures)
                               and not (release and self.by_sentence[s] != self.company))

    def _credit_tables(self) -> None:
        """'Source : OFS' under a table credits its rows and title, the lines with no verb above it."""
        sentences = list(self.doc.sents)
        for index, sent in enumerate(sentences):
            if sent[0].lower_ not in ("source", "sources") or sent.start not in self.by_sentence:
                continue
            for earlier in reversed(sentences[:index]):
                if earlier.start in self.explicit or any(t.pos_ in ("VERB", "AUX") for t in earlier):
                    break
                self.by_sentence[earlier.start] = self.by_sentence[sent.start]
                self.explicit.add(earlier.start)

    def _publishes(self, company: str | None) -> bool:
        """Whether the article has the company publish or announce ('Le groupe X publie ses résultats')."""
        if not company:
            return False
        verbs = attribution()["verbs"]
        for token in self.doc:
            if token.pos_ in ("VERB", "AUX") and verb_lemmas(token) & verbs:
                for child in token.children:
                    if child.dep_ in ("nsubj", "nsubj:pass") and company in self.doc[child.left_edge.i : child.right_edge.i + 1].text:
                        return True
        return False

    def _main_source(self) -> str | None:
        """The organisation the article reports: credited for figures, or most of the explicit credits (twice at least)."""
        with_figures = Counter(source for start, source in self.by_sentence.items() if start in self.with_figures)
        if with_figures:
            return with_figures.most_common(1)[0][0]
        explicit = Counter(self.by_sentence[start] for start in self.explicit)
        if explicit:
            source, count = explicit.most_common(1)[0]
            if count >= 2 and count * 2 > sum(explicit.values()):
                return source
        return None

    def _publisher(self, known: frozenset[str]) -> str | None:
        """'Insee – Informations rapides n° 271': a header line, with no verb, that opens on a known institution."""
        for number, sent in enumerate(self.doc.sents):
            if number >= _HEADER_LINES:
                break
            org = self.org_at.get(sent.start)
            if (org is not None and org._.org.lower() in known and sent.start not in self.with_figures
                    and not any(t.pos_ in ("VERB", "AUX") for t in sent)):
                return org._.org
        return None

    def source_of(self, figure: Span) -> str | None:
        """The sentence's own attribution, else the last one before it, else the article's."""
        return self.source_of_sentence(self.sentence_of[figure.start])

    def source_of_sentence(self, start: int) -> str | None:
        """The source of the sentence that starts at token `start`."""
        if start in self.by_sentence:
            return self.by_sentence[start]
        # A subject that gives no figure (a headline, an aside) does not carry over to the next sentences.
        earlier = bisect.bisect_left(self.carriers, start)
        if earlier:
            return self.by_sentence[self.carriers[earlier - 1]]
        return self.main

    def _org_in(self, start: int, end: int) -> Span | None:
        """The organisation that overlaps [start, end): a known one first, else the first in the text."""
        found = {self.org_at[i] for i in range(start, end) if i in self.org_at}
        return min(found, key=lambda org: self.rank[(org.start, org.end)]) if found else None

    def _speakers(self) -> dict[str, str]:
        """Surname of a named speaker -> the organisation their title ties them to."""
        doc = self.doc
        titles = roles()
        table = {}
        for person in (s for s in doc.ents if s.label_ == "PER"):
            sent = person.sent
            windows = [(max(sent.start, person.start - _SPEAKER_REACH), person.start),
                       (person.end, min(sent.end, person.end + _SPEAKER_REACH))]
            for start, end in windows:
                words = " ".join(t.lower_ for t in doc[start:end])
                org = self._org_in(start, end)
                if org is not None and any(title in words for title in titles if len(title) > 3):
                    table[person[-1].text] = org._.org
                    break
        return table

    def _sentence_source(self, sent: Span, last_speaker: str | None) -> tuple[str | None, str | None, bool]:
        """(source, speaker organisation, whether a cue or a verb states it) of one sentence."""
        cues = attribution()
        doc = self.doc
        # 'Selon L'Echo, qui cite des chiffres de Febelfin': whose data it is before who reports it.
        for token in sent:
            lower = fold_apostrophes(token.lower_)
            if lower in cues["statistics_nouns"] or lower in cues["participles"]:
                org = self._org_in(token.i + 1, min(sent.end, token.i + 4))
                if org is not None:
                    return org._.org, None, True
        for token in sent:
            lower = fold_apostrophes(token.lower_)
            cue = lower in cues["prepositions"]
            if not cue and lower in _cue_prefixes():
                two = fold_apostrophes(" ".join(t.lower_ for t in doc[token.i : token.i + 2])).replace("' ", "'")
                cue = two in cues["prepositions"]
            if cue and any(t.lower_ in ("même", "mêmes") for t in doc[token.i + 1 : min(sent.end, token.i + 4)]):
                # 'selon la même source', 'd'après les mêmes estimations': the body credited last
                credited = [start for start in self.explicit if start < sent.start]
                if credited:
                    return self.by_sentence[max(credited)], None, True
            if cue:
                # 'selon le dernier rapport annuel de l'Agence …': a statistics noun lets the name come later.
                window = doc[token.i + 1 : min(sent.end, token.i + 1 + _REACH)]
                reach = _REACH * 2 if any(t.lemma_.lower() in cues["statistics_nouns"] or t.lower_ in cues["statistics_nouns"]
                                          for t in window) else _REACH
                org = self._org_in(token.i + 1, min(sent.end, token.i + 1 + reach))
                if org is not None:
                    return org._.org, None, True
                named = _named_body(doc, token.i + 1, sent.end)
                if named:
                    return named, None, True
                if _names_the_outlet(doc, token.i + 1, sent.end):
                    outlet = self._outlet(sent)  # 'selon le journal'
                    if outlet:
                        return outlet, None, True
        for token in sent:
            if token.pos_ not in ("VERB", "AUX"):
                continue
            lemmas = verb_lemmas(token)
            following = doc[token.i + 1].lower_ if token.i + 1 < sent.end else ""
            phrases = lemmas | {f"{lemma} {following}" for lemma in lemmas}
            if not phrases & cues["verbs"]:
                continue
            found = self._speaker_after(token.i + 1, sent.end, last_speaker)
            if found:
                return found, found, True
            subject = [c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")]
            if subject and _names_the_outlet(doc, subject[0].left_edge.i, subject[0].i + 1):
                outlet = self._outlet(sent)  # 'Le journal … indique que'
                if outlet:
                    return outlet, None, True
            if subject:
                found = self._subject_source(doc[subject[0].left_edge.i : subject[0].right_edge.i + 1])
                if found:
                    return found, None, True
        return self._subject_org(sent), None, False

    def _outlet(self, sent: Span) -> str | None:
        """The outlet 'le journal' stands for: none where its paragraph already credits a body it cites (the data is
        that body's), else the name the paragraph opens on ('EnQuête s'intéresse au port de Dakar. Le journal …')."""
        paragraph = self.paragraph_of[sent.start]
        if any(self.paragraph_of[start] == paragraph for start in self.explicit if start < sent.start):
            return None
        opening = sent
        for earlier in self.doc.sents:
            if earlier.start >= sent.start:
                break
            if self.paragraph_of[earlier.start] == paragraph:
                opening = earlier
                break
        for token in opening:
            if token.dep_ in ("nsubj", "nsubj:pass") and token.head.dep_ == "ROOT" and token.text[:1].isupper() and token.pos_ != "PRON":
                words = self.doc[token.left_edge.i : token.i + 1]
                if all(t.text[:1].isupper() for t in words if t.is_alpha) and not _names_the_outlet(self.doc, words.start, words.end):
                    return words.text
        return None

    def _subject_source(self, words: Span) -> str | None:
        """The company or organisation a verb's subject names: 'Le groupe Valmorel (SIX : VALN) publie …' is Valmorel,
        and so is 'La société a annoncé' in an article about it."""
        if self.company and self.company in words.text:
            return self.company
        if (self.company and len(words) >= 2 and words[0].lower_ in _DEFINITE
                and words[1].lower_ in attribution()["company_nouns"]):
            return self.company
        org = self._org_in(words.start, words.end)
        if org is not None:
            return org._.org if not in_brackets(org) else None
        # 'De son côté, Le Soleil estime que …': a name no list holds, subject of an attribution verb
        named = [t for t in words if t.is_alpha and t.lower_ not in _DEFINITE]
        article = words[0].lower_ in _DEFINITE and words[0].is_title  # a capital article inside a sentence starts a title
        if (named and all(t.is_title or t.is_upper for t in named) and (article or any(t.pos_ == "PROPN" for t in named))
                and not any(t.ent_type_ == "PER" for t in words) and not words[0].is_sent_start):
            return name_of(words)
        return None

    def _speaker_after(self, start: int, end: int, last_speaker: str | None) -> str | None:
        """The organisation of whoever speaks after an attribution verb: 'a indiqué le DG du CMI', 'a-t-il ajouté'."""
        doc = self.doc
        for token in doc[start : min(end, start + _SPEAKER_REACH)]:
            if token.lower_ in ("que", "qu'", "qu’"):
                return None  # 'a indiqué que …': what follows is what was said
            if token.lower_ in _PRONOUNS and token.i - start <= 2:
                return last_speaker or self.company
            if token.lower_ in attribution()["media_nouns"] and token.i - start <= 2 and doc[token.i - 1].pos_ == "DET":
                return self._outlet(doc[token.i].sent)  # '…, note la publication'
            if token.lower_ in attribution()["company_nouns"] and token.i - start <= 2 and self.company:
                return self.company  # '…, a annoncé la société'

            if token.ent_type_ == "ORG":
                org = self._org_in(token.i, end)
                if org is not None:
                    return org._.org
            if token.text in self.speakers:
                return self.speakers[token.text]
        return None

    def _subject_org(self, sent: Span) -> str | None:
        """An organisation that is the subject of the sentence's main verb: 'Maroc Telecommerce a enregistré ...'."""
        in_sentence = {self.org_at[i] for i in range(sent.start, sent.end) if i in self.org_at}
        for org in sorted(in_sentence, key=lambda o: self.rank[(o.start, o.end)]):
            # The parser often leaves a long name unattached: an organisation right before the verb is its subject.
            if sent.start <= org.start and org.end < sent.end and org.doc[org.end].pos_ in ("AUX", "VERB"):
                # ... unless the name sits in a complement: 'les sites adhérents au CMI et à Maroc Telecommerce ont …'.
                before = [t for t in org.doc[max(sent.start, org.start - 2) : org.start] if not t.is_punct]
                if not before or not (before[-1].pos_ == "ADP" or (before[-1].pos_ == "DET" and len(before) > 1
                                                                   and before[-2].pos_ == "ADP")):
                    return org._.org
        for root in (t for t in sent if t.dep_ == "ROOT" or t.i == sent.root.i):
            for child in root.children:
                if child.dep_ in ("nsubj", "nsubj:pass"):
                    # The subject itself, or the body it names ('l'assemblée générale de la SNH'), not the
                    # complement of a measure ('le PIB de l'Union a progressé' is no source).
                    actor = child.lemma_.lower() in actor_nouns() or child.lower_ in actor_nouns()
                    org = self._org_in(child.left_edge.i if actor else child.i, child.right_edge.i + 1 if actor else child.i + 1)
                    if org is not None and not in_brackets(org):
                        return org._.org
        return None


def _named_body(doc: Doc, start: int, end: int) -> str | None:
    """'selon le ministère de l'Habitat', 'selon le journal Le Quotidien de l'économie': a name no list holds."""
    cues = attribution()
    i = start
    while i < end and doc[i].pos_ == "DET":
        i += 1
    if i >= end:
        return None
    while i < end and doc[i].pos_ == "ADJ":
        i += 1  # 'selon la dernière estimation d'Agreste'
    if i >= end:
        return None
    noun = doc[i].lower_
    if _is_statistics_noun(doc[i]):
        return _name_after_of(doc, i + 1, end)
    if noun in cues["media_nouns"]:
        i += 1
        while i < end and doc[i].pos_ == "DET" and not doc[i].is_title:
            i += 1
        first = i
    elif noun in cues["institution_nouns"]:
        first = i
    else:
        return None
    last = first
    while last < end and not doc[last].is_punct and doc[last].pos_ not in ("VERB", "AUX", "PRON") and last - first < 8:
        last += 1
    words = doc[first:last]
    if not words or not any(t.is_title or t.is_upper for t in words[1:] if t.is_alpha) and not words[0].is_title:
        return None
    return " ".join(t.text for t in words).replace("' ", "'").replace("’ ", "’")


def _names_the_outlet(doc: Doc, start: int, end: int) -> bool:
    """'le journal', 'la publication', 'le quotidien national': an outlet named by what it is, not by its name."""
    words = [t for t in doc[start:end] if not t.is_punct]
    return (len(words) >= 2 and words[0].pos_ == "DET" and words[1].is_lower and words[1].lower_ in attribution()["media_nouns"]
            and not any(t.text[:1].isupper() for t in words[2:4]))


def _is_statistics_noun(token) -> bool:
    nouns = attribution()["statistics_nouns"]
    return token.lower_ in nouns or f"{token.lower_}s" in nouns or token.lemma_.lower() in nouns


def _name_after_of(doc: Doc, start: int, end: int) -> str | None:
    """'(les chiffres) de Comeos', '(l'estimation) d'Agreste': a capitalised name no list holds.

    A name with an article may be a country ('les chiffres du Maroc'): then the tagger's place is believed.
    """
    i = start
    if i >= end or doc[i].lower_ not in ("de", "du", "des", "d'", "d’"):
        return None
    with_article = doc[i].lower_ in ("du", "des")
    i += 1
    while i < end and doc[i].pos_ == "DET" and doc[i].is_lower:
        with_article = True
        i += 1
    names = []
    while (i < end and (doc[i].is_title or doc[i].is_upper) and not doc[i].is_punct
           and not (with_article and doc[i].ent_type_ == "LOC")):
        names.append(doc[i])
        i += 1
    if not names or len(names) > 5 or any(t.ent_type_ in ("MONEY", "PERCENT", "QUANTITY", "PERIOD") for t in names):
        return None
    return doc[names[0].i : names[-1].i + 1].text


def _company(doc: Doc) -> tuple[str | None, bool]:
    """The company an article is about, and whether the article is its own account of its results.

    'Le groupe Kerlys' or a headline that opens on a name ('Hydro-Québec : …') the text names again and calls
    'la société' name a company; 'le conseil d'administration de Nour Telecom', with the headline naming it too,
    makes the article its account.
    """
    cues = attribution()
    for token in doc:
        if token.lower_ not in cues["company_nouns"] or token.i + 1 >= len(doc):
            continue
        i = token.i + 1
        while i < len(doc) and i - token.i <= 4 and (doc[i].is_lower or doc[i].pos_ in ("ADP", "DET")) and not doc[i].is_punct:
            i += 1  # 'le groupe de spiritueux Vidalis', 'le groupe lyonnais Maridis'
        if doc[i - 1].pos_ == "ADP":
            continue  # 'la société d'État' is a kind of company, not its name
        names = _capitalised_run(doc, i)
        if names and doc[token.i - 1].pos_ == "DET":
            return names, False
    headline = next(doc.sents, None)
    for phrase in _phrases_in(doc, cues["governance_nouns"]):
        if phrase.end + 1 < len(doc) and doc[phrase.end].lower_ in ("de", "du", "d'", "d’"):
            names = _capitalised_run(doc, phrase.end + 1)
            # ... when the headline names the company too: 'le conseil d'administration du FMI a approuvé …' in
            # an article about something else is no account of the FMI's results.
            if names and headline is not None and names in headline.text:
                return names, True
    # A headline's name is who the article is about, not proof that it is the company's own account.
    return _headline_company(doc), False


def _capitalised_run(doc: Doc, i: int) -> str | None:
    """The capitalised words from token i on, within a sentence: 'Nour Telecom', 'Hydro-Québec'."""
    start = i
    while i < len(doc) and (doc[i].is_title or doc[i].is_upper) and not doc[i].is_punct and (i == start or not doc[i].is_sent_start):
        i += 1
    return doc[start:i].text if i > start else None


def _headline_company(doc: Doc) -> str | None:
    """'Hydro-Québec : le bénéfice recule …': a headline's name, if the text names it again and speaks of 'la société'."""
    first = next(doc.sents, None)
    if first is None:
        return None
    colon = next((t for t in first[:6] if t.text == ":"), None)
    if colon is None or colon.i == first.start:
        return None
    name = doc[first.start : colon.i]
    if not all((t.is_title or t.is_upper) and not t.is_punct or t.text in ("-", "&") for t in name):
        return None
    text = name.text
    again = sum(1 for t in doc[colon.i + 1 :] if t.text == name[0].text and doc[t.i : t.i + len(name)].text == text)
    cues = attribution()["company_nouns"]
    anaphora = any(t.lower_ in cues and t.i > 0 and doc[t.i - 1].lower_ in _DEFINITE and t.i + 1 < len(doc)
                   and not (doc[t.i + 1].is_title or doc[t.i + 1].is_upper) for t in doc[colon.i + 1 :])
    return text if again and anaphora else None


def _phrases_in(doc: Doc, phrases: frozenset[str]) -> list[Span]:
    """Every occurrence of a lexicon phrase of one to three words, lower case, apostrophes folded."""
    found = []
    for token in doc:
        for length in (1, 2, 3):
            span = doc[token.i : token.i + length]
            if len(span) == length and fold_apostrophes(span.text.lower()).replace("' ", "'") in phrases:
                found.append(span)
    return found


@functools.cache
def _cue_prefixes() -> frozenset[str]:
    """Every beginning of a cue of several tokens ('d'' of 'd'après'): only these need the next token read."""
    return frozenset(cue[:i] for cue in attribution()["prepositions"] for i in range(1, len(cue)))


@functools.cache
def _known_names() -> frozenset[str]:
    """Every name and acronym of the institutions lexicon, lower case."""
    return frozenset(form.lower() for key, entry in institutions().items()
                     for form in [key, *entry.get("names", []), *(entry.get("acronyms") or [])])

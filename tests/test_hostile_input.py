"""Hostile input: bounded cost on adversarial strings, long articles in pieces, bad data files, no network."""
import json
import socket
import time

import pytest

import nlp.parsing.lexicon as lexicon
from nlp.api import extract
from nlp.parsing.money import parse_money
from nlp.parsing.numbers import qualifier_before, read_number, split_qualifier
from nlp.parsing.percent import parse_percent
from nlp.parsing.periods import parse_period
from nlp.io.readers import Article, html_text
from nlp.io.streaming import PIECE_CHARS, pieces

ADVERSARIAL = {
    "digits with separators": lambda n: "1" + " 000" * n + " DH",
    "dotted digits": lambda n: "1" + ".000" * n + ",5 %",
    "nested parentheses": lambda n: "(" * n + "12 %" + ")" * n,
    "a line without spaces": lambda n: "x9," * n,
    "de repeated": lambda n: "de " * n + "12 millions de dirhams",
    "qualifiers repeated": lambda n: "près de " * n + "30 %",
}
PARSERS = [parse_money, parse_percent, parse_period, read_number, qualifier_before, split_qualifier]


def seconds(function, text) -> float:
    started = time.perf_counter()
    function(text)
    return time.perf_counter() - started


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_parsers_take_linear_time(name):
    """10x the input costs about 10x the time, never 100x: no catastrophic backtracking."""
    make = ADVERSARIAL[name]
    small, large = make(2_000), make(20_000)
    for parser in PARSERS:
        base = max(seconds(parser, small), 1e-4)
        assert seconds(parser, large) < 40 * base, (parser.__name__, name)


def test_the_pipeline_takes_linear_time_on_repeated_words():
    sentence = "de " * 2_000 + "Les exportations ont atteint 12 millions de dirhams en 2022. "
    extract(sentence)  # warm up
    base = seconds(extract, sentence)
    assert seconds(extract, sentence * 10) < 25 * base


def test_the_relation_step_costs_linear_time_in_the_figures_of_a_piece(pipeline):
    """Each figure looks at its own sentence only: an article with ten times the figures costs about ten times."""
    from nlp.relations.component import extract_facts

    def article(paragraphs: int) -> str:
        # distinct figures in each paragraph: a repeated figure would be one fact
        return "".join(f"Les recettes ont progressé de {i},2 % à {i},5 milliards de dirhams à fin mars 2023, contre {i},1 "
                       f"milliards un an plus tôt, et de {i},3 % du nombre d'opérations ({i},4 % au T1 et {i},6 % au T2), "
                       "selon Bank Al-Maghrib.\n\n" for i in range(1, paragraphs + 1))

    small, large = pipeline(article(8)), pipeline(article(80))
    extract_facts(small)  # warm up
    base = best_seconds(extract_facts, small)
    assert len(extract_facts(large)) == 10 * len(extract_facts(small))
    assert best_seconds(extract_facts, large) < 25 * base


def test_a_huge_number_is_no_figure_and_no_crash():
    assert extract("1" + "0" * 40 + " dirhams") == []
    assert read_number("9" * 100) is None


def test_a_long_article_is_read_in_pieces_with_offsets_into_the_whole():
    paragraph = "Selon la BCEAO, les réserves de change ont atteint 12 500 milliards de FCFA à fin juin 2023. " * 20
    ending = "Le déficit budgétaire s'est établi à 4,9 milliards d'euros en 2022, selon l'Insee."
    text = (paragraph + "\n\n") * (PIECE_CHARS // len(paragraph) + 2) + ending
    assert len(pieces(Article("long", text))) >= 2
    facts = extract(text, doc_id="long")
    last = [f for f in facts if f.unit == "EUR"]
    assert last and text[last[0].evidence.start : last[0].evidence.end] == "4,9 milliards d'euros"
    assert last[0].evidence.sentence in text
    # The paragraph's figure is in every piece: one fact, as it is in a shorter article.
    assert [f.unit for f in facts].count("XOF") == 1


def test_pieces_cut_on_paragraphs():
    text = ("Un paragraphe. " * 100 + "\n\n") * 10
    cut = pieces(Article("x", text), size=4000)
    assert "".join(piece.text for _, piece in cut) == text
    assert all(piece.text.endswith("\n\n") for _, piece in cut[:-1])
    assert [offset for offset, _ in cut] == [sum(len(p.text) for _, p in cut[:i]) for i in range(len(cut))]


@pytest.fixture
def patterns(tmp_path, monkeypatch):
    """A copy of the data files that a test may break, loaded instead of the real ones."""
    import shutil

    for path in lexicon.patterns_dir().iterdir():
        if path.suffix in (".yaml", ".jsonl", ".txt"):
            shutil.copy(path, tmp_path / path.name)
    monkeypatch.setattr(lexicon, "patterns_dir", lambda: tmp_path)
    import nlp.pipeline.loader

    monkeypatch.setattr(nlp.pipeline.loader, "patterns_dir", lambda: tmp_path)
    for cached in (lexicon.currencies, lexicon.scales, lexicon.qualifiers, lexicon.period_words, lexicon.institutions):
        cached.cache_clear()
    yield tmp_path
    for cached in (lexicon.currencies, lexicon.scales, lexicon.qualifiers, lexicon.period_words, lexicon.institutions):
        cached.cache_clear()


def append_line(path, line: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(lines + [line]) + "\n", encoding="utf-8")
    return len(lines) + 1


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{not json", "expected a JSON object, got invalid JSON"),
        (json.dumps({"label": "MONEY", "pattern": [{"LOWER": "x"}], "colour": "red"}), "expected keys label, pattern"),
        (json.dumps({"label": "MONEY", "pattern": [{"LOWER": {"IN": []}}]}), "expected a pattern that can match, got an empty IN list"),
        (json.dumps({"label": "MONEY", "pattern": [{"TEXT": {"REGEX": "([0-9"}}]}), "expected a pattern that can match, got a regular expression"),
        (json.dumps({"label": "MONEY", "pattern": [{"LOWR": "x"}]}), "expected a spaCy token pattern"),
    ],
)
def test_a_bad_pattern_file_fails_at_load_with_its_line(patterns, line, expected):
    from nlp.pipeline.loader import checked_patterns, load

    number = append_line(patterns / "money.jsonl", line)
    with pytest.raises(lexicon.LexiconError) as error:
        checked_patterns(load.__globals__["spacy"].blank("fr"), "money.jsonl")
    assert str(error.value).startswith(f"{patterns / 'money.jsonl'}:{number}: {expected}")


def test_a_duplicate_canonical_value_fails_with_its_line(patterns):
    path = patterns / "currencies.yaml"
    number = append_line(path, "EUR:\n  words: [écu]")
    with pytest.raises(lexicon.LexiconError) as error:
        lexicon.currencies()
    assert f"{path}:{number}: expected a unique key, got 'EUR' again" in str(error.value)


def test_an_unknown_key_in_a_lexicon_fails(patterns):
    append_line(patterns / "institutions.yaml", "XYZ:\n  names: [Banque X]\n  colour: red")
    with pytest.raises(lexicon.LexiconError, match="institutions.yaml: 'XYZ': expected keys"):
        lexicon.institutions()


def test_reading_html_never_touches_the_network(monkeypatch):
    html_text("<html><body><p>Préchauffage.</p></body></html>")  # import trafilatura before sockets are refused

    def refuse(*args, **kwargs):
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    page = ('<html><head><link rel="stylesheet" href="http://example.org/a.css"><script src="http://example.org/x.js">'
            '</script></head><body><img src="http://example.org/p.png"><iframe src="http://example.org/f"></iframe>'
            "<article><p>Les exportations ont atteint 5 milliards de dirhams en 2022, selon l'Office des changes.</p>"
            "</article></body></html>")
    assert "5 milliards de dirhams" in html_text(page)


def test_lone_surrogates_and_control_characters_give_facts_not_a_traceback(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    archive = tmp_path / "odd.jsonl"
    archive.write_text('{"id": "odd", "text": "Le d\\u00e9ficit \\ud800\\u0000\\u202e a atteint 3 milliards '
                       'd\\u0027euros en 2022."}\n', encoding="utf-8")
    run = subprocess.run([str(Path(sys.executable).parent / "chiffres"), "extract", "-q", str(archive)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout.splitlines()[0])["value"] == 3000000000
    assert "Traceback" not in run.stderr


def best_seconds(function, *args, times: int = 3) -> float:
    """The fastest of a few runs: a busy shared machine only ever slows a run down."""
    return min(seconds(lambda _: function(*args), None) for _ in range(times))


def test_a_statistical_org_of_a_whole_line_costs_linear_time(pipeline):
    """The NER can label a 100,000-character line ORG; naming it must not grow faster than its length."""
    from spacy.tokens import Span

    resolver = pipeline.get_pipe("chiffres_orgs")

    runs = iter(range(1_000))

    def resolve(length: int) -> None:
        # A new name each run: nothing cached from the run before makes it cheap.
        name = f"Ab{next(runs)}x" + "Ab" * (length // 2)
        doc = pipeline.make_doc(f"Selon {name}, le PIB a progressé de 3 % en 2022.")
        doc.ents = [Span(doc, 1, 2, label="ORG")]
        resolver(doc)
        assert doc.ents[0]._.org == name

    resolve(100)  # warm up
    base = max(best_seconds(resolve, 500), 1e-4)
    assert best_seconds(resolve, 5_000) < 30 * base


RUNS = ["%", "€", "()", "»!…"]


@pytest.mark.parametrize("run", RUNS)
def test_tokenizing_a_run_of_punctuation_takes_linear_time(pipeline, run):
    """spaCy's tokenizer alone costs the square of such a run (8,000 '%': seconds); chiffres' tokenizer does not."""
    def tokenized(nlp, text):
        return nlp.make_doc(text)

    tokenized(pipeline, run * 100)  # warm up
    base = max(best_seconds(tokenized, pipeline, run * (2_000 // len(run))), 1e-4)
    assert best_seconds(tokenized, pipeline, run * (20_000 // len(run))) < 25 * base
    assert tokenized(pipeline, "a " + run * 50 + " b").text == "a " + run * 50 + " b"


def test_an_article_after_a_run_of_punctuation_keeps_its_facts():
    facts = extract("%" * 2_000 + "\nLes exportations ont atteint 12 millions de dirhams en 2022.")
    assert [(f.value, f.unit, f.period) for f in facts] == [(12000000, "MAD", "2022")]

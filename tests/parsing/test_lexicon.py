"""nlp.parsing.lexicon: reading and checking the data files of patterns/."""
import re

import pytest

from nlp.parsing import lexicon
from nlp.parsing.lexicon import LexiconError, fold_apostrophes


def _clear_caches():
    for value in vars(lexicon).values():
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()


@pytest.fixture
def patterns(tmp_path, monkeypatch):
    """patterns_dir() pointed at an empty temporary folder; returns a writer of files in it."""
    _clear_caches()
    monkeypatch.setattr(lexicon, "patterns_dir", lambda: tmp_path)

    def write(name: str, text: str):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    yield write
    _clear_caches()  # nothing read from tmp_path may outlive the test


# --- read_yaml ---------------------------------------------------------------------------------


def test_read_yaml_mapping(patterns):
    patterns("scales.yaml", "3: [mille, k]\n6: [million, M]\n")
    assert lexicon.read_yaml("scales.yaml") == {3: ["mille", "k"], 6: ["million", "M"]}


def test_read_yaml_duplicate_key_names_file_and_line(patterns):
    path = patterns(
        "qualifiers.yaml",
        '# approximations\n"~":\n  - environ\n">":\n  - plus de\n"~":\n  - près de\n',
    )
    with pytest.raises(LexiconError) as error:
        lexicon.read_yaml("qualifiers.yaml")
    message = str(error.value)
    assert message.startswith(f"{path}:6: expected a unique key, got '~' again")
    assert "(first on line 2)" in message


def test_read_yaml_duplicate_nested_key(patterns):
    path = patterns("currencies.yaml", "MAD:\n  words: [dirham]\n  symbols: [DH]\n  words: [dirhams]\n")
    with pytest.raises(LexiconError, match=re.escape(f"{path}:4: expected a unique key, got 'words' again")):
        lexicon.read_yaml("currencies.yaml")


def test_read_yaml_syntax_error_names_file_and_line(patterns):
    path = patterns("scales.yaml", "3: [mille, k]\n6: [million, M\n9: [milliard]\n")
    with pytest.raises(LexiconError, match=rf"^{re.escape(str(path))}:\d+: expected valid YAML, got "):
        lexicon.read_yaml("scales.yaml")


@pytest.mark.parametrize(
    ("text", "kind"),
    [("- environ\n- près de\n", "list"), ("environ\n", "str"), ("", "NoneType")],
)
def test_read_yaml_not_a_mapping(patterns, text, kind):
    path = patterns("qualifiers.yaml", text)
    with pytest.raises(LexiconError, match=re.escape(f"{path}:1: expected a mapping keyed by canonical value, got {kind}")):
        lexicon.read_yaml("qualifiers.yaml")


def test_lexicon_error_is_a_value_error():
    assert issubclass(LexiconError, ValueError)


# --- read_jsonl --------------------------------------------------------------------------------


def test_read_jsonl_rows_and_blank_lines(patterns):
    patterns("money.jsonl", '{"label": "MONEY", "pattern": "MDH"}\n\n   \n{"label": "PERCENT", "pattern": "%"}\n')
    assert lexicon.read_jsonl("money.jsonl") == [
        {"label": "MONEY", "pattern": "MDH"},
        {"label": "PERCENT", "pattern": "%"},
    ]


def test_read_jsonl_invalid_json_names_file_and_line(patterns):
    path = patterns("money.jsonl", '{"label": "MONEY"}\n\n{"label": "MONEY",\n')
    with pytest.raises(LexiconError, match=re.escape(f"{path}:3: expected a JSON object, got invalid JSON (")):
        lexicon.read_jsonl("money.jsonl")


@pytest.mark.parametrize(("line", "kind"), [('["MONEY", "MDH"]', "list"), ('"MDH"', "str"), ("42", "int")])
def test_read_jsonl_not_an_object(patterns, line, kind):
    path = patterns("period.jsonl", '{"label": "DATE"}\n' + line + "\n")
    with pytest.raises(LexiconError, match=re.escape(f"{path}:2: expected a JSON object, got {kind}")):
        lexicon.read_jsonl("period.jsonl")


# --- validation of the tables ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "function", "message"),
    [
        ("qualifiers.yaml", '"~": [environ]\n"?": [peut-être]\n', "qualifiers", "expected '~', '>' or '<' as key, got '?'"),
        ("qualifiers.yaml", '"~": [près de]\n">": [Près de]\n', "qualifiers", "expected 'près de' under one key"),
        ("qualifiers.yaml", '"~": environ\n', "qualifiers", "expected a list of strings, got 'environ'"),
        ("scales.yaml", "6: [million, 3]\n", "scales", "expected a list of strings"),
        ("currencies.yaml", "Dirham:\n  words: [dirham]\n", "currencies", "expected an ISO 4217 code as key, got 'Dirham'"),
        ("currencies.yaml", "MAD:\n  words: [dirham]\n  symbol: [DH]\n", "currencies", "MAD: expected words, symbols, scaled, got ['symbol']"),
        ("currencies.yaml", "TND:\n  words: [dinar]\nDZD:\n  words: [Dinar]\n", "currencies", "expected 'dinar' under one key"),
        ("scales.yaml", "6: [M]\n9: [M]\n", "scales", "expected 'M' under one key"),
        (
            "change_words.yaml", "up:\n  verbs: [progresser]\ndown:\n  verbs: [progresser]\n", "change_words",
            "expected 'progresser' under one key",
        ),
        ("action_nouns.yaml", "investissement: investir\n", "action_nouns", "expected a list of strings, got 'investir'"),
        ("shared_currency_words.yaml", "TND:\n  words: [dinar]\n", "shared_currency_words", "'TND': expected keys names, words"),
        ("action_nouns.yaml", "vente: [vendre]\ncession: [vendre]\n", "action_nouns", "expected 'vendre' under one key"),
    ],
)
def test_table_validation(patterns, name, text, function, message):
    patterns(name, text)
    with pytest.raises(LexiconError, match=re.escape(message)):
        getattr(lexicon, function)()


def test_qualifiers_from_file_fold_case_and_apostrophes(patterns):
    patterns("qualifiers.yaml", '"~": [Près d’, environ]\n"<": [jusqu’à]\n')
    assert lexicon.qualifiers() == {"près d'": "~", "environ": "~", "jusqu'à": "<"}


def test_currencies_from_file(patterns):
    patterns("currencies.yaml", "MAD:\n  words: [Dirhams]\n  symbols: [DH]\n  scaled: {MDH: 6, MMDH: 9}\n")
    words, symbols = lexicon.currencies()
    assert words == {"dirhams": ("MAD", 0)}
    assert symbols == {"DH": ("MAD", 0), "MDH": ("MAD", 6), "MMDH": ("MAD", 9)}


# --- the shipped data files --------------------------------------------------------------------


def test_shipped_tables_load():
    assert (lexicon.patterns_dir() / "currencies.yaml").is_file()
    for table in (lexicon.currencies, lexicon.scales, lexicon.qualifiers, lexicon.period_words):
        assert table(), table.__name__
    for name in ("percent.jsonl", "period.jsonl", "org.jsonl"):
        rows = lexicon.read_jsonl(name)
        assert rows and all(isinstance(row, dict) for row in rows), name


def _mismatches(table, expected):
    return {key: (table.get(key), value) for key, value in expected.items() if table.get(key) != value}


def test_currency_words():
    words, _ = lexicon.currencies()
    assert not _mismatches(words, {
        "dirham": ("MAD", 0),
        "dirhams": ("MAD", 0),
        "euro": ("EUR", 0),
        "euros": ("EUR", 0),
        "dollars": ("USD", 0),
        "francs cfa": ("XOF", 0),
        "dinar": ("TND", 0),
        "dinars": ("TND", 0),
        "dinars algériens": ("DZD", 0),
    })


def test_currency_symbols():
    _, symbols = lexicon.currencies()
    assert not _mismatches(symbols, {
        "DH": ("MAD", 0),
        "Dh": ("MAD", 0),
        "Dhs": ("MAD", 0),
        "MAD": ("MAD", 0),
        "MDH": ("MAD", 6),
        "MMDH": ("MAD", 9),
        "€": ("EUR", 0),
        "M€": ("EUR", 6),
        "Md€": ("EUR", 9),
        "$": ("USD", 0),
        "USD": ("USD", 0),
        "FCFA": ("XOF", 0),
        "F CFA": ("XOF", 0),
        "DT": ("TND", 0),
        "TND": ("TND", 0),
        "MDT": ("TND", 6),
    })


def test_scales():
    assert not _mismatches(lexicon.scales(), {
        "mille": 3,
        "k": 3,
        "million": 6,
        "millions": 6,
        "M": 6,
        "milliard": 9,
        "Md": 9,
        "Mds": 9,
        "Mrd": 9,
        "billion": 12,  # French long scale
    })


def test_qualifiers():
    table = lexicon.qualifiers()
    assert not _mismatches(table, {
        "environ": "~",
        "env.": "~",
        "près de": "~",
        "près d'": "~",
        "quelque": "~",
        "plus de": ">",
        "au moins": ">",
        "moins de": "<",
        "jusqu'à": "<",
        "ne dépassant pas": "<",
    })
    assert all(phrase == fold_apostrophes(phrase.lower()) for phrase in table)


def test_fold_apostrophes():
    rows = [
        ("l’année", "l'année"),
        ("l‘année", "l'année"),
        ("lʼannée", "l'année"),
        ("près\u00a0d’un", "près d'un"),
        ("28,2\u202f%", "28,2 %"),
        ("12\u2009500", "12 500"),
        ("aujourd'hui", "aujourd'hui"),
        ("", ""),
    ]
    assert [fold_apostrophes(text) for text, _ in rows] == [expected for _, expected in rows]
    assert all(len(fold_apostrophes(text)) == len(text) for text, _ in rows)  # offsets are kept

"""Load and validate the data files in `patterns/` (file:line errors), cached."""
from __future__ import annotations

import functools
import json
from importlib import resources
from pathlib import Path

import yaml


class LexiconError(ValueError):
    """A data file that cannot be used: the message names the file and the line."""


def patterns_dir() -> Path:
    """The folder of the data files, from an installed wheel or from a source checkout."""
    try:
        return Path(str(resources.files("nlp.patterns")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "patterns"


# libyaml's parser, when PyYAML was built with it, reads the lexicons several times faster (cold start).
class _UniqueKeyLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """PyYAML keeps the last of two equal keys silently; a lexicon must not."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise LexiconError(
                    f"{self.name}:{key_node.start_mark.line + 1}: expected a unique key, "
                    f"got {key!r} again (first on line {seen[key]})"
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def read_yaml(name: str) -> dict:
    """A YAML mapping from `patterns/`, with duplicate keys and syntax errors reported by line."""
    path = patterns_dir() / name
    text = path.read_text(encoding="utf-8")
    loader = _UniqueKeyLoader(text)
    loader.name = str(path)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise LexiconError(f"{path}:{line}: expected valid YAML, got {error.problem}") from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise LexiconError(f"{path}:1: expected a mapping keyed by canonical value, got {type(data).__name__}")
    return data


def read_jsonl(name: str) -> list[dict]:
    """The objects of a JSONL file in `patterns/`, each line checked."""
    path = patterns_dir() / name
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise LexiconError(f"{path}:{number}: expected a JSON object, got invalid JSON ({error.msg})") from None
        if not isinstance(row, dict):
            raise LexiconError(f"{path}:{number}: expected a JSON object, got {type(row).__name__}")
        rows.append(row)
    return rows


def fold_apostrophes(text: str) -> str:
    """Typographic apostrophes and no-break spaces as their plain forms, length kept."""
    return text.translate(_PLAIN)


_PLAIN = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " "})


def _string_list(path: str, key, value) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise LexiconError(f"{path}: key {key!r}: expected a list of strings, got {value!r}")
    return value


@functools.cache
def currencies() -> tuple[dict[str, tuple[str, int]], dict[str, tuple[str, int]]]:
    """(words, symbols): lower-cased written names and exact symbols, each -> (ISO code, power of ten)."""
    data = read_yaml("currencies.yaml")
    words: dict[str, tuple[str, int]] = {}
    symbols: dict[str, tuple[str, int]] = {}
    for code, entry in data.items():
        if not (isinstance(code, str) and len(code) == 3 and code.isupper()):
            raise LexiconError(f"currencies.yaml: expected an ISO 4217 code as key, got {code!r}")
        unknown = set(entry) - {"words", "symbols", "scaled"}
        if unknown:
            raise LexiconError(f"currencies.yaml: {code}: expected words, symbols, scaled, got {sorted(unknown)}")
        for word in _string_list("currencies.yaml", code, entry.get("words", [])):
            _claim(words, word.lower(), (code, 0), "currencies.yaml")
        for symbol in _string_list("currencies.yaml", code, entry.get("symbols", [])):
            _claim(symbols, symbol, (code, 0), "currencies.yaml")
        for symbol, power in (entry.get("scaled") or {}).items():
            _claim(symbols, symbol, (code, int(power)), "currencies.yaml")
    return words, symbols


def _claim(table: dict, key, value, path: str) -> None:
    if key in table and table[key] != value:
        raise LexiconError(f"{path}: expected {key!r} under one key, got it under two ({table[key]!r} and {value!r})")
    table[key] = value


@functools.cache
def scales() -> dict[str, int]:
    """Scale word or abbreviation -> power of ten ('milliard' -> 9)."""
    table: dict[str, int] = {}
    for power, words in read_yaml("scales.yaml").items():
        for word in _string_list("scales.yaml", power, words):
            _claim(table, word, int(power), "scales.yaml")
    return table


@functools.cache
def scale_words() -> frozenset[str]:
    """The scale words written out ('mille', 'million', 'milliards'), lower case, not the abbreviations."""
    return frozenset(word.lower() for word in scales() if word.isalpha() and len(word) > 4 and word.islower())


@functools.cache
def qualifiers() -> dict[str, str]:
    """Qualifier phrase (lower case, straight apostrophe) -> '~', '>' or '<'."""
    table: dict[str, str] = {}
    for symbol, phrases in read_yaml("qualifiers.yaml").items():
        if symbol not in ("~", ">", "<"):
            raise LexiconError(f"qualifiers.yaml: expected '~', '>' or '<' as key, got {symbol!r}")
        for phrase in _string_list("qualifiers.yaml", symbol, phrases):
            _claim(table, fold_apostrophes(phrase.lower()), symbol, "qualifiers.yaml")
    return table


@functools.cache
def period_words() -> dict:
    """Months, ordinals, counts, parts of the year and relative words, as in period_words.yaml."""
    return read_yaml("period_words.yaml")


_INSTITUTION_KEYS = {"names", "acronyms", "country", "type"}


@functools.cache
def institutions() -> dict[str, dict]:
    """Canonical short name -> {'names': [...], 'acronyms': [...]}, each form under one key only."""
    data = read_yaml("institutions.yaml")
    owner: dict[str, str] = {}
    for key, entry in data.items():
        if not isinstance(entry, dict) or set(entry) - _INSTITUTION_KEYS:
            raise LexiconError(
                f"institutions.yaml: {key!r}: expected keys {sorted(_INSTITUTION_KEYS)}, got {entry!r}"
            )
        forms = _string_list("institutions.yaml", key, entry.get("names", []))
        forms += _string_list("institutions.yaml", key, entry.get("acronyms", []) or [])
        for form in forms:
            folded = form.lower()
            if owner.get(folded, key) != key:
                raise LexiconError(f"institutions.yaml: expected {form!r} under one key, got it under {owner[folded]!r} and {key!r}")
            owner[folded] = key
    return data


@functools.cache
def designations() -> dict[str, str]:
    """A common name an article gives an institution it named before -> the institution type it names."""
    table: dict[str, str] = {}
    types = {entry.get("type") for entry in institutions().values()}
    for kind, names in read_yaml("designations.yaml").items():
        if kind not in types:
            raise LexiconError(f"designations.yaml: {kind!r}: expected an institution type of institutions.yaml, got none such")
        for name in _string_list("designations.yaml", kind, names):
            _claim(table, name.lower(), kind, "designations.yaml")
    return table


@functools.cache
def change_words() -> dict[str, int]:
    """Lemma or phrase of a change -> its sign: +1 growth, -1 decline, 0 sign given by the number."""
    table: dict[str, int] = {}
    signs = {"up": 1, "down": -1, "neutral": 0}
    for direction, groups in read_yaml("change_words.yaml").items():
        if direction not in signs:
            raise LexiconError(f"change_words.yaml: expected up, down or neutral as key, got {direction!r}")
        for group, words in groups.items():
            for word in _string_list("change_words.yaml", f"{direction}.{group}", words):
                _claim(table, word.lower(), signs[direction], "change_words.yaml")
    return table


@functools.cache
def change_verbs() -> frozenset[str]:
    """The verbs of change_words.yaml, lemmas ('progresser', 'reculer')."""
    return frozenset(word.lower() for direction, groups in read_yaml("change_words.yaml").items()
                     for word in _string_list("change_words.yaml", f"{direction}.verbs", groups.get("verbs", [])))


@functools.cache
def attribution() -> dict[str, frozenset[str]]:
    """Attribution cues: verbs (lemmas), prepositions, statistics nouns, participles."""
    data = read_yaml("attribution.yaml")
    return {key: frozenset(fold_apostrophes(w.lower()) for w in _string_list("attribution.yaml", key, words))
            for key, words in data.items()}


@functools.cache
def roles() -> frozenset[str]:
    """Every written form of a title that ties a speaker to an organisation, lower case."""
    return frozenset(form.lower() for key, forms in read_yaml("roles.yaml").items()
                     for form in _string_list("roles.yaml", key, forms))


@functools.cache
def metric_nouns() -> dict[str, str]:
    """Head noun of a metric -> the kind of figure it usually carries ('part' -> 'share')."""
    table: dict[str, str] = {}
    for kind, words in read_yaml("metric_nouns.yaml").items():
        if kind in ("never", "actor", "stock", "bare", "no_quantity", "proceeds"):
            continue
        for word in _string_list("metric_nouns.yaml", kind, words):
            table.setdefault(word.lower(), kind)
    return table


def _metric_words(part: str) -> frozenset[str]:
    return frozenset(_string_list("metric_nouns.yaml", part, read_yaml("metric_nouns.yaml").get(part, [])))


@functools.cache
def bare_measure_nouns() -> frozenset[str]:
    """Measure words that need a complement to say what they measure ('montant', 'nombre', 'part')."""
    return _metric_words("bare")


@functools.cache
def physical_units() -> frozenset[str]:
    """Units of measure counted like nouns ('tonne', 'baril'), which never name what is measured."""
    return frozenset(_string_list("count_nouns.yaml", "physical", read_yaml("count_nouns.yaml").get("physical", [])))


@functools.cache
def standalone_change_nouns() -> frozenset[str]:
    """Change words that measure something of their own when nothing else changes ('une croissance de 6,8 %')."""
    return _metric_words("standalone_change")


@functools.cache
def proceeds_nouns() -> frozenset[str]:
    """What an activity brings in or costs ('revenus', 'dépenses'): 'ces revenus' are those of what was measured."""
    return _metric_words("proceeds")


@functools.cache
def stock_nouns() -> frozenset[str]:
    """Head nouns of stocks and levels, measured at a date ('encours', 'réserves', 'taux')."""
    return _metric_words("stock")


@functools.cache
def non_metric_nouns() -> frozenset[str]:
    """Nouns beside a figure that never name what it measures ('ordre' in 'de l'ordre de')."""
    data = read_yaml("metric_nouns.yaml")
    return frozenset(_string_list("metric_nouns.yaml", "never", data.get("never", []))) | no_quantity_nouns()


@functools.cache
def no_quantity_nouns() -> frozenset[str]:
    """Words that name no quantity, never a metric ('équivalent', 'an', 'rapport', 'tendance')."""
    return _metric_words("no_quantity")


@functools.cache
def invariable_nouns() -> frozenset[str]:
    """Nouns whose final s or x is not a plural mark ('pays', 'mois', 'prix')."""
    words = read_yaml("count_nouns.yaml").get("invariable", [])
    return frozenset(_string_list("count_nouns.yaml", "invariable", words))


@functools.cache
def count_nouns() -> frozenset[str]:
    """The nouns a count measures, multi-word ones included ('opération', 'point de vente'), lower case."""
    words = read_yaml("count_nouns.yaml").get("measure", [])
    return frozenset(word.lower() for word in _string_list("count_nouns.yaml", "measure", words))


@functools.cache
def scaled_count_units() -> dict[str, tuple[str, int]]:
    """An abbreviation that carries its own scale -> (the noun it counts, power of ten): 'Mt' -> ('tonne', 6)."""
    table: dict[str, tuple[str, int]] = {}
    for noun, forms in (read_yaml("count_nouns.yaml").get("scaled") or {}).items():
        if not isinstance(forms, dict) or not all(isinstance(power, int) for power in forms.values()):
            raise LexiconError(f"count_nouns.yaml: scaled: {noun!r}: expected abbreviations with powers of ten, got {forms!r}")
        for form, power in forms.items():
            _claim(table, form, (noun, power), "count_nouns.yaml")
    return table


@functools.cache
def level_verbs() -> frozenset[str]:
    """Verbs whose subject is what their figure measures ('les exportations ont atteint ...')."""
    return frozenset(_string_list("level_verbs.yaml", "level", read_yaml("level_verbs.yaml")["level"]))


@functools.cache
def shared_currency_words() -> dict[str, dict[str, frozenset[str]]]:
    """Currency word several countries use -> {ISO code: the lower-cased names of its country}."""
    table: dict[str, dict[str, frozenset[str]]] = {}
    for code, entry in read_yaml("shared_currency_words.yaml").items():
        if not isinstance(entry, dict) or set(entry) != {"words", "names"}:
            raise LexiconError(f"shared_currency_words.yaml: {code!r}: expected keys names, words, got {entry!r}")
        names = frozenset(n.lower() for n in _string_list("shared_currency_words.yaml", code, entry["names"]))
        for word in _string_list("shared_currency_words.yaml", code, entry["words"]):
            table.setdefault(word.lower(), {})[code] = names
    return table


@functools.cache
def action_nouns() -> dict[str, str]:
    """Lemma of an action verb -> the noun of its action, what its amount measures ('investir' -> investissement)."""
    table: dict[str, str] = {}
    for noun, verbs in read_yaml("action_nouns.yaml").items():
        for verb in _string_list("action_nouns.yaml", noun, verbs):
            _claim(table, verb.lower(), noun, "action_nouns.yaml")
    return table


@functools.cache
def actor_nouns() -> frozenset[str]:
    """Heads of subjects that act on a figure ('le conseil … a relevé le taux')."""
    return _metric_words("actor")


_METRIC_KEY_LISTS = ("neutral", "cut", "generic", "counted", "payment_scopes", "not_plural", "per")


@functools.cache
def metric_keys() -> dict:
    """The parts of metric_keys.yaml: measures, objects and scopes (by family) keyed by canonical value, and word lists."""
    data = read_yaml("metric_keys.yaml")
    expected = {"measures", "objects", "scopes", *_METRIC_KEY_LISTS}
    if set(data) != expected:
        raise LexiconError(f"metric_keys.yaml: expected keys {sorted(expected)}, got {sorted(data)}")
    for name in ("measures", "objects"):
        for canonical, forms in data[name].items():
            _string_list("metric_keys.yaml", f"{name}.{canonical}", forms)
    for family, values in data["scopes"].items():
        if not isinstance(values, dict):
            raise LexiconError(f"metric_keys.yaml: scopes.{family}: expected scopes keyed by canonical value, got {values!r}")
        for canonical, forms in values.items():
            _string_list("metric_keys.yaml", f"scopes.{family}.{canonical}", forms)
    for name in _METRIC_KEY_LISTS:
        _string_list("metric_keys.yaml", name, data[name])
    scopes = {canonical for values in data["scopes"].values() for canonical in values}
    unknown = set(data["payment_scopes"]) - scopes
    if unknown:
        raise LexiconError(f"metric_keys.yaml: payment_scopes: expected scopes named under scopes, got {sorted(unknown)}")
    return data


@functools.cache
def status_cues() -> dict[str, dict[str, frozenset[str]]]:
    """'forecast' and 'target' -> {'lemmas': …, 'words': …}: the cues of status_cues.yaml, lower case."""
    data = read_yaml("status_cues.yaml")
    if set(data) != {"forecast", "target"}:
        raise LexiconError(f"status_cues.yaml: expected keys forecast, target, got {sorted(data)}")
    table = {}
    for status, entry in data.items():
        if not isinstance(entry, dict) or set(entry) != {"lemmas", "words"}:
            raise LexiconError(f"status_cues.yaml: {status}: expected keys lemmas, words, got {entry!r}")
        table[status] = {name: frozenset(w.lower() for w in _string_list("status_cues.yaml", f"{status}.{name}", entry[name] or []))
                         for name in ("lemmas", "words")}
    return table

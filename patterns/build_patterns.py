"""Write the ruler patterns (money, percent, quantity, period, org .jsonl) from the lexicons beside them.

The JSONL files are the data spaCy's entity rulers load; this script keeps them in step with
currencies.yaml, scales.yaml, period_words.yaml and count_nouns.yaml. Run it after editing a
lexicon: `python patterns/build_patterns.py`; a test fails while the files are out of date.
Patterns are few and use optional tokens, since the matcher's cost grows with their number.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent

# A number in digits, grouped thousands already merged into one token ('10 000', '211.000', '1,056').
DIGITS = r"^[+\-−–]?(?:\d{1,3}(?:[.  \u202f]\d{3})+|\d+)(?:[.,]\d+|, (?:0\d{1,2}|\d))?$"
NOT_A_YEAR = r"^(?!(?:19|20)\d\d$)"
# 'vingt-deux' is precise enough to be a figure alone; 'trois institutions' is prose, so a simple
# number word makes a count only with a scale ('trois cent mille emplois', 'deux millions de touristes').
COMPOUND_NUMBER_WORDS = (
    r"^(?:(?:vingt|trente|quarante|cinquante|soixante|quatre-vingts?)(?:-et)?-(?:un|une|deux|trois|quatre|cinq|six|"
    r"sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize)|dix-(?:sept|huit|neuf))$"
)
SIMPLE_NUMBER_WORDS = (
    r"^(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|"
    r"quarante|cinquante|soixante|cents?)$"
)
OF = {"LOWER": {"IN": ["de", "d'", "d’"]}}
OPTIONAL_OF = {**OF, "OP": "?"}
YEAR = {"TEXT": {"REGEX": r"^(?:19|20)\d\d$"}}
LART = {"LOWER": {"IN": ["l'", "l’"]}}


def load(name: str) -> dict:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


def number_prefixes(*, years: bool) -> list[tuple[list[dict], bool]]:
    """The ways a figure's number starts, each with whether a scale word must follow."""
    digits = {"TEXT": {"REGEX": DIGITS if years else NOT_A_YEAR + DIGITS[1:]}}
    simple = {"LOWER": {"REGEX": SIMPLE_NUMBER_WORDS}}
    return [
        ([digits], False),
        ([{"LOWER": {"REGEX": COMPOUND_NUMBER_WORDS}}], False),
        ([simple, {"LOWER": {"IN": ["cent", "cents"]}}], False),
        ([simple, {**simple, "OP": "?"}], True),
        ([{"LOWER": {"IN": ["un", "une"]}}], True),
    ]


def scale_token(scales: dict, *, required: bool) -> dict:
    forms = sorted({w for words in scales.values() for w in words})
    forms += sorted({w.capitalize() for w in forms if len(w) > 3})
    token = {"TEXT": {"IN": forms}}
    return token if required else {**token, "OP": "?"}


def money_patterns() -> list[dict]:
    currencies, scales = load("currencies.yaml"), load("scales.yaml")
    words, symbols, seconds = set(), set(), set()
    for entry in currencies.values():
        for form in entry.get("words", []) + entry.get("symbols", []) + list((entry.get("scaled") or {})):
            first, *rest = form.split()
            (words if first.islower() else symbols).add(first.lower() if first.islower() else first)
            seconds.update(word.lower() for word in rest)
    currency = [{"LOWER": {"IN": sorted(words)}}, {"TEXT": {"IN": sorted(symbols)}}]
    second = {"LOWER": {"IN": sorted(seconds)}, "OP": "?"}
    patterns = []
    for prefix, needs_scale in number_prefixes(years=True):
        scale = scale_token(scales, required=needs_scale)
        for unit in currency:
            patterns.append(prefix + [scale, OPTIONAL_OF, unit, second])
            # 'un milliard et demi de dirhams'
            patterns.append(prefix + [scale_token(scales, required=True), {"LOWER": "et"},
                                      {"LOWER": {"IN": ["demi", "demie"]}}, OF, unit, second])
    glued_number = r"(?:\d{1,3}(?:[.  \u202f]\d{3})+|\d+)(?:[.,]\d+)?"
    glued_scale = {"TEXT": {"REGEX": rf"^{glued_number}(?:k|K|M|Md|Mds|Mrd|Mrds)$"}}
    patterns.append([glued_scale, OPTIONAL_OF, currency[1]])
    patterns.append([glued_scale, OPTIONAL_OF, currency[0]])
    patterns.append([{"TEXT": {"REGEX": rf"^{glued_number}(?:k|K|M|Md|Mds|Mrd|Mrds)?(?:€|\$|DH|Dh|Dhs|MDH|MMDH|DT|MDT|DA)$"}}])
    # '$5 millions', 'USD 20 millions', 'MAD 1,2 milliard': a sign or a code of two letters or more before
    # the number ('F' alone, or 'dh' in lower case, is too often something else).
    before = sorted({s for entry in currencies.values() for s in entry.get("symbols", [])
                     if " " not in s and not s.islower() and (len(s) > 1 or not s.isalpha())})
    patterns.append([{"TEXT": {"IN": before}}, {"TEXT": {"REGEX": DIGITS}}, scale_token(scales, required=False)])
    return [{"label": "MONEY", "pattern": p} for p in patterns]


def percent_patterns() -> list[dict]:
    units = [
        [{"TEXT": "%"}],
        [{"LOWER": "pour"}, {"LOWER": "cent"}],
        [{"LOWER": "pourcent"}],
        [{"LOWER": {"IN": ["point", "points"]}}, {"LOWER": "de"}, {"LOWER": {"IN": ["base", "pourcentage"]}}],
        [{"LOWER": {"IN": ["point", "points", "pts", "pdb", "pb"]}}],
    ]
    prefixes = [prefix for prefix, needs_scale in number_prefixes(years=True) if not needs_scale]
    patterns = [prefix + unit for prefix in prefixes for unit in units]
    patterns.append([{"TEXT": {"REGEX": r"^[+\-−–]?\d+(?:[.,]\d+)?%$"}}])
    return [{"label": "PERCENT", "pattern": p} for p in patterns]


def quantity_patterns() -> list[dict]:
    currencies, scales, words = load("currencies.yaml"), load("scales.yaml"), load("period_words.yaml")
    nouns = load("count_nouns.yaml")
    never = nouns["never"]
    excluded = {form.lower() for entry in currencies.values()
                for form in entry.get("words", []) + entry.get("symbols", []) + list((entry.get("scaled") or {}))}
    excluded |= {m for months in words["months"].values() for m in months}
    excluded |= set(never) | {w + "s" for w in never} | {"%", "fois"}
    excluded |= {w.lower() for forms in scales.values() for w in forms}
    head = {"POS": {"IN": ["NOUN", "PROPN"]}, "IS_LOWER": True, "LENGTH": {">=": 2}, "LOWER": {"NOT_IN": sorted(excluded)}}
    # 'point(s)' alone is a percentage point; 'points de vente' is a count.
    noun = {**head, "LOWER": {"NOT_IN": sorted(excluded | {"point", "points", "pts", "pb", "pdb"})}}
    # '1,1 million de Maghrébins': after a scale and 'de', a capitalised people noun is counted too.
    people = {"POS": {"IN": ["NOUN", "PROPN"]}, "IS_TITLE": True, "LOWER": {"NOT_IN": sorted(excluded)}}
    before = {"POS": "ADJ", "IS_LOWER": True, "OP": "?",
              "LOWER": {"NOT_IN": ["premiers", "premières", "derniers", "dernières", "prochains", "prochaines"]}}
    after = {"POS": "ADJ", "OP": "*"}
    # A measure noun the tagger reads as an adjective right after a number: '3.617 terminaux'.
    measure_read_as_adjective = {"POS": "ADJ", "IS_LOWER": True,
                                 "LEMMA": {"IN": sorted(n for n in nouns["measure"] + nouns["physical"] if " " not in n)}}
    compound = [{"LOWER": "de"}, {"POS": "NOUN", "LOWER": {"NOT_IN": sorted(excluded | {"base", "pourcentage"})}}]
    patterns = []
    for prefix, needs_scale in number_prefixes(years=False):
        scale = scale_token(scales, required=needs_scale)
        patterns.append(prefix + [scale, OPTIONAL_OF, before, noun, after])
        patterns.append(prefix + [scale, OPTIONAL_OF, measure_read_as_adjective, after])
        # a compound counted noun: 'points de vente', 'cartes de crédit'
        patterns.append(prefix + [scale, OPTIONAL_OF, head] + compound)
        patterns.append(prefix + [scale_token(scales, required=True), OF, people])
    # '1,41 Mt': an abbreviation that carries its own scale and noun.
    scaled = sorted({form for forms in nouns.get("scaled", {}).values() for form in forms})
    patterns.append([{"TEXT": {"REGEX": DIGITS}}, {"TEXT": {"IN": scaled}}])
    return [{"label": "QUANTITY", "pattern": p} for p in patterns]


def period_patterns() -> list[dict]:
    words = load("period_words.yaml")
    months = sorted({m for forms in words["months"].values() for m in forms})
    month = {"LOWER": {"IN": months}}
    ordinal = {"LOWER": {"IN": sorted({o.lower() for forms in words["ordinals"].values() for o in forms})}}
    part = {"LOWER": {"IN": sorted(words["parts"])}}
    count = {"LOWER": {"IN": sorted({c for forms in words["counts"].values() for c in forms})}}
    relative = words["relative"]
    previous = {"LOWER": {"IN": sorted(relative["previous"] + relative["last"])}}
    following = {"LOWER": {"IN": sorted(relative["next"])}}
    day = {"TEXT": {"REGEX": r"^(?:[1-9]|[12]\d|3[01]|1er)$"}}
    preposition = {"LOWER": {"IN": ["en", "de", "d'", "depuis", "pour", "à", "durant", "pendant", "dès", "sur",
                                    "jusqu'en", "avant", "après", "fin", "début", "mi", "courant"]}}
    year_word = {"LOWER": {"IN": ["année", "exercice", "an"]}}
    month_names = "|".join(m.replace(".", "") for m in months)
    patterns = [
        [preposition, YEAR],
        [{"LOWER": {"IN": ["année", "exercice", "an", "campagne", "saison"]}}, YEAR],
        [{"LOWER": "entre"}, YEAR, {"LOWER": "et"}, YEAR],
        [{"LOWER": {"IN": ["de", "depuis"]}}, YEAR, {"LOWER": {"IN": ["à", "a", "jusqu'à"]}}, YEAR],
        [YEAR, {"TEXT": {"IN": ["-", "/", "–"]}}, YEAR],
        [{"TEXT": {"REGEX": r"^(?:19|20)\d\d/(?:19|20)?\d\d$"}}],
        [{"TEXT": {"REGEX": r"^[TQSH][1-4]-(?:19|20)\d\d$"}}],
        [{"TEXT": {"REGEX": r"^[TQSH][1-4]$"}}, {"TEXT": {"IN": ["-", "–"]}}, YEAR],
        [{"LOWER": "fin"}, YEAR],
        [{"LOWER": "à", "OP": "?"}, {"LOWER": "fin"}, {**OF, "OP": "?"}, month, {**YEAR, "OP": "?"}],
        [{**preposition, "OP": "?"}, day, month, {**YEAR, "OP": "?"}],
        [{**preposition, "OP": "?"}, {**day, "OP": "?"}, month, {"LOWER": {"IN": ["dernier", "passé"]}}],
        [{"LOWER": {"IN": ["au", "le", "du"]}}, day, month, YEAR],
        [{**preposition, "OP": "?"}, month, YEAR],
        [{"LOWER": "mois"}, OF, month, {**YEAR, "OP": "?"}],
        [{"LOWER": {"IN": ["en", "depuis", "fin", "début", "courant", "mi"]}}, month],
        # 'de janvier à mars', 'd'octobre à mars 2024': the year may be left to the article
        [{"LOWER": {"IN": ["entre", "de", "d'", "d’"]}}, month, {"LOWER": {"IN": ["et", "à"]}}, month, {**YEAR, "OP": "?"}],
        [{"TEXT": {"REGEX": r"^\d{1,2}/\d{1,2}/(?:19|20)\d\d$"}}],
        [month, {"TEXT": {"IN": ["-", "–"]}}, month, YEAR],
        [{"LOWER": {"REGEX": f"^(?:{month_names})[-–](?:{month_names})$"}}, YEAR],
        [{"LOWER": "depuis"}, {"LOWER": "le"}, {"LOWER": "début"}, OF, LART, {"LOWER": {"IN": ["année", "exercice"]}}],
        [{"LOWER": "depuis"}, {"LOWER": "le"}, {"LOWER": "début"}, OF, LART, {"LOWER": "année"}, {"LOWER": "à"},
         {"LOWER": "fin"}, month],
        [{"LOWER": "période"}, {"LOWER": "correspondante"}],
        [{"LOWER": {"IN": ["un", "une"]}}, {"LOWER": {"IN": ["an", "année"]}}, {"LOWER": {"IN": ["auparavant", "avant"]}}],
        [{"LOWER": {"IN": ["un", "une"]}}, {"LOWER": {"IN": ["an", "année"]}}, {"LOWER": "plus"}, {"LOWER": "tôt"}],
        # 'un mois plus tôt', 'un trimestre auparavant'
        [{"LOWER": {"IN": ["un", "une"]}}, {"LOWER": {"IN": ["mois", *sorted(words["parts"])]}}, {"LOWER": "plus"},
         {"LOWER": "tôt"}],
        [{"LOWER": {"IN": ["un", "une"]}}, {"LOWER": {"IN": ["mois", *sorted(words["parts"])]}},
         {"LOWER": {"IN": ["auparavant", "avant"]}}],
        # 'pour l'ensemble de l'année', 'sur les deux derniers mois de l'année' (of a calendar year: an
        # exercice's last months are counted back from its close, which the carried fiscal period gives)
        [LART, {"LOWER": "ensemble"}, OF, LART, {"LOWER": "année"}, {**YEAR, "OP": "?"}],
        [{"LOWER": {"IN": ["les", "des", "aux"]}}, count, {"LOWER": "derniers"}, {"LOWER": "mois"}, OF, LART,
         {"LOWER": "année"}, {**YEAR, "OP": "?"}],
        [LART, year_word, previous],
        [LART, year_word, following],
        [{"LOWER": {"IN": ["le", "du", "au"]}}, {"LOWER": {"IN": ["mois", "trimestre", "semestre"]}}, previous],
        [{"LOWER": {"IN": ["les", "des", "aux"]}}, {"LOWER": {"IN": ["douze", "12"]}}, {"LOWER": "derniers"},
         {"LOWER": "mois"}],
        [LART, {"LOWER": {"IN": ["année", "exercice"]}}, {"LOWER": "en"}, {"LOWER": "cours"}],
        [{"LOWER": "cette"}, {"LOWER": "année"}],
    ]
    same = [{"LOWER": "même"}, {"LOWER": {"IN": ["période", "trimestre", "semestre", "mois"]}}]
    patterns += [
        same,
        same + [OF, LART, {"LOWER": {"IN": ["année", "an", "exercice"]}}, previous],
        same + [OF, {"LOWER": "la"}, {"LOWER": {"IN": ["campagne", "saison"]}}, previous],
        same + [{"LOWER": {"IN": ["de", "en"]}}, YEAR],
        same + [OF, LART, {"LOWER": {"IN": ["année", "exercice"]}}, YEAR],
    ]
    # 'premier trimestre 2018', 'T1 2018', 'les neuf premiers mois de l'année en cours'
    heads = [[ordinal, part], [{"TEXT": {"REGEX": r"^[TQSH][1-4]$"}}],
             [count, {"LOWER": "premiers"}, {"LOWER": "mois"}],
             [{"TEXT": {"REGEX": r"^\d{1,2}$"}}, {"LOWER": "premiers"}, {"LOWER": "mois"}]]
    tails = [[{**YEAR, "OP": "?"}], [OF, YEAR], [OF, LART, {"LOWER": {"IN": ["année", "exercice"]}}, {**YEAR, "OP": "?"}],
             [OF, LART, {"LOWER": {"IN": ["année", "exercice"]}}, {"LOWER": "en"}, {"LOWER": "cours"}]]
    patterns += [head + tail for head in heads for tail in tails]
    return [{"label": "PERIOD", "pattern": p} for p in patterns]


def org_patterns() -> list[dict]:
    """Names headed by an institution word: 'Office national du tourisme tunisien', 'Banque centrale de …'."""
    heads = ["ministère", "office", "fédération", "confédération", "banque", "centre", "agence", "institut",
             "haut-commissariat", "caisse", "conseil", "direction", "association", "groupement", "union",
             "observatoire", "autorité", "bourse", "commission", "organisation", "fonds", "chambre", "cour", "trésor",
             "société", "compagnie", "département", "secrétariat"]
    stop = ["qui", "que", "dont", "pour", "avec", "dans", "sur", "par", "selon", "à", "au", "aux", "en", "lors", "ce", "cette"]
    head = [{"LOWER": {"IN": heads}, "IS_TITLE": True}, {"IS_TITLE": True, "OP": "?"}]
    middle = {"POS": {"IN": ["ADJ", "NOUN", "PROPN", "ADP", "DET"]}, "OP": "*", "IS_PUNCT": False, "LOWER": {"NOT_IN": stop}}
    last = {"POS": {"IN": ["NOUN", "PROPN", "ADJ"]}}
    # 'ministère des Mines et du Pétrole': a second field joined by 'et' and a preposition.
    joined = [{"LOWER": "et"}, {"LOWER": {"IN": ["du", "des", "de"]}}, {"LOWER": {"IN": ["l'", "l’", "la"]}, "OP": "?"},
              {"IS_TITLE": True}]
    return [{"label": "ORG", "pattern": head + [middle, last]},
            {"label": "ORG", "pattern": head + [middle, last] + joined + [{**middle}, {**last, "OP": "?"}]}]


BUILDERS = {
    "money.jsonl": money_patterns,
    "percent.jsonl": percent_patterns,
    "quantity.jsonl": quantity_patterns,
    "period.jsonl": period_patterns,
    "org.jsonl": org_patterns,
}


def render(rows: list[dict]) -> str:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def main() -> int:
    for name, build in BUILDERS.items():
        rows = build()
        (HERE / name).write_text(render(rows), encoding="utf-8")
        print(f"{name}: {len(rows)} patterns")
    return 0


if __name__ == "__main__":
    sys.exit(main())

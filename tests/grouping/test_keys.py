"""nlp.grouping.keys: a metric as the text writes it -> its parts in the field's canonical words, and the key."""
import pytest

from nlp.grouping.keys import Parts, key, metric_parts, read_words, scopes_in, unit_key, with_scopes

ONLINE = (("canal", "en ligne"),)


@pytest.mark.parametrize(("metric", "kind", "parts"), [
    # montant / valeur / volume of an amount is its value; total, global, effectué say nothing
    ("montant total des paiements en ligne effectués", "amount", Parts("valeur", "paiement", ONLINE)),
    ("valeur globale des paiements sur Internet", "amount", Parts("valeur", "paiement", ONLINE)),
    ("volume des paiements par internet", "amount", Parts("valeur", "paiement", ONLINE)),
    ("paiement en ligne via cartes bancaires auprès des sites", "amount", Parts("valeur", "paiement", ONLINE)),
    # an operation, a transaction in a payment channel is a payment; the network after 'adhérents' is cut
    ("nombre de transactions e-commerce", "count", Parts("nombre", "paiement", ONLINE)),
    ("nombre d'opérations de paiement par cartes bancaires de sites marchands adhérents au cmi", "count",
     Parts("nombre", "paiement", ONLINE)),
    ("nombre de transactions via TPE ou Internet", "count", Parts("nombre", "paiement", (("canal", "tpe et en ligne"),))),
    ("retraits aux guichets automatiques", "count", Parts("nombre", "retrait", (("canal", "gab"),))),
    # what is counted is no scope of itself
    ("nombre de sites marchands actifs", "count", Parts("nombre", "site marchand actif")),
    # a change keeps its measure word apart: volume is not value
    ("volume d'exportations de fèves", "change", Parts("volume", "exportation de fève")),
    ("valeur d'exportations de fèves", "change", Parts("valeur", "exportation de fève")),
    # a growth of operations that names no measure is a growth of their number
    ("opérations de paiement en ligne", "change", Parts("nombre", "paiement", ONLINE)),
    ("paiement sur internet progresse", "change", Parts("", "paiement", ONLINE)),
    # the field's synonyms
    ("bénéfice net", "amount", Parts("valeur", "résultat net")),
    ("taux d'inflation", "share", Parts("", "inflation")),
    ("flux net des investissements directs étrangers", "amount", Parts("valeur", "investissement direct étranger")),
    ("recettes touristiques cumulées", "amount", Parts("valeur", "recette voyage")),
    ("PIB du Maroc", "change", Parts("", "produit intérieur brut de maroc")),
    # an acronym in brackets names its expansion again
    ("produit intérieur brut (pib) en volume", "change", Parts("volume", "produit intérieur brut")),
    # a verb the tagger left in the metric, and what follows it, name no quantity; a scope after it still counts
    ("montant progresse", "change", Parts("valeur", "")),
    ("prix atteint en moyenne", "share", Parts("", "prix", (("calcul", "moyenne"),))),
    # a place, a card's origin
    ("activité par cartes marocaines", "change", Parts("", "activité", (("carte", "carte marocaine"),))),
    ("nombre d'opérations à l'étranger de cartes marocaines à validité internationale", "count",
     Parts("nombre", "opération de validité internationale", (("carte", "carte marocaine"), ("lieu", "à l'étranger")))),
])
def test_metric_parts(metric, kind, parts):
    assert metric_parts(metric, kind) == parts


@pytest.mark.parametrize(("text", "words"), [
    ("des paiements en ligne", ["de", "paiement", "en", "ligne"]),
    ("l’encours des crédits aux ménages", ["encours", "de", "crédit", "à", "ménage"]),
    ("les ventes d'engrais", ["vente", "de", "engrais"]),
    ("part de Fès dans les nuitées", ["part", "de", "fès", "dans", "nuitée"]),
    ("les «grands facturiers»", ["grand", "facturier"]),
])
def test_read_words(text, words):
    assert read_words(text) == words


@pytest.mark.parametrize(("sentence", "found"), [
    ("Le nombre de transactions e-commerce est passé de 670 mille à 1,2 million d'opérations.", {"canal": {"en ligne"}}),
    ("Le paiement en ligne a enregistré une hausse de 31 % du nombre de transactions.", {"canal": {"en ligne"}}),
    ("Chez les commerçants dotés de terminaux de paiement (TPE), le paiement par carte a progressé.", {"canal": {"tpe"}}),
    ("L'activité par cartes marocaines a évolué de 46,4 % tandis que l'activité par cartes étrangères a progressé de 91,1 %.",
     {"carte": {"carte marocaine", "carte étrangère"}}),
    ("Le montant global des transactions s'élève à 13,4 milliards de dirhams (+16%).", {}),
])
def test_scopes_in_a_sentence(sentence, found):
    assert scopes_in(sentence) == found


def test_a_family_named_twice_in_a_sentence_adds_nothing():
    parts = metric_parts("activité", "change")
    found = scopes_in("L'activité par cartes marocaines a évolué de 46,4 % tandis que l'activité par cartes étrangères "
                      "a progressé de 91,1 %.")
    assert with_scopes(parts, found) == parts


def test_what_is_counted_is_not_a_scope_of_its_sentence():
    assert scopes_in("ce sont 411 sites marchands actifs qui ont été recensés", besides="nombre de sites marchands actifs") == {}


@pytest.mark.parametrize(("unit", "kind", "expected"), [
    ("transaction", "count", "opération"),
    ("opération", "count", "opération"),
    ("site marchand actif", "count", "site marchand"),
    ("MAD", "amount", "MAD"),
    ("%", "change", "%"),
])
def test_unit_key(unit, kind, expected):
    assert unit_key(unit, kind) == expected


def test_key_names_every_part_unit_kind_and_source():
    parts = metric_parts("montant total des paiements en ligne effectués", "amount")
    assert key(parts, "MAD", "amount", "CMI") == "valeur|paiement|en ligne|MAD|amount|CMI"
    assert key(Parts("nombre", "paiement", ONLINE, per="heure"), "transaction", "count", None) == \
        "nombre par heure|paiement|en ligne|opération|count|"

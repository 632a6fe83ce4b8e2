import json

import pytest

from nlp.scoring.records import RecordError, read_records

GOLD = {
    "doc_id": "002_ac61254d7316b9a9",
    "metric": "nombre de transactions",
    "value": 17500000,
    "unit": "opération",
    "kind": "count",
    "period": "2013-01/2013-09",
    "source": "CMI",
}


def write_lines(tmp_path, *lines):
    path = tmp_path / "seeds.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_gold_records_are_read_with_a_default_qualifier(tmp_path):
    optional = {**GOLD, "metric": "montant des paiements", "value": 92000000, "unit": "EUR", "kind": "amount",
                "qualifier": "~", "optional": True}
    path = write_lines(tmp_path, json.dumps(GOLD, ensure_ascii=False), "", "  ", json.dumps(optional))
    records = read_records(path, gold=True)
    assert [record["qualifier"] for record in records] == ["=", "~"]
    assert records[1]["optional"] is True


def test_gold_accepts_lists_of_accepted_values(tmp_path):
    record = {**GOLD, "unit": ["opération", "transaction"], "kind": ["change", "share"],
              "period": ["2013-09", None], "source": ["CMI", "Maroc Telecommerce"]}
    assert read_records(write_lines(tmp_path, json.dumps(record)), gold=True)[0]["period"] == ["2013-09", None]


def test_predictions_keep_extra_fields(tmp_path):
    record = {**GOLD, "evidence": {"start": 3, "end": 16, "text": "17,5 millions", "sentence": "..."},
              "title": "Paiement en ligne", "url": "https://example.org/a"}
    assert read_records(write_lines(tmp_path, json.dumps(record)), gold=False) == [{**record, "qualifier": "="}]


@pytest.mark.parametrize(
    ("change", "gold", "message"),
    [
        ({"period": "2016-13"}, True, "field 'period': expected an ISO 8601 date or interval, got '2016-13'"),
        ({"period": "2016-02-30"}, False, "field 'period': expected an ISO 8601 date or interval, got '2016-02-30'"),
        ({"period": "2016/2015"}, True, "field 'period': expected an ISO 8601 date or interval, got '2016/2015'"),
        ({"period": ["2016", "mai 2016"]}, True, "field 'period': expected an ISO 8601 date or interval, got 'mai 2016'"),
        ({"period": ["2016"]}, False, "field 'period': expected an ISO 8601 date or interval, got [\"2016\"]"),
        ({"period": []}, True, "field 'period': expected a non-empty list of accepted values, got []"),
        ({"doc_id": ""}, True, "field 'doc_id': expected a non-empty string, got ''"),
        ({"metric": None}, True, "field 'metric': expected a string, got null"),
        ({"value": "1,056 milliard"}, True, "field 'value': expected a number, got '1,056 milliard'"),
        ({"value": True}, False, "field 'value': expected a number, got true"),
        ({"unit": ["MAD", 3]}, True, "field 'unit': expected a string, got 3"),
        ({"unit": ["MAD"]}, False, "field 'unit': expected a string, got [\"MAD\"]"),
        ({"kind": "montant"}, True, "field 'kind': expected one of amount, count, share, change, got 'montant'"),
        ({"kind": ["change", "taux"]}, True, "field 'kind': expected one of amount, count, share, change, got 'taux'"),
        ({"source": 12}, True, "field 'source': expected a string or null, got 12"),
        ({"qualifier": "environ"}, False, "field 'qualifier': expected one of =, ~, >, <, got 'environ'"),
        ({"optional": "oui"}, True, "field 'optional': expected true or false, got 'oui'"),
        ({"evidence": {"start": 5, "end": 2, "text": "211.000"}}, False,
         "field 'evidence': expected an object with int start <= end and str text, "
         "got {\"start\": 5, \"end\": 2, \"text\": \"211.000\"}"),
        ({"evidence": {"start": 0, "end": 7, "text": "211.000"}}, True,
         "field 'evidence': expected one of the gold fields (doc_id, metric, value, unit, kind, period, source, "
         "qualifier, optional), got an unknown field"),
        ({"perdiod": "2013"}, True,
         "field 'perdiod': expected one of the gold fields (doc_id, metric, value, unit, kind, period, source, "
         "qualifier, optional), got an unknown field"),
    ],
)
def test_a_bad_field_is_named_with_file_and_line(tmp_path, change, gold, message):
    path = write_lines(tmp_path, json.dumps(GOLD), "", json.dumps({**GOLD, **change}, ensure_ascii=False))
    with pytest.raises(RecordError) as error:
        read_records(path, gold=gold)
    assert str(error.value) == f"{path}:3: {message}"


@pytest.mark.parametrize("missing", ["doc_id", "metric", "value", "unit", "kind", "period", "source"])
def test_a_missing_field_is_an_error(tmp_path, missing):
    record = {key: value for key, value in GOLD.items() if key != missing}
    with pytest.raises(RecordError, match=rf":1: field '{missing}': expected .*, got nothing$"):
        read_records(write_lines(tmp_path, json.dumps(record)), gold=False)


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ('{"doc_id": "002", "metric": "panier moyen",}', "got invalid JSON (Expecting property name"),
        ('["002", "panier moyen", 1]', 'got ["002", "panier moyen", 1]'),
        ("211.000 opérations", "got invalid JSON (Extra data"),
    ],
)
def test_a_line_that_is_not_a_json_object(tmp_path, line, found):
    path = write_lines(tmp_path, line)
    with pytest.raises(RecordError) as error:
        read_records(path, gold=True)
    assert str(error.value).startswith(f"{path}:1: expected a JSON object, {found}")


def test_a_record_error_is_a_value_error():
    assert issubclass(RecordError, ValueError)

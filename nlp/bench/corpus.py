"""A reproducible corpus for benchmarks and scale runs: the seeds and variants of them.

A variant keeps an article's grammar and changes its figures, years and organisation names, so
that the corpus is as costly to read as real news and needs no network. Same seed, same corpus.

    python -m nlp.bench.corpus --articles 5000 -o /tmp/corpus.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from importlib import resources
from pathlib import Path



def seeds_dir() -> Path:
    """The seed articles, shipped with the package (a wheel installed anywhere) or in a source checkout."""
    try:
        return Path(str(resources.files("nlp.seeds")))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parents[2] / "seeds"


SEEDS = seeds_dir()
# Organisations swapped in for one another, as another outlet would cite them.
NAMES = {
    "CMI": ["BCEAO", "BCT", "HCP", "INS", "ANSD", "Insee"],
    "Maroc Telecommerce": ["GIM-UEMOA", "Monétique Tunisie", "Orange Money", "Wave"],
    "Office des changes": ["Banque de France", "Banque d'Algérie", "BEAC"],
}
_NUMBER = re.compile(r"(?<![\w/])(\d{1,3}(?:[.,]\d{1,3})?)(?=\s*(?:%|milliards?|millions?|mille|MDH|DH|dirhams))")
_YEAR = re.compile(r"\b(20[01]\d)\b")


def variant(text: str, rng: random.Random) -> str:
    """The article with other figures, years shifted together, and other organisation names."""
    shift = rng.randint(-6, 8)
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)
    text = _NUMBER.sub(lambda m: _other_number(m.group(1), rng), text)
    for name, others in NAMES.items():
        text = text.replace(name, rng.choice(others))
    return text


def _other_number(number: str, rng: random.Random) -> str:
    decimals = number.split(",")[1] if "," in number else ""
    value = float(number.replace(".", "").replace(",", ".")) * rng.uniform(0.5, 1.8)
    if decimals:
        return f"{value:.{len(decimals)}f}".replace(".", ",")
    return str(max(1, round(value)))


def articles(count: int, seed: int = 13, seeds_dir: Path = SEEDS) -> list[dict]:
    """`count` JSONL records: the seeds first, then variants of them in turn."""
    rng = random.Random(seed)
    seeds = [(path.stem, path.read_text(encoding="utf-8")) for path in sorted(seeds_dir.glob("*.txt"))]
    if not seeds:
        raise FileNotFoundError(f"{seeds_dir}: expected the seed articles (*.txt), found none")
    out = []
    for i in range(count):
        doc_id, text = seeds[i % len(seeds)]
        if i >= len(seeds):
            doc_id, text = f"{doc_id}-v{i // len(seeds)}", variant(text, rng)
        out.append({"id": doc_id, "text": text})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--seeds", type=Path, default=SEEDS, help="folder of the seed articles")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    with args.output.open("w", encoding="utf-8") as handle:
        for record in articles(args.articles, args.seed, args.seeds):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

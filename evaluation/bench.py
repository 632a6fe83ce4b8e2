"""Benchmark chiffres against bare fr_core_news_md: `python evaluation/bench.py` (also `chiffres bench`).

Writes evaluation/reports/bench.md; see nlp/bench/benchmark.py for what is measured and how.
"""
import sys

from nlp.bench.benchmark import main

if __name__ == "__main__":
    sys.exit(main())

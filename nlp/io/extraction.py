"""A whole extraction run: read, extract, write, count; what `chiffres extract` does."""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from nlp.io.readers import DEFAULT_MAX_CHARS, Article, read_articles
from nlp.io.streaming import BATCH_SIZE, extract_stream
from nlp.io.writers import WRITERS, check_output, output


@dataclass
class Summary:
    read: int = 0
    skipped: int = 0
    facts: int = 0
    reasons: Counter = field(default_factory=Counter)

    def line(self) -> str:
        """'5 articles read, 2 skipped (1 empty; 1 binary), 53 facts written'."""
        why = "; ".join(f"{n} {reason}" for reason, n in self.reasons.most_common())
        skipped = f"{self.skipped} skipped ({why})" if self.skipped else "0 skipped"
        return f"{self.read} articles read, {skipped}, {self.facts} facts written"


def run_extraction(inputs: list[str], *, reference: date | None = None, format_: str = "jsonl",
                   output_path: Path | None = None, n_process: int = 1, batch_size: int = BATCH_SIZE,
                   max_chars: int = DEFAULT_MAX_CHARS, progress: bool = False,
                   stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> Summary:
    """Extract every readable article of the inputs and write its facts; skipped inputs are reported on stderr."""
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    if output_path is not None:
        check_output(output_path)  # before reading anything: a wrong -o is a usage error, not a lost run
    summary = Summary()
    items = read_articles(inputs, reference=reference, max_chars=max_chars)
    bar = None
    with output(output_path, stdout) as stream:
        writer = WRITERS[format_](stream)
        for item, facts in extract_stream(items, n_process=n_process, batch_size=batch_size):
            if not isinstance(item, Article):
                summary.skipped += 1
                summary.reasons[item.kind] += 1
                stderr.write(item.message() + "\n")
                continue
            writer.write(item, facts)
            summary.read += 1
            summary.facts += len(facts)
            if progress and bar is None:
                bar = _progress(stderr)  # from the first article on: the rate leaves out the model's loading
            if bar is not None:
                bar.update(1)
                bar.set_postfix(facts=summary.facts, refresh=False)
        writer.close()
    if bar is not None:
        bar.close()
    return summary


def _progress(stream: IO[str]):
    from tqdm import tqdm

    return tqdm(file=stream, unit=" articles", desc="chiffres", dynamic_ncols=True, mininterval=0.5)

"""Prints the figures of the bracket check (issue 19: it must be linear, not quadratic).

- ``parse_brackets`` on 1,000,000 stray ``]`` (one line, and one per line), on 1,000,000
  ``[`` never closed, and on 500,000 balanced pairs;
- ``check_sequence`` over 10,000 paragraphs of 100 stray ``]`` each;
- ``parse_draft`` of a draft whose one paragraph is 1,000,000 stray ``]`` (refused, every
  problem up to the limit listed);
- the same checks at a tenth of the size, to show the growth is linear (ratio ~10).

Before (the parser on main on 2026-12-02, quadratic): 25,000 stray ``]`` 2.3 s, 50,000 8.7 s,
100,000 30.5 s on this machine, so about an hour for 1,000,000 (163-200 s measured on a
quieter machine in issue 19).

Run: .venv/bin/python benchmarks/bench_brackets.py
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from negotiator.domain.brackets import check_sequence, parse_brackets  # noqa: E402
from negotiator.domain.draftfile import DraftFormatError, parse_draft  # noqa: E402


def timed(fn: Callable[[], object], runs: int = 3) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def refused(text: str) -> None:
    try:
        parse_draft(text, "big.md")
    except DraftFormatError:
        return
    raise AssertionError("an unbalanced draft was accepted")


def main() -> None:
    for n in (100_000, 1_000_000):
        cases: dict[str, Callable[[], object]] = {
            f"parse_brackets {n:,} stray ']' on one line": lambda n=n: parse_brackets("]" * n),
            f"parse_brackets {n:,} stray ']' one per line": lambda n=n: parse_brackets("]\n" * n),
            f"parse_brackets {n:,} '[' never closed": lambda n=n: parse_brackets("[" * n),
            f"parse_brackets {n // 2:,} balanced pairs": lambda n=n: parse_brackets(
                "[a]" * (n // 2)
            ),
            f"check_sequence {n // 100:,} paragraphs x 100 stray ']'": lambda n=n: check_sequence(
                ["x ]" * 100] * (n // 100)
            ),
            f"parse_draft, one paragraph of {n:,} stray ']'": lambda n=n: refused(
                "OP 1. " + "]" * n + "\n"
            ),
        }
        for name, fn in cases.items():
            print(f"{name}: {timed(fn) * 1000:.1f} ms")


if __name__ == "__main__":
    main()

"""Provides the diff-engine benchmark: prints one line per figure of docs PERFORMANCE.md.

Run from the repository root::

    .venv/bin/python benchmarks/bench_diff.py [--repeat 7]

Medians of ``--repeat`` runs, in process. The reference is ``git diff --no-index
--word-diff`` on the same two stress rounds written one paragraph per line to
temporary files, timed in the same run (its process start-up included).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.workloads import (  # noqa: E402
    every_paragraph_changed,
    large_workload,
    stress_workload,
)
from negotiator.domain.diffing import count_brackets, count_words, diff_rounds  # noqa: E402
from negotiator.domain.model import ParagraphSnapshot  # noqa: E402

Round = list[ParagraphSnapshot]


def _median_ms(fn: Callable[[], object], repeat: int, cold: bool = True) -> float:
    times = []
    for _ in range(repeat):
        if cold:  # per-text word and bracket counts are memoised: time the first diff
            count_words.cache_clear()
            count_brackets.cache_clear()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _consecutive_ms(rounds: list[Round], repeat: int) -> float:
    """Median time of diffing each round with the next, walking the rounds in order.

    The memoised per-text counts are cleared before each walk, so each text is
    counted the first time a diff meets it, as in a session stepping through rounds.
    """
    times = []
    for _ in range(repeat):
        count_words.cache_clear()
        count_brackets.cache_clear()
        for a, b in zip(rounds, rounds[1:], strict=False):
            start = time.perf_counter()
            diff_rounds(a, b)
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _line(what: str, ms: float, target: float | None, extra: str = "") -> None:
    verdict = ""
    if target is not None:
        verdict = f"target <= {target:g} ms  {'OK' if ms <= target else 'OVER'}"
    print(f"{what:<58} {ms:8.2f} ms  {verdict}{extra}")


def _git_word_diff_ms(a: Round, b: Round, repeat: int) -> float | None:
    git = shutil.which("git")
    if git is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        old, new = Path(tmp, "a.txt"), Path(tmp, "b.txt")
        old.write_text("".join(p.text + "\n" for p in a), encoding="utf-8")
        new.write_text("".join(p.text + "\n" for p in b), encoding="utf-8")
        cmd = [git, "diff", "--no-index", "--no-color", "--word-diff", str(old), str(new)]

        def run() -> None:
            # Exit status 1 means "differences found".
            subprocess.run(cmd, cwd=tmp, stdout=subprocess.DEVNULL, check=False)

        return _median_ms(run, repeat, cold=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per figure (median)")
    args = parser.parse_args()
    repeat = args.repeat

    start = time.perf_counter()
    large = large_workload()
    every = every_paragraph_changed()
    stress = stress_workload()
    build_s = time.perf_counter() - start
    words = sum(count_words(p.text) for p in large[0])
    print(
        f"workloads built in {build_s:.1f} s: large {len(large[0])} paragraphs "
        f"({words} words) x {len(large)} rounds; stress {len(stress[0])} paragraphs "
        f"({sum(count_words(p.text) for p in stress[0])} words) x {len(stress)} rounds; "
        f"median of {repeat} runs"
    )
    d = diff_rounds(large[0], large[1]).summary
    print(f"large round 1->2: {d.counts}")

    _line("diff_rounds large, consecutive rounds (20% changed)", _consecutive_ms(large, repeat), 25)
    _line(
        "diff_rounds large, first vs last round",
        _median_ms(lambda: diff_rounds(large[0], large[-1]), repeat),
        None,
    )
    _line(
        "diff_rounds large, every paragraph changed",
        _median_ms(lambda: diff_rounds(every[0], every[1]), repeat),
        100,
    )
    _line(
        "diff_rounds stress, consecutive rounds",
        _consecutive_ms(stress, max(2, repeat // 3)),
        250,
    )
    first, last = stress[0], stress[-1]
    ours = _median_ms(lambda: diff_rounds(first, last), repeat)
    summary = diff_rounds(first, last).summary
    _line("diff_rounds stress, first vs last round", ours, 250, f"  ({summary.counts})")
    warm = _median_ms(lambda: diff_rounds(first, last), repeat, cold=False)
    _line("diff_rounds stress, first vs last, counts memoised", warm, 250)
    git_ms = _git_word_diff_ms(first, last, repeat)
    if git_ms is None:
        print("git not found: no reference figure")
    else:
        _line(
            "git diff --no-index --word-diff, stress first vs last",
            git_ms,
            None,
            f"  ratio diff_rounds/git = {ours / git_ms:.2f}",
        )
        mid_a, mid_b = stress[24], stress[25]
        ours_mid = _median_ms(lambda: diff_rounds(mid_a, mid_b), repeat)
        git_mid = _git_word_diff_ms(mid_a, mid_b, repeat)
        assert git_mid is not None
        _line("diff_rounds stress, rounds 25->26", ours_mid, 250)
        _line(
            "git diff --no-index --word-diff, stress rounds 25->26",
            git_mid,
            None,
            f"  ratio diff_rounds/git = {ours_mid / git_mid:.2f}",
        )


if __name__ == "__main__":
    main()

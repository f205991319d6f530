"""Provides the export benchmark: the large workload's last round to .docx, md, html and akn.

Run from the repository root::

    .venv/bin/python benchmarks/bench_export.py [--repeat 7]

Medians of ``--repeat`` runs, in process (python-docx imported beforehand). The workload is
``benchmarks.workloads.large_workload()`` (about 258 paragraphs from the corpus); without the
corpus, 258 generated paragraphs of about 50 words. Target: the .docx clean text in <= 1 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from negotiator.domain.diffing import diff_rounds  # noqa: E402
from negotiator.domain.model import ParagraphKind, ParagraphSnapshot, Status  # noqa: E402
from negotiator.interchange.export_akn import clean_akn, compilation_akn  # noqa: E402
from negotiator.interchange.export_docx import clean_docx, compilation_docx  # noqa: E402
from negotiator.interchange.export_html import clean_html, compilation_html  # noqa: E402
from negotiator.interchange.export_model import ExportMeta, clean_paragraphs, compile_changes  # noqa: E402
from negotiator.interchange.export_text import clean_markdown, labelled_draft  # noqa: E402

TARGET_DOCX_MS = 1000.0


def _generated(n: int = 258, words: int = 50, seed: int = 14) -> list[list[ParagraphSnapshot]]:
    rng = random.Random(seed)
    vocabulary = [
        "crime",
        "prevention",
        "[strengthen]",
        "cooperation",
        "justice",
        "States",
        "Member",
        "including",
        "rule",
        "of",
        "law",
        "and",
        "the",
        "to",
        "international",
        "تعزيز",
        "youth",
    ]
    first = [
        ParagraphSnapshot(
            i + 1,
            f"para_{i + 1}",
            f"OP {i + 1}",
            ParagraphKind.OPERATIVE,
            f"Section {i // 26 + 1}",
            i,
            " ".join(rng.choice(vocabulary) for _ in range(words)),
            Status.PENDING,
            "EU",
        )
        for i in range(n)
    ]
    second = [
        p
        if i % 5
        else ParagraphSnapshot(
            p.paragraph_id,
            p.uid,
            p.label,
            p.kind,
            p.section,
            p.position,
            p.text.replace("crime", "crimes", 1),
            p.status,
            p.sponsor,
            2,
        )
        for i, p in enumerate(first)
    ]
    return [first, second]


def _rounds() -> tuple[str, list[list[ParagraphSnapshot]]]:
    try:
        from benchmarks.workloads import CORPUS, large_workload

        if CORPUS.exists():
            return "large workload (corpus)", large_workload()
    except ImportError:
        pass
    return "generated (258 x 50 words)", _generated()


def _median_ms(fn: Callable[[], object], repeat: int) -> float:
    fn()  # warm up (imports, caches)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    name, rounds = _rounds()
    previous, last = rounds[-2], rounds[-1]
    meta = ExportMeta(
        title="Benchmark declaration",
        preface="We, the Heads of State and Government,",
        round_name="last",
        compare_name="previous",
        date="2021-03-07",
    )
    live = sum(1 for p in last if not p.deleted)
    words = sum(len(p.text.split()) for p in last if not p.deleted)
    print(
        f"workload: {name}: {len(last)} paragraphs ({live} live, {words} words), "
        f"median of {args.repeat}"
    )

    def clean() -> list:  # type: ignore[type-arg]
        return clean_paragraphs(last, first_number=1)

    def compiled() -> list:  # type: ignore[type-arg]
        return compile_changes(diff_rounds(previous, last))

    figures = [
        ("clean .docx", lambda: clean_docx(meta, clean())),
        ("clean .md", lambda: clean_markdown(meta, clean())),
        ("clean .html", lambda: clean_html(meta, clean())),
        ("clean akn", lambda: clean_akn(meta, clean())),
        ("md --keep-labels", lambda: labelled_draft(meta, last)),
        ("compilation .docx (diff included)", lambda: compilation_docx(meta, compiled())),
        ("compilation .html (diff included)", lambda: compilation_html(meta, compiled())),
        ("compilation akn (diff included)", lambda: compilation_akn(meta, compiled())),
    ]
    failed = False
    for label, fn in figures:
        ms = _median_ms(fn, args.repeat)
        note = ""
        if label == "clean .docx":
            ok = ms <= TARGET_DOCX_MS
            failed |= not ok
            note = f"  (target <= {TARGET_DOCX_MS:.0f} ms: {'ok' if ok else 'MISSED'})"
        print(f"{label:<36} {ms:8.1f} ms{note}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

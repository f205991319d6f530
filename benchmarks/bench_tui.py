"""Provides the TUI benchmark: launch to first usable screen, and moving between paragraphs.

Run from the repository root::

    .venv/bin/python benchmarks/bench_tui.py [--repeat 5] [--moves 40]

The database (2,580 paragraphs, 50 rounds, each round rewording ~20% of the paragraphs)
is built once through the services and cached in ``/tmp`` under a name that carries
``DB_VERSION``; bump it when the generator changes.  Building it takes a few minutes.

Figures (medians):

* ``launch``: from ``make_app(...)`` to the paragraph list filled and the first paragraph
  in the editor (``App.run_test()``, headless, 160x50), the schema check included.
* ``move``: from setting the table cursor on another paragraph to the editor showing it
  (the highlight handler ran and the screen was refreshed); the details (history and
  links) load afterwards in a worker and are reported separately as ``details``.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DB_VERSION = "tui-1"
PARAGRAPHS = 2580
ROUNDS = 50
SECTION_SIZE = 26
USER = "bench"


def db_path() -> Path:
    return Path("/tmp") / f"negotiator-bench-{DB_VERSION}-{PARAGRAPHS}x{ROUNDS}.db"


def build_database(path: Path) -> None:
    """Build the benchmark database through the services (never SQL)."""
    from benchmarks.workloads import corpus_paragraphs
    from negotiator.domain.draftfile import DraftDocument, DraftParagraph
    from negotiator.domain.labels import Label
    from negotiator.domain.model import Status
    from negotiator.services.drafting import DraftingService
    from negotiator.storage.db import Database

    tmp = path.with_suffix(".building")
    for stale in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        stale.unlink(missing_ok=True)
    db = Database(f"sqlite:///{tmp}")
    db.ensure_schema()
    drafting = DraftingService(db, user=USER)
    rng = random.Random(14)
    base = corpus_paragraphs()
    texts = [f"{base[i % len(base)]} ({i + 1})" for i in range(PARAGRAPHS)]
    vocabulary = sorted({w for t in base for w in t.split() if w.isalpha()})
    statuses = [Status.PENDING] * PARAGRAPHS
    sponsors = ("G77 and China", "EU", "CELAC", "Norway", "Japan", None)

    def document() -> DraftDocument:
        return DraftDocument(
            title="Benchmark declaration",
            preface="",
            paragraphs=tuple(
                DraftParagraph(
                    Label.parse(f"OP {i + 1}"), f"Pillar {i // SECTION_SIZE + 1}", texts[i], i + 1,
                    statuses[i], sponsors[i % len(sponsors)],
                )
                for i in range(PARAGRAPHS)
            ),
        )

    started = time.perf_counter()
    drafting.create_declaration(document(), slug="bench", round_name="Round 1", freeze=True)
    for number in range(2, ROUNDS + 1):
        for i in rng.sample(range(PARAGRAPHS), PARAGRAPHS // 5):
            words = texts[i].split(" ")
            for _ in range(rng.randint(1, 3)):
                words[rng.randrange(len(words) - 1)] = rng.choice(vocabulary)
            texts[i] = " ".join(words)
            if rng.random() < 0.05:
                statuses[i] = rng.choice([Status.AGREED_AD_REF, Status.AGREED])
        last = number == ROUNDS
        drafting.import_round(document(), name=f"Round {number}", freeze=not last)
        print(f"  round {number}/{ROUNDS} stored ({time.perf_counter() - started:.0f} s)", flush=True)
    db.dispose()
    tmp.rename(path)


async def _launch_once(url: str) -> float:
    from negotiator.tui.app import make_app
    from negotiator.tui.widgets.editor import ParagraphEditor

    started = time.perf_counter()
    app = make_app(db_url=url, user=USER)
    async with app.run_test(size=(160, 50)) as pilot:
        while not app.screen.query(ParagraphEditor) or app.screen.query_one(ParagraphEditor).paragraph_id is None:
            await asyncio.sleep(0.005)
        await pilot.pause()
        elapsed = time.perf_counter() - started
    return elapsed


async def _moves(url: str, moves: int) -> tuple[list[float], list[float], list[float]]:
    from negotiator.tui.app import make_app
    from negotiator.tui.screens.declaration import DeclarationScreen
    from negotiator.tui.widgets.editor import ParagraphEditor
    from negotiator.tui.widgets.paragraph_table import ParagraphTable

    app = make_app(db_url=url, user=USER)
    move_times: list[float] = []
    details_times: list[float] = []
    baseline: list[float] = []
    async with app.run_test(size=(160, 50)) as pilot:
        while not app.screen.query(ParagraphEditor) or app.screen.query_one(ParagraphEditor).paragraph_id is None:
            await asyncio.sleep(0.005)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DeclarationScreen)
        table = screen.query_one(ParagraphTable)
        editor = screen.query_one(ParagraphEditor)
        rng = random.Random(3)
        for _ in range(moves):
            # The cost of one idle refresh cycle, to subtract the harness's own overhead.
            t0 = time.perf_counter()
            await pilot.pause()
            baseline.append(time.perf_counter() - t0)

            row = rng.randrange(table.row_count)
            while table.paragraph_id_at(row) is None:
                row = rng.randrange(table.row_count)
            target = table.paragraph_id_at(row)
            t0 = time.perf_counter()
            table.move_cursor(row=row)
            while editor.paragraph_id != target:
                await asyncio.sleep(0)
            await pilot.pause()
            move_times.append(time.perf_counter() - t0)
            while screen.details_for != target:
                await asyncio.sleep(0.001)
            details_times.append(time.perf_counter() - t0)
    return move_times, details_times, baseline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--moves", type=int, default=40)
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()

    path = db_path()
    if not path.exists():
        print(f"building {path} (cached for later runs) ...", flush=True)
        t0 = time.perf_counter()
        build_database(path)
        print(f"built in {time.perf_counter() - t0:.0f} s", flush=True)
    if args.build_only:
        return
    url = f"sqlite:///{path}"

    launches = [asyncio.run(_launch_once(url)) for _ in range(args.repeat)]
    moves, details, baseline = asyncio.run(_moves(url, args.moves))
    ms = 1000.0
    print(f"database: {PARAGRAPHS} paragraphs, {ROUNDS} rounds ({path.stat().st_size / 1e6:.0f} MB)")
    print(f"launch to first usable screen: median {statistics.median(launches) * ms:.0f} ms, "
          f"max {max(launches) * ms:.0f} ms  (budget 1500 ms; {args.repeat} runs)")
    print(f"move to another paragraph:     median {statistics.median(moves) * ms:.1f} ms, "
          f"p90 {sorted(moves)[int(len(moves) * 0.9)] * ms:.1f} ms  (budget 50 ms; {args.moves} moves)")
    print(f"  of which harness idle cycle: median {statistics.median(baseline) * ms:.1f} ms")
    print(f"history+links shown (worker):  median {statistics.median(details) * ms:.1f} ms")


if __name__ == "__main__":
    main()

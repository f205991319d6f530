"""Provides the TUI benchmark: launch to first usable screen, and moving between paragraphs.

Run from the repository root::

    .venv/bin/python benchmarks/bench_tui.py [--repeat 5] [--moves 40]

The database (2,580 paragraphs, 50 rounds, each round rewording ~20% of the paragraphs)
is built once through the services and cached in ``/tmp`` under a name that carries
``DB_VERSION``; bump it when the generator changes.  Building it takes a few minutes.

Figures (medians):

* ``launch``: from ``make_app(...)`` to the paragraph list filled and the first paragraph
  in the editor (``App.run_test()``, headless, 160x50), the schema check included.
* ``move``/``jump``: from moving the table cursor to the next paragraph (as the down key
  does) or to a random one (the list scrolls: every visible row is repainted) until the
  highlight handler has put the paragraph in the editor and the screen has been painted;
  the history and links load afterwards in a worker, reported as ``details``.
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
                    Label.parse(f"OP {i + 1}"),
                    f"Pillar {i // SECTION_SIZE + 1}",
                    texts[i],
                    i + 1,
                    statuses[i],
                    sponsors[i % len(sponsors)],
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
        print(
            f"  round {number}/{ROUNDS} stored ({time.perf_counter() - started:.0f} s)", flush=True
        )
    db.dispose()
    tmp.rename(path)


async def _launch_once(url: str) -> float:
    from negotiator.tui.app import make_app
    from negotiator.tui.widgets.editor import ParagraphEditor

    started = time.perf_counter()
    app = make_app(db_url=url, user=USER)
    async with app.run_test(size=(160, 50)) as pilot:
        while (
            not app.screen.query(ParagraphEditor)
            or app.screen.query_one(ParagraphEditor).paragraph_id is None
        ):
            await asyncio.sleep(0.005)
        await pilot.pause()
        elapsed = time.perf_counter() - started
    return elapsed


async def _moves(url: str, moves: int) -> dict[str, list[float]]:
    """Time ``moves`` adjacent moves (the down key) and ``moves`` far jumps (random rows)."""
    from negotiator.tui.app import make_app
    from negotiator.tui.screens.declaration import DeclarationScreen
    from negotiator.tui.widgets.editor import ParagraphEditor
    from negotiator.tui.widgets.paragraph_table import ParagraphTable

    app = make_app(db_url=url, user=USER)
    out: dict[str, list[float]] = {"adjacent": [], "jump": [], "details": [], "baseline": []}
    async with app.run_test(size=(160, 50)) as pilot:
        screen = app.screen
        while not isinstance(screen, DeclarationScreen) or screen.details_for is None:
            await asyncio.sleep(0.005)
            screen = app.screen
        await pilot.pause()
        table = screen.query_one(ParagraphTable)
        editor = screen.query_one(ParagraphEditor)
        rng = random.Random(3)
        for kind in ("adjacent", "jump"):
            for _ in range(moves):
                # One idle refresh cycle of the harness, to see its own overhead.
                t0 = time.perf_counter()
                await pilot.pause()
                out["baseline"].append(time.perf_counter() - t0)
                if kind == "adjacent":
                    row = table.cursor_row + 1
                    if table.paragraph_id_at(row) is None:
                        row += 1
                    if row >= table.row_count:
                        row = 1
                else:
                    row = rng.randrange(table.row_count)
                    while table.paragraph_id_at(row) is None:
                        row = rng.randrange(table.row_count)
                target = table.paragraph_id_at(row)
                t0 = time.perf_counter()
                table.move_cursor(row=row)
                while editor.paragraph_id != target:
                    await asyncio.sleep(0)
                # Then paint at once what the next frame would (the moved cursor, the editor).
                screen._compositor_refresh()
                out[kind].append(time.perf_counter() - t0)
                while screen.details_for != target:
                    await asyncio.sleep(0.001)
                out["details"].append(time.perf_counter() - t0)
    return out


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
    figures = asyncio.run(_moves(url, args.moves))
    ms = 1000.0

    def med(xs: list[float]) -> float:
        return statistics.median(xs) * ms

    def p90(xs: list[float]) -> float:
        return sorted(xs)[int(len(xs) * 0.9)] * ms

    print(
        f"database: {PARAGRAPHS} paragraphs, {ROUNDS} rounds ({path.stat().st_size / 1e6:.0f} MB)"
    )
    print(
        f"launch to first usable screen: median {med(launches):.0f} ms, "
        f"max {max(launches) * ms:.0f} ms "
        f"(budget 1500 ms; {args.repeat} runs)"
    )
    for kind, what in (
        ("adjacent", "move to the next paragraph"),
        ("jump", "jump to a random paragraph"),
    ):
        xs = figures[kind]
        print(
            f"{what + ':':31}median {med(xs):.1f} ms, p90 {p90(xs):.1f} ms "
            f"(budget 50 ms; {len(xs)} moves)"
        )
    print(f"history+links shown (worker):  median {med(figures['details']):.1f} ms after the move")
    print(f"harness idle cycle (info):     median {med(figures['baseline']):.1f} ms")


if __name__ == "__main__":
    main()

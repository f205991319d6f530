"""Provides the review-screen benchmark: from pressing f5 to the review showing its rows.

Run from the repository root::

    .venv/bin/python benchmarks/bench_review.py [--repeat 7]

The stress database (2,580 paragraphs, 50 rounds, the last open; ~8,800 paragraphs in a
diff, deleted ones included) is written in bulk by :func:`benchmarks.stressdb.build_database`
(about 10 s) and cached in ``/tmp`` under a name carrying ``DB_VERSION``.

Figures (medians of ``--repeat`` runs, headless ``App.run_test()`` at 160x50):

* ``cached``: two frozen rounds (Rev.47 → Rev.48) whose diff was computed beforehand through
  the app's own backend (``app.backend.diffs``, so the same ``Database`` and its cache), as
  when a chair reopens the review of rounds already compared in the session.  Budget 300 ms.
* ``uncached``: the same two rounds after clearing the database's cache (the diff computed).
* ``default``: the default pair, the last frozen round → the current text of the open round
  (an open round is never cached: its text may change at any time).

Each figure runs from the key press (``App.simulate_key``: ``Pilot.press`` would also wait for
the app to go idle) to the list filled and the screen painted once.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DB_VERSION = "review-1"
USER = "bench"
SIZE = (160, 50)
BUDGET_MS = 300


def db_path() -> Path:
    return Path("/tmp") / f"negotiator-bench-{DB_VERSION}-stress.db"


def ensure_database() -> Path:
    """The stress database, built once (written under a temporary name, then renamed)."""
    path = db_path()
    if path.exists():
        return path
    from benchmarks.stressdb import build_database
    from benchmarks.workloads import stress_workload

    tmp = path.with_suffix(".building")
    for stale in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        stale.unlink(missing_ok=True)
    print(f"building {path} (cached for later runs) ...", flush=True)
    t0 = time.perf_counter()
    db = build_database(f"sqlite:///{tmp}", stress_workload())
    db.dispose()
    tmp.rename(path)
    print(f"built in {time.perf_counter() - t0:.0f} s", flush=True)
    return path


async def _measure(url: str, repeat: int) -> dict[str, list[float]]:
    from negotiator.tui.app import make_app
    from negotiator.tui.screens.declaration import DeclarationScreen
    from negotiator.tui.screens.review import ReviewScreen
    from negotiator.tui.widgets.change_list import ChangeList

    app = make_app(db_url=url, user=USER)
    out: dict[str, list[float]] = {"cached": [], "uncached": [], "default": [], "rows": []}
    async with app.run_test(size=SIZE) as pilot:
        main = app.main_screen
        while not isinstance(app.screen, DeclarationScreen) or main.details_for is None:
            await asyncio.sleep(0.01)
        await pilot.pause()
        rounds = app.backend.drafting.round_list()
        frozen = [r for r in rounds if not r.is_open]
        a, b = frozen[-2].name, frozen[-1].name

        async def once(pair: tuple[str, str] | None, *, clear: bool) -> float:
            if clear:
                app.backend.db.cache.clear()
            app.review_rounds = pair
            t0 = time.perf_counter()
            # As a key press, without the harness then waiting for every later message.
            app.simulate_key("f5")
            while not (isinstance(app.screen, ReviewScreen) and app.screen.loads > 0):
                await asyncio.sleep(0)
            screen = app.screen
            screen._compositor_refresh()  # paint now what the next frame would show
            elapsed = time.perf_counter() - t0
            out["rows"].append(screen.query_one(ChangeList).row_count)
            await pilot.press("escape")
            await pilot.pause()
            return elapsed

        result = app.backend.diffs.diff(a, b)  # warm the cache through the app's backend
        assert not result.cached and app.backend.diffs.diff(a, b).cached
        await once((a, b), clear=False)  # first opening: imports, CSS for the new screen
        for _ in range(repeat):
            out["cached"].append(await once((a, b), clear=False))
        for _ in range(repeat):
            out["uncached"].append(await once((a, b), clear=True))
        for _ in range(max(3, repeat // 2)):
            out["default"].append(await once(None, clear=False))
        out["pair"] = [a, b, rounds[-1].name]  # type: ignore[list-item]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()
    path = ensure_database()
    if args.build_only:
        return
    figures = asyncio.run(_measure(f"sqlite:///{path}", args.repeat))
    a, b, current = figures.pop("pair")  # type: ignore[misc]

    def med(xs: list[float]) -> float:
        return statistics.median(xs) * 1000

    rows = figures["rows"][-1]
    print(
        f"database: stress workload ({path.stat().st_size / 1e6:.0f} MB), "
        f"{rows} paragraphs in a diff"
    )
    cached = med(figures["cached"])
    print(
        f"review {a} → {b}, diff cached:   median {cached:.0f} ms, max "
        f"{max(figures['cached']) * 1000:.0f} ms (budget {BUDGET_MS} ms: "
        f"{'ok' if cached <= BUDGET_MS else 'OVER'}; {len(figures['cached'])} runs)"
    )
    print(
        f"review {a} → {b}, uncached:      median {med(figures['uncached']):.0f} ms "
        f"({len(figures['uncached'])} runs)"
    )
    print(
        f"review {b} → {current} (current text, default): median {med(figures['default']):.0f} ms "
        f"({len(figures['default'])} runs; an open round is never cached)"
    )


if __name__ == "__main__":
    main()

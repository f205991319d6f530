"""Several real processes saving at once: exactly one save wins, freezing is atomic.

Each worker is a separate OS process with its own engine and connections, on SQLite (one file)
and on PostgreSQL.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import func, select

from negotiator.domain.draftfile import parse_draft
from negotiator.services.drafting import DraftingService
from negotiator.services.errors import ConflictError, FrozenRoundError
from negotiator.storage.db import Database
from negotiator.storage.records import ParagraphVersionRecord, RoundRecord

WORKERS = 4
ITERATIONS = 25
DRAFT = "## S\n\n" + "\n\n".join(
    f"{n}. Paragraph number {n} of the test." for n in range(1, ITERATIONS + 1)
)


def _race_worker(url: str, name: str, barrier: Any, results: Any) -> None:
    db = Database(url)
    service = DraftingService(db, user=name)
    ids = [p.id for p in service.paragraphs()]
    for i in range(ITERATIONS):
        para = service.paragraph(f"OP {i + 1}")
        barrier.wait()  # everybody has read the same version
        text = f"text of {name} in iteration {i}"
        try:
            service.save_paragraph(ids[i], base_version=para.version_no, text=text)
            results.put((i, name, "won", text))
        except ConflictError as exc:
            results.put((i, name, "conflict", exc.theirs))
        barrier.wait()  # everybody is done before the next iteration
    db.dispose()


def _freeze_worker(url: str, name: str, start: Any, stop: Any, results: Any) -> None:
    db = Database(url)
    service = DraftingService(db, user=name)
    paras = service.paragraphs()
    start.wait()
    n = 0
    while not stop.is_set():
        para = paras[n % len(paras)]
        current = service.paragraph(para.label)
        try:
            service.save_paragraph(para.id, base_version=current.version_no, text=f"{name} {n}")
            results.put(("saved", name))
        except FrozenRoundError:
            results.put(("refused", name))
        except ConflictError:
            results.put(("conflict", name))
        n += 1
    db.dispose()


def _drain(queue: Any, expected: int | None = None) -> list[Any]:
    out = []
    while expected is None or len(out) < expected:
        try:
            out.append(queue.get(timeout=60 if expected else 0.5))
        except Exception:
            break
    return out


@pytest.mark.slow
def test_exactly_one_of_concurrent_saves_wins(db_url: str) -> None:
    db = Database(db_url)
    db.ensure_schema()
    DraftingService(db, user="setup").create_declaration(parse_draft(DRAFT), slug="t", freeze=False)
    ctx = mp.get_context("spawn")
    barrier, results = ctx.Barrier(WORKERS), ctx.Queue()
    procs = [
        ctx.Process(target=_race_worker, args=(db_url, f"w{k}", barrier, results))
        for k in range(WORKERS)
    ]
    for p in procs:
        p.start()
    outcomes = _drain(results, WORKERS * ITERATIONS)
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    assert len(outcomes) == WORKERS * ITERATIONS
    service = DraftingService(db)
    for i in range(ITERATIONS):
        mine = [o for o in outcomes if o[0] == i]
        winners = [o for o in mine if o[2] == "won"]
        assert len(winners) == 1, mine
        winner_text = winners[0][3]
        # every loser was told the winner's text; the stored text is the winner's
        assert all(o[3] == winner_text for o in mine if o[2] == "conflict")
        para = service.paragraph(f"OP {i + 1}")
        assert (para.text, para.version_no) == (winner_text, 2)
    with db.read() as s:  # no lost or duplicated versions
        assert s.scalar(select(func.count()).select_from(ParagraphVersionRecord)) == 2 * ITERATIONS
    db.dispose()


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.05, 0.3, 0.8])
def test_freeze_while_saving_never_leaves_a_version_in_a_frozen_round(
    db_url: str, delay: float
) -> None:
    db = Database(db_url)
    db.ensure_schema()
    service = DraftingService(db, user="chair")
    service.create_declaration(parse_draft(DRAFT), slug="t", freeze=False)
    ctx = mp.get_context("spawn")
    start, stop, results = ctx.Barrier(WORKERS + 1), ctx.Event(), ctx.Queue()
    procs = [
        ctx.Process(target=_freeze_worker, args=(db_url, f"w{k}", start, stop, results))
        for k in range(WORKERS)
    ]
    for p in procs:
        p.start()
    start.wait()
    time.sleep(delay)
    frozen = service.freeze_round()

    def versions_in_round() -> int:
        with db.read() as s:
            return (
                s.scalar(
                    select(func.count())
                    .select_from(ParagraphVersionRecord)
                    .where(ParagraphVersionRecord.round_id == frozen.id)
                )
                or 0
            )

    at_freeze = versions_in_round()
    time.sleep(0.5)  # the workers keep trying to save into the frozen round
    stop.set()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    outcomes = Counter(kind for kind, _ in _drain(results))
    assert versions_in_round() == at_freeze, "a version was added to a frozen round"
    assert at_freeze == ITERATIONS + outcomes["saved"], (
        outcomes
    )  # every reported save is stored, nothing more
    assert outcomes["refused"] > 0
    with db.read() as s:
        assert s.scalar(select(RoundRecord.status).where(RoundRecord.id == frozen.id)) == "frozen"
    db.dispose()

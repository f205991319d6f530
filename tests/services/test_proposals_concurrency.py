"""Two drafters tabling proposals on one paragraph while the chair writes compromises of them,
each a separate OS process: nothing is lost, every decision lands on a saved version."""

from __future__ import annotations

import multiprocessing as mp
from typing import Any

from sqlalchemy import func, select

from negotiator.domain.draftfile import parse_draft
from negotiator.domain.proposals import ProposalStatus
from negotiator.services.drafting import DraftingService
from negotiator.services.proposals import ProposalsService
from negotiator.services.users import UsersService
from negotiator.storage.db import Database
from negotiator.storage.records import ParagraphVersionRecord

PROPOSALS = 15
COMPROMISES = 8


def _drafter(url: str, name: str, delegation: str, start: Any, results: Any) -> None:
    db = Database(url)
    service = ProposalsService(db, user=name)
    pid = DraftingService(db).paragraph("OP 5").id
    start.wait()
    for i in range(PROPOSALS):
        p = service.table(
            pid, delegations=[delegation], kind="amend", text=f"{delegation} text {i}."
        )
        results.put(("tabled", p.id))
    db.dispose()


def _chair(url: str, start: Any, results: Any) -> None:
    db = Database(url)
    service = ProposalsService(db, user="chair")
    drafting = DraftingService(db)
    pid = drafting.paragraph("OP 5").id
    start.wait()
    done = 0
    while done < COMPROMISES:
        open_now = service.proposals(paragraph_id=pid, status="open")
        if not open_now:
            continue
        chosen = [p.id for p in open_now[:2]]
        head = drafting.paragraph_by_id(pid)
        result = service.compromise(
            pid, chosen, base_version=head.version_no, text=f"Compromise {done}."
        )
        results.put(("compromise", result.paragraph.version_no, tuple(chosen)))
        done += 1
    db.dispose()


def test_two_drafters_and_a_chair_lose_nothing(db_url: str) -> None:
    db = Database(db_url)
    db.ensure_schema()
    UsersService(db, user="chair").ensure_first_chair()
    UsersService(db, user="chair").add("dora", "drafter")
    UsersService(db, user="chair").add("dave", "drafter")
    DraftingService(db, user="chair").create_declaration(
        parse_draft("## S\n\nOP 5. States shall act.\n"), slug="t"
    )
    for name in ("EU", "G77 and China"):
        ProposalsService(db, user="chair").add_delegation(name)
    ctx = mp.get_context("spawn")
    start = ctx.Barrier(3)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=_drafter, args=(db_url, "dora", "EU", start, results)),
        ctx.Process(target=_drafter, args=(db_url, "dave", "G77 and China", start, results)),
        ctx.Process(target=_chair, args=(db_url, start, results)),
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(300)
        assert p.exitcode == 0
    got = [results.get(timeout=10) for _ in range(2 * PROPOSALS + COMPROMISES)]
    tabled = {r[1] for r in got if r[0] == "tabled"}
    compromises = [r for r in got if r[0] == "compromise"]
    assert len(tabled) == 2 * PROPOSALS and len(compromises) == COMPROMISES
    service = ProposalsService(db, user="chair")
    stored = {p.id: p for p in service.proposals()}
    assert set(stored) == tabled  # every proposal tabled is there
    taken = {i for r in compromises for i in r[2]}
    for pid, p in stored.items():
        if pid in taken:
            assert p.status is ProposalStatus.PARTLY_TAKEN
            assert p.taken_in_version in {r[1] for r in compromises if pid in r[2]}
        else:
            assert p.status is ProposalStatus.OPEN
    assert sorted(r[1] for r in compromises) == list(range(2, COMPROMISES + 2))
    with db.read() as session:
        versions = session.scalar(select(func.count()).select_from(ParagraphVersionRecord))
    assert versions == 1 + COMPROMISES
    assert {p.delegations[0] for p in stored.values()} == {"EU", "G77 and China"}
    db.dispose()

"""kill -9 in the middle of an import or a save leaves the database consistent."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from negotiator.domain.draftfile import parse_draft
from negotiator.services.drafting import DraftingService
from negotiator.storage.db import Database
from negotiator.storage.records import ParagraphRecord, ParagraphVersionRecord, RoundRecord

N = 1500


def big_draft(suffix: str) -> str:
    return "## S\n\n" + "\n\n".join(
        f"{n}. Paragraph {n} of a long declaration {suffix} on crime prevention."
        for n in range(1, N + 1)
    )


def consistent(db: Database) -> tuple[list[str], int]:
    """Check the invariants; return the round names and the number of versions."""
    with db.read() as s:
        if db.is_sqlite:
            assert s.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        heads = dict(s.execute(select(ParagraphRecord.id, ParagraphRecord.head_version)).all())
        maxes = dict(
            s.execute(
                select(
                    ParagraphVersionRecord.paragraph_id, func.max(ParagraphVersionRecord.version_no)
                ).group_by(ParagraphVersionRecord.paragraph_id)
            ).all()
        )
        assert heads == maxes  # the optimistic-lock counter matches the stored versions
        rounds = [r for (r,) in s.execute(select(RoundRecord.name).order_by(RoundRecord.seq))]
        versions = s.scalar(select(func.count()).select_from(ParagraphVersionRecord)) or 0
    return rounds, versions


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.3, 0.7, 1.2, 2.0])
def test_kill_during_round_import(db_url: str, tmp_path: Path, delay: float) -> None:
    db = Database(db_url)
    db.ensure_schema()
    DraftingService(db, user="chair").create_declaration(
        parse_draft(big_draft("v1")), slug="big", freeze=True
    )
    before = consistent(db)
    draft = tmp_path / "rev1.md"
    draft.write_text(big_draft("v2 [revised]"), encoding="utf-8")
    env = {**os.environ, "NEGOTIATOR_DB": db_url, "NEGOTIATOR_USER": "chair"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "negotiator", "round", "import", str(draft), "--name", "Rev.1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    db.dispose()
    db = Database(db_url)
    rounds, versions = consistent(db)
    if rounds == before[0]:
        assert versions == before[1]  # nothing of the import is left
    else:
        assert rounds == ["First reading", "Rev.1"] and versions == before[1] + N  # all of it
    # and the database still works
    assert len(DraftingService(db).paragraphs()) == N
    db.dispose()


@pytest.mark.slow
def test_kill_during_saves(db_url: str, tmp_path: Path) -> None:
    db = Database(db_url)
    db.ensure_schema()
    DraftingService(db, user="chair").create_declaration(
        parse_draft(big_draft("v1")), slug="big", freeze=False
    )
    script = (
        "import sys\n"
        "from negotiator.storage.db import Database\n"
        "from negotiator.services.drafting import DraftingService\n"
        "from negotiator.services.errors import ConflictError\n"
        "s = DraftingService(Database(sys.argv[1]), user='w')\n"
        "paras = s.paragraphs()\n"
        "i = int(sys.argv[2])\n"
        "while True:\n"
        "    p = paras[i % len(paras)]\n"
        "    cur = s.paragraph_by_id(p.id)\n"
        "    try:\n"
        "        s.save_paragraph(p.id, base_version=cur.version_no, text=f'save {i}')\n"
        "        print('saved', flush=True)\n"
        "    except ConflictError:\n"
        "        pass\n"
        "    i += 7\n"
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, db_url, str(k * 500)], stdout=subprocess.PIPE, text=True
        )
        for k in range(3)
    ]
    for proc in procs:  # wait until every writer is saving, then kill them mid-stream
        assert proc.stdout is not None
        deadline = time.monotonic() + 120
        while proc.stdout.readline().strip() != "saved":
            assert time.monotonic() < deadline and proc.poll() is None, "a writer never saved"
    time.sleep(0.5)
    for proc in procs:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    db.dispose()
    db = Database(db_url)
    rounds, versions = consistent(db)
    assert versions > N  # some saves happened, and every one of them is whole
    db.dispose()

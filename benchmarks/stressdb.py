"""Provides a real database filled with a benchmark workload (a round stores only what changed).

Writes the records in bulk (this is a benchmark fixture, not a use case), so that the stress
database (2,580 paragraphs, 50 rounds) takes seconds, not minutes, to build.  The result is
exactly what the services would have written: one version per paragraph per round in which
it changed, rounds frozen but the last (open).
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert  # noqa: E402

from negotiator.domain.model import ParagraphSnapshot  # noqa: E402
from negotiator.domain.text import count_words  # noqa: E402
from negotiator.storage.db import Database  # noqa: E402
from negotiator.storage.records import (  # noqa: E402
    DeclarationRecord,
    ParagraphRecord,
    ParagraphVersionRecord,
    RoundRecord,
    SectionRecord,
)


def build_database(
    url: str, rounds: list[list[ParagraphSnapshot]], *, slug: str = "bench", last_open: bool = True
) -> Database:
    db = Database(url)
    db.ensure_schema()
    t0 = datetime(2026, 1, 1, tzinfo=UTC)
    with db.write() as s:
        decl = DeclarationRecord(
            slug=slug,
            title=f"Benchmark declaration ({slug})",
            preface="",
            first_number=1,
            number_preambular=False,
            created_at=t0,
        )
        s.add(decl)
        s.flush()
        sections: dict[str, int] = {}
        for rnd in rounds:
            for p in rnd:
                if p.section not in sections:
                    rec = SectionRecord(declaration_id=decl.id, title=p.section)
                    s.add(rec)
                    s.flush()
                    sections[p.section] = rec.id
        round_ids = []
        for i, _ in enumerate(rounds):
            frozen = not (last_open and i == len(rounds) - 1)
            rec = RoundRecord(
                declaration_id=decl.id,
                seq=i + 1,
                name="First reading" if i == 0 else f"Rev.{i}",
                status="frozen" if frozen else "open",
                opened_at=t0 + timedelta(hours=i),
                opened_by="bench",
                frozen_at=t0 + timedelta(hours=i, minutes=59) if frozen else None,
                frozen_by="bench" if frozen else None,
            )
            s.add(rec)
            s.flush()
            round_ids.append(rec.id)
        last: dict[int, tuple[object, ...]] = {}
        version_no: dict[int, int] = {}
        paragraphs: list[dict[str, object]] = []
        versions: list[dict[str, object]] = []
        for i, rnd in enumerate(rounds):
            for p in rnd:
                state = (
                    p.label,
                    sections[p.section],
                    float(p.position),
                    p.text,
                    p.status.value,
                    p.sponsor,
                )
                if last.get(p.paragraph_id) == state:
                    continue
                if p.paragraph_id not in version_no:
                    paragraphs.append(
                        {
                            "id": p.paragraph_id,
                            "declaration_id": decl.id,
                            "uid": f"para_{p.paragraph_id}",
                            "kind": p.kind.value,
                            "head_version": 0,
                            "created_at": t0,
                        }
                    )
                version_no[p.paragraph_id] = version_no.get(p.paragraph_id, 0) + 1
                last[p.paragraph_id] = state
                versions.append(
                    {
                        "paragraph_id": p.paragraph_id,
                        "version_no": version_no[p.paragraph_id],
                        "round_id": round_ids[i],
                        "label": p.label,
                        "section_id": sections[p.section],
                        "position": float(p.position),
                        "text": p.text,
                        "words": count_words(p.text),
                        "status": p.status.value,
                        "sponsor": p.sponsor,
                        "author": "bench",
                        "created_at": t0 + timedelta(hours=i),
                    }
                )
        for p in paragraphs:
            p["head_version"] = version_no[p["id"]]  # type: ignore[index]
        s.execute(insert(ParagraphRecord), paragraphs)
        for start in range(0, len(versions), 5000):
            s.execute(insert(ParagraphVersionRecord), versions[start : start + 5000])
    return db

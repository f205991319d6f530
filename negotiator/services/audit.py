"""Provides the audit trail: who changed what and when.

Nothing is stored twice: every change already records its author and time where it lives
(paragraph versions, round openings and freezes, links made and removed, documents imported,
users added), and the log reads them back in time order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from negotiator.services.drafting import DraftingService, aware
from negotiator.services.proposals import audit_entries
from negotiator.storage.db import Database
from negotiator.storage.records import (
    DeclarationRecord,
    LinkRecord,
    ParagraphRecord,
    ParagraphVersionRecord,
    RoundRecord,
    SourceDocumentRecord,
    SourceRecord,
    UserEventRecord,
)


@dataclass(frozen=True)
class LogEntry:
    at: datetime
    user: str
    action: str  # created, edited, status, sponsor, moved, relabelled, linked, unlinked, round opened, ...
    target: str  # "OP 22 (para_2)", "round Rev.1", a document, a user
    detail: str
    round_name: str | None = None
    paragraph_id: int | None = None


def _version_changes(
    prev: ParagraphVersionRecord | None, v: ParagraphVersionRecord
) -> list[tuple[str, str]]:
    if prev is None:
        return [("created", v.text)]
    out = []
    if prev.text != v.text:
        out.append(("edited", v.text))
    if prev.status != v.status:
        out.append(("status", f"{prev.status} -> {v.status}"))
    if prev.sponsor != v.sponsor:
        out.append(("sponsor", f"{prev.sponsor or '-'} -> {v.sponsor or '-'}"))
    if prev.label != v.label:
        out.append(("relabelled", f"{prev.label} -> {v.label}"))
    if prev.section_id != v.section_id or prev.position != v.position:
        out.append(("moved", ""))
    return out or [("saved", "no change")]


class AuditService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.drafting = DraftingService(db)

    def log(
        self,
        label: str | None = None,
        *,
        paragraph_id: int | None = None,
        slug: str | None = None,
        limit: int | None = None,
    ) -> list[LogEntry]:
        """The whole trail of a declaration, or of one paragraph (by label or id); newest last."""
        if label:
            paragraph_id = self.drafting.paragraph(label, slug=slug).id
        elif paragraph_id is not None:
            slug = slug or self.drafting.paragraph_declaration(paragraph_id)
        entries: list[LogEntry] = []
        with self.db.read() as session:
            decl = self.drafting._declaration(session, slug)
            rounds = {
                r.id: r
                for r in session.scalars(
                    select(RoundRecord).where(RoundRecord.declaration_id == decl.id)
                )
            }
            stmt = (
                select(ParagraphVersionRecord, ParagraphRecord.uid)
                .join(ParagraphRecord, ParagraphRecord.id == ParagraphVersionRecord.paragraph_id)
                .where(ParagraphRecord.declaration_id == decl.id)
                .order_by(ParagraphVersionRecord.paragraph_id, ParagraphVersionRecord.version_no)
            )
            if paragraph_id is not None:
                stmt = stmt.where(ParagraphRecord.id == paragraph_id)
            prev: ParagraphVersionRecord | None = None
            for v, uid in session.execute(stmt):
                if prev is not None and prev.paragraph_id != v.paragraph_id:
                    prev = None
                for action, detail in _version_changes(prev, v):
                    entries.append(
                        LogEntry(
                            aware(v.created_at),
                            v.author,
                            action,
                            f"{v.label} ({uid})",
                            detail,
                            rounds[v.round_id].name,
                            v.paragraph_id,
                        )
                    )
                prev = v
            links = (
                select(LinkRecord, SourceRecord.ref, ParagraphRecord.uid)
                .join(SourceRecord, SourceRecord.id == LinkRecord.source_id)
                .join(ParagraphRecord, ParagraphRecord.id == LinkRecord.paragraph_id)
                .where(ParagraphRecord.declaration_id == decl.id)
            )
            if paragraph_id is not None:
                links = links.where(LinkRecord.paragraph_id == paragraph_id)
            for link, ref, uid in session.execute(links):
                entries.append(
                    LogEntry(
                        aware(link.created_at),
                        link.created_by,
                        "linked",
                        uid,
                        ref + (f" ({link.note})" if link.note else ""),
                        None,
                        link.paragraph_id,
                    )
                )
                if link.removed_at:
                    entries.append(
                        LogEntry(
                            aware(link.removed_at),
                            link.removed_by or "?",
                            "unlinked",
                            uid,
                            ref,
                            None,
                            link.paragraph_id,
                        )
                    )
            entries.extend(audit_entries(session, decl.id, paragraph_id))
            if paragraph_id is None:
                for r in rounds.values():
                    entries.append(
                        LogEntry(
                            aware(r.opened_at),
                            r.opened_by,
                            "round opened",
                            f"round {r.name}",
                            "",
                            r.name,
                        )
                    )
                    if r.frozen_at:
                        entries.append(
                            LogEntry(
                                aware(r.frozen_at),
                                r.frozen_by or "?",
                                "round frozen",
                                f"round {r.name}",
                                "",
                                r.name,
                            )
                        )
                for doc in session.scalars(select(SourceDocumentRecord)):
                    entries.append(
                        LogEntry(
                            aware(doc.imported_at),
                            doc.imported_by,
                            "sources imported",
                            doc.filename,
                            f"{doc.kind}: {doc.title}",
                        )
                    )
                for event in session.scalars(select(UserEventRecord).order_by(UserEventRecord.id)):
                    action = "user added" if event.action == "added" else "role changed"
                    entries.append(
                        LogEntry(aware(event.at), event.by, action, event.user_name, event.role)
                    )
                d = session.get(DeclarationRecord, decl.id)
                assert d is not None
        entries.sort(key=lambda e: (e.at, e.paragraph_id or 0))
        if limit is None:
            return entries
        return entries[-limit:] if limit > 0 else []

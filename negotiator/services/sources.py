"""Provides the source-material use cases: import documents, list and look up sources.

Importing is all or nothing: every file is read and parsed before anything is written, and
everything is written in one transaction.  Re-importing the same file changes nothing; a newer
edition updates the texts and says what changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from negotiator.domain.sources.base import (
    DOCUMENT_KINDS,
    ParsedDocument,
    SkippedLine,
    SourceFormatError,
)
from negotiator.services.drafting import default_user, now
from negotiator.services.errors import ImportFailed, NotFound
from negotiator.services.users import authorize
from negotiator.storage.db import Database
from negotiator.storage.records import SourceDocumentRecord, SourceRecord

#: progress(done, total, description)
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class SourceView:
    id: int
    kind: str
    ref: str
    text: str
    document_kind: str
    document_title: str
    line: int
    fields: dict[str, Any]
    placements: tuple[dict[str, Any], ...]
    withdrawn: bool = False


@dataclass(frozen=True)
class DocumentImportReport:
    path: str
    kind: str
    title: str
    items: int
    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    withdrawn: tuple[str, ...] = ()
    skipped: tuple[SkippedLine, ...] = ()
    unchanged_file: bool = False

    @property
    def unchanged(self) -> int:
        return self.items - len(self.added) - len(self.updated)


@dataclass
class _Parsed:
    path: Path
    document: ParsedDocument
    sha256: str
    extra: dict[str, Any] = field(default_factory=dict)


def _document_key(parsed: ParsedDocument, path: Path) -> str:
    return " ".join((parsed.title or path.stem).split()).casefold()[:300]


def read_source_file(path: Path, *, kind: str | None, lenient: bool) -> tuple[ParsedDocument, str]:
    """Read and parse one file (no database).  Raises SourceFormatError naming file and line."""
    from negotiator.domain.sources.detect import parse_source

    if kind is not None and kind not in DOCUMENT_KINDS:
        raise SourceFormatError(
            str(path), None, f"unknown kind {kind!r} (choose from: {', '.join(DOCUMENT_KINDS)})"
        )
    data = path.read_bytes()
    if not data.strip():
        raise SourceFormatError(str(path), None, "the file is empty")
    if data[:1024].lstrip().startswith(b"%PDF-"):
        from negotiator.domain.sources.detect import parse_source_pdf

        return parse_source_pdf(data, str(path), kind=kind, lenient=lenient), hashlib.sha256(
            data
        ).hexdigest()
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise SourceFormatError(str(path), line, "binary data (NUL byte): expected a text document")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceFormatError(
            str(path), line, f"not UTF-8 text (byte 0x{data[exc.start]:02x})"
        ) from None
    return parse_source(text, str(path), kind=kind, lenient=lenient), hashlib.sha256(
        data
    ).hexdigest()


class SourcesService:
    def __init__(self, db: Database, *, user: str | None = None) -> None:
        self.db = db
        self.user = user or default_user()

    def import_files(
        self,
        paths: Sequence[Path],
        *,
        kind: str | None = None,
        lenient: bool = False,
        progress: Progress | None = None,
    ) -> list[DocumentImportReport]:
        """Parse every file, then store them all in one transaction.

        Raises:
            ImportFailed: a file cannot be read or parsed (strict mode); nothing is written.
        """
        total = len(paths) * 2
        step = 0

        def tick(description: str) -> None:
            nonlocal step
            step += 1
            if progress:
                progress(step, total, description)

        parsed: list[_Parsed] = []
        for path in paths:
            try:
                document, digest = read_source_file(path, kind=kind, lenient=lenient)
            except SourceFormatError as exc:
                raise ImportFailed(f"{exc}; nothing was imported") from exc
            except OSError as exc:
                raise ImportFailed(f"{path}: {exc.strerror or exc}; nothing was imported") from exc
            parsed.append(_Parsed(path, document, digest))
            tick(f"read {path.name}")
        reports: list[DocumentImportReport] = []
        with self.db.write() as session:
            authorize(session, self.user, "import_sources")
            for item in parsed:
                reports.append(self._store(session, item))
                tick(f"stored {item.path.name}")
        return reports

    def _store(self, session: Any, item: _Parsed) -> DocumentImportReport:
        doc = item.document
        key = _document_key(doc, item.path)
        record = session.scalar(
            select(SourceDocumentRecord).where(
                SourceDocumentRecord.kind == doc.kind, SourceDocumentRecord.key == key
            )
        )
        base = {
            "path": str(item.path),
            "kind": doc.kind,
            "title": doc.title,
            "items": len(doc.items),
            "skipped": doc.skipped,
        }
        if record is not None and record.sha256 == item.sha256:
            return DocumentImportReport(**base, unchanged_file=True)
        if record is None:
            record = SourceDocumentRecord(
                kind=doc.kind,
                key=key,
                title=doc.title or item.path.stem,
                filename=item.path.name,
                sha256=item.sha256,
                imported_at=now(),
                imported_by=self.user,
            )
            session.add(record)
            session.flush()
        else:
            record.sha256, record.filename, record.title = (
                item.sha256,
                item.path.name,
                doc.title or record.title,
            )
            record.imported_at, record.imported_by = now(), self.user
        existing = {
            s.ref: s
            for s in session.scalars(
                select(SourceRecord).where(SourceRecord.ref.in_([i.ref for i in doc.items]))
            )
        }
        added: list[str] = []
        updated: list[str] = []
        for position, src in enumerate(doc.items):
            values = {
                "document_id": record.id,
                "kind": src.kind,
                "text": src.text,
                "line": src.line,
                "fields": dict(src.fields),
                "placements": [dict(p) for p in src.placements],
                "position": position,
            }
            current = existing.get(src.ref)
            if current is None:
                session.add(
                    SourceRecord(ref=src.ref, updated_at=now(), withdrawn_at=None, **values)
                )
                added.append(src.ref)
                continue
            if (
                current.text != src.text
                or current.withdrawn_at is not None
                or current.kind != src.kind
            ):
                updated.append(src.ref)
            for name, value in values.items():
                setattr(current, name, value)
            if src.ref in updated:
                current.updated_at = now()
            current.withdrawn_at = None
        refs = {i.ref for i in doc.items}
        withdrawn: list[str] = []
        for old in session.scalars(
            select(SourceRecord).where(SourceRecord.document_id == record.id)
        ):
            if old.ref not in refs and old.withdrawn_at is None:
                old.withdrawn_at = now()  # kept (links may point at it), shown as withdrawn
                withdrawn.append(old.ref)
        session.flush()
        return DocumentImportReport(
            **base, added=tuple(added), updated=tuple(updated), withdrawn=tuple(withdrawn)
        )

    def sources(
        self, *, kind: str | None = None, search: str | None = None, include_withdrawn: bool = False
    ) -> list[SourceView]:
        """Sources in document order, filtered by item kind and by words of the text or ref."""
        with self.db.read() as session:
            stmt = select(SourceRecord, SourceDocumentRecord).join(
                SourceDocumentRecord, SourceDocumentRecord.id == SourceRecord.document_id
            )
            if kind:
                stmt = stmt.where(SourceRecord.kind == kind)
            if not include_withdrawn:
                stmt = stmt.where(SourceRecord.withdrawn_at.is_(None))
            stmt = stmt.order_by(SourceDocumentRecord.id, SourceRecord.position, SourceRecord.id)
            views = [self._view(s, d) for s, d in session.execute(stmt)]
        if search:
            words = search.casefold().split()
            views = [v for v in views if all(w in f"{v.ref} {v.text}".casefold() for w in words)]
        return views

    def source(self, ref: str) -> SourceView:
        with self.db.read() as session:
            row = session.execute(
                select(SourceRecord, SourceDocumentRecord)
                .join(SourceDocumentRecord, SourceDocumentRecord.id == SourceRecord.document_id)
                .where(SourceRecord.ref == normalise_ref(ref))
            ).first()
            if row is None:
                raise NotFound(f"no source {ref!r}")
            return self._view(*row)

    @staticmethod
    def _view(s: SourceRecord, d: SourceDocumentRecord) -> SourceView:
        return SourceView(
            id=s.id,
            kind=s.kind,
            ref=s.ref,
            text=s.text,
            document_kind=d.kind,
            document_title=d.title,
            line=s.line,
            fields=dict(s.fields or {}),
            placements=tuple(s.placements or ()),
            withdrawn=s.withdrawn_at is not None,
        )


def normalise_ref(ref: str) -> str:
    """``ap 62 (a)`` -> ``AP 62(a)``; other refs only get their spaces collapsed."""
    import re

    text = " ".join(ref.strip().strip("[]").split())
    match = re.fullmatch(r"(?i)(AP|LAC|WA|A|E)\s*(\d+)\s*(?:\(\s*([a-z]{1,3})\s*\))?", text)
    if match:
        region, number, sub = match.groups()
        return f"{region.upper()} {number}" + (f"({sub.lower()})" if sub else "")
    return text


def corpus_files(corpus: Path) -> list[Path]:
    """The documents of a corpus folder (every .txt but READMEs), in a stable order."""
    return sorted(
        p for p in corpus.glob("*.txt") if p.is_file() and not p.name.lower().startswith("readme")
    )

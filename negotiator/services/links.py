"""Provides links between paragraphs and sources, the coverage of sources, and suggestions."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from negotiator.domain.model import Status
from negotiator.services.drafting import DraftingService, aware, default_user, now
from negotiator.services.errors import NotFound
from negotiator.services.sources import SourcesService, SourceView, normalise_ref
from negotiator.services.users import authorize
from negotiator.storage.db import Database
from negotiator.storage.records import LinkRecord, SourceDocumentRecord, SourceRecord

_TOKEN_RE = re.compile(r"[^\W\d_]{2,}|\d+", re.UNICODE)
#: Function words that carry no topic (the sources are UN English; other languages pass through).
STOPWORDS = frozenset(
    """a an and are as at be been but by for from has have in including inter into is it its
    of on or such that the their them these this those to was were which with within alia
    member states state including through other all any also should shall may can will
    """.split()
)


def tokens(text: str) -> list[str]:
    return [t for t in _TOKEN_RE.findall(text.casefold()) if t not in STOPWORDS]


@dataclass(frozen=True)
class LinkView:
    paragraph_id: int
    source: SourceView
    note: str | None
    created_by: str
    created_at: datetime


@dataclass(frozen=True)
class LinkChange:
    ref: str
    changed: bool  # False when the link already existed / did not exist


@dataclass(frozen=True)
class CoverageGroup:
    """Sources of one group (a region, a theme, an agenda item) and which are reflected."""

    name: str
    total: int
    reflected: int
    unreflected: tuple[str, ...]

    @property
    def share(self) -> float:
        return self.reflected / self.total if self.total else 0.0


@dataclass(frozen=True)
class CoverageReport:
    round_name: str
    regions: tuple[CoverageGroup, ...]
    themes: tuple[CoverageGroup, ...]
    questions: tuple[CoverageGroup, ...]
    recommendations_total: int
    recommendations_reflected: int
    questions_total: int
    questions_reflected: int


@dataclass(frozen=True)
class Suggestion:
    source: SourceView
    score: float


class LinksService:
    def __init__(self, db: Database, *, user: str | None = None) -> None:
        self.db = db
        self.user = user or default_user()
        self.drafting = DraftingService(db, user=self.user)
        self.sources = SourcesService(db, user=self.user)
        self._index: tuple[Any, list[SourceView]] | None = None

    # ------------------------------------------------------------------ link / unlink
    def _resolve_sources(self, session: Any, refs: Sequence[str]) -> list[SourceRecord]:
        wanted = [normalise_ref(r) for r in refs]
        found = {
            s.ref: s
            for s in session.scalars(select(SourceRecord).where(SourceRecord.ref.in_(wanted)))
        }
        missing = [r for r in wanted if r not in found]
        if missing:
            known = list(session.scalars(select(SourceRecord.ref)))
            hints = []
            for ref in missing:
                close = difflib.get_close_matches(ref, known, n=3, cutoff=0.5)
                hints.append(f"{ref!r} (did you mean: {', '.join(close)}?)" if close else repr(ref))
            raise NotFound("unknown source " + "; ".join(hints) + "; nothing was changed")
        return [found[r] for r in wanted]

    @staticmethod
    def _active(session: Any, paragraph_id: int, source_id: int) -> LinkRecord | None:
        """The link between a paragraph and a source, unless removed."""
        return session.scalar(  # type: ignore[no-any-return]
            select(LinkRecord).where(
                LinkRecord.paragraph_id == paragraph_id,
                LinkRecord.source_id == source_id,
                LinkRecord.removed_at.is_(None),
            )
        )

    def link(
        self, label: str, refs: Sequence[str], *, note: str | None = None, slug: str | None = None
    ) -> list[LinkChange]:
        """Link a paragraph to sources (all or none); an existing link is left as it is."""
        para = self.drafting.paragraph(label, slug=slug)
        with self.db.write() as session:
            authorize(session, self.user, "link")
            out = []
            for src in self._resolve_sources(session, refs):
                active = self._active(session, para.id, src.id)
                if active is not None:
                    out.append(LinkChange(src.ref, False))
                    continue
                session.add(
                    LinkRecord(
                        paragraph_id=para.id,
                        source_id=src.id,
                        note=note,
                        created_by=self.user,
                        created_at=now(),
                    )
                )
                out.append(LinkChange(src.ref, True))
            return out

    def link_paragraph(self, paragraph_id: int, ref: str, *, note: str | None = None) -> LinkChange:
        """Link by paragraph identity (what the TUI uses)."""
        with self.db.write() as session:
            authorize(session, self.user, "link")
            (src,) = self._resolve_sources(session, [ref])
            active = self._active(session, paragraph_id, src.id)
            if active is not None:
                return LinkChange(src.ref, False)
            session.add(
                LinkRecord(
                    paragraph_id=paragraph_id,
                    source_id=src.id,
                    note=note,
                    created_by=self.user,
                    created_at=now(),
                )
            )
            return LinkChange(src.ref, True)

    def unlink_paragraph(self, paragraph_id: int, ref: str) -> LinkChange:
        with self.db.write() as session:
            authorize(session, self.user, "link")
            (src,) = self._resolve_sources(session, [ref])
            active = self._active(session, paragraph_id, src.id)
            if active is None:
                return LinkChange(src.ref, False)
            active.removed_at, active.removed_by = now(), self.user
            return LinkChange(src.ref, True)

    def unlink(self, label: str, ref: str, *, slug: str | None = None) -> LinkChange:
        para = self.drafting.paragraph(label, slug=slug)
        return self.unlink_paragraph(para.id, ref)

    def links(self, paragraph_id: int) -> list[LinkView]:
        """The paragraph's current links, in the order they were made."""
        with self.db.read() as session:
            stmt = (
                select(LinkRecord, SourceRecord, SourceDocumentRecord)
                .join(SourceRecord, SourceRecord.id == LinkRecord.source_id)
                .join(SourceDocumentRecord, SourceDocumentRecord.id == SourceRecord.document_id)
                .where(LinkRecord.paragraph_id == paragraph_id, LinkRecord.removed_at.is_(None))
                .order_by(LinkRecord.created_at, LinkRecord.id)
            )
            return [
                LinkView(
                    link.paragraph_id,
                    SourcesService._view(src, doc),
                    link.note,
                    link.created_by,
                    aware(link.created_at),
                )
                for link, src, doc in session.execute(stmt)
            ]

    def link_counts(self, *, slug: str | None = None) -> dict[int, int]:
        """Number of current links per paragraph id."""
        with self.db.read() as session:
            counts: dict[int, int] = defaultdict(int)
            for (pid,) in session.execute(
                select(LinkRecord.paragraph_id).where(LinkRecord.removed_at.is_(None))
            ):
                counts[pid] += 1
            return dict(counts)

    # ------------------------------------------------------------------ coverage
    def _reflected_source_ids(
        self, *, slug: str | None, round_name: str | None
    ) -> tuple[str, set[int]]:
        """Sources linked to a paragraph that is not deleted at the round.

        Links annotate a paragraph's identity, not a round's text: a link made today counts for
        every round in which the paragraph stands.
        """
        paragraphs = self.drafting.paragraphs(slug=slug, round_name=round_name)
        live = {p.id for p in paragraphs if p.status is not Status.DELETED}
        with self.db.read() as session:
            stmt = select(LinkRecord.paragraph_id, LinkRecord.source_id).where(
                LinkRecord.removed_at.is_(None)
            )
            reflected = {sid for pid, sid in session.execute(stmt) if pid in live}
        return (paragraphs[0].round_name if paragraphs else ""), reflected

    def coverage(self, *, slug: str | None = None, round_name: str | None = None) -> CoverageReport:
        """Which recommendations (by region and theme) and questions (by agenda item) the text reflects."""
        name, reflected = self._reflected_source_ids(slug=slug, round_name=round_name)
        recs = self.sources.sources(kind="recommendation")
        questions = self.sources.sources(kind="question")

        def groups(items: list[tuple[str, SourceView]]) -> tuple[CoverageGroup, ...]:
            by: dict[str, list[SourceView]] = defaultdict(list)
            for key, src in items:
                by[key].append(src)
            return tuple(
                CoverageGroup(
                    key,
                    len({s.ref for s in members}),
                    len({s.ref for s in members if s.id in reflected}),
                    tuple(dict.fromkeys(s.ref for s in members if s.id not in reflected)),
                )
                for key, members in by.items()
            )

        regions = groups(
            [(str(s.fields.get("region_name") or s.fields.get("region") or "?"), s) for s in recs]
        )
        themes = groups([(_theme(p), s) for s in recs for p in (s.placements or ({},))])
        qgroups = groups([(_question_group(s), s) for s in questions])
        return CoverageReport(
            name,
            regions,
            themes,
            qgroups,
            len(recs),
            sum(1 for s in recs if s.id in reflected),
            len(questions),
            sum(1 for s in questions if s.id in reflected),
        )

    # ------------------------------------------------------------------ suggestions
    def _bm25(self) -> tuple[Any, list[SourceView]]:
        if self._index is None:
            from rank_bm25 import BM25Okapi

            items = self.sources.sources()
            corpus = [tokens(f"{s.text} {_theme_text(s)}") or ["_"] for s in items]
            self._index = (BM25Okapi(corpus) if items else None, items)
        return self._index

    def suggest(
        self, label: str, *, kind: str | None = None, top: int = 10, slug: str | None = None
    ) -> list[Suggestion]:
        """Sources ranked by BM25 similarity to the paragraph, excluding those already linked."""
        para = self.drafting.paragraph(label, slug=slug)
        return self.suggest_for(para.id, para.text, kind=kind, top=top)

    def suggest_for(
        self, paragraph_id: int, text: str, *, kind: str | None = None, top: int = 10
    ) -> list[Suggestion]:
        index, items = self._bm25()
        if index is None or top <= 0:
            return []
        linked = {link.source.ref for link in self.links(paragraph_id)}
        scores = index.get_scores(tokens(text))
        ranked = sorted(range(len(items)), key=lambda i: (-scores[i], i))
        out: list[Suggestion] = []
        for i in ranked:
            src = items[i]
            if scores[i] <= 0 or src.ref in linked or (kind and src.kind != kind):
                continue
            out.append(Suggestion(src, float(scores[i])))
            if len(out) >= top:
                break
        return out


def _theme(placement: dict[str, Any]) -> str:
    part, theme = placement.get("part"), placement.get("theme")
    return " / ".join(str(x) for x in (part, theme) if x) or "(no theme)"


def _theme_text(src: SourceView) -> str:
    return " ".join(str(p.get("theme") or "") for p in src.placements)


def _question_group(src: SourceView) -> str:
    f = src.fields
    if f.get("item_title") or f.get("item_number"):
        kind = str(f.get("item_type") or "item")
        head = f"{f.get('congress') or ''} {kind} {f.get('item_number') or ''}".split()
        return f"{' '.join(head)}: {f.get('item_title') or ''}".strip(": ")
    if f.get("session") or f.get("session_title"):
        return f"{f.get('year') or ''} session {f.get('session') or ''}: {f.get('session_title') or ''}".strip()
    return src.document_title


def load_links_file(
    service: LinksService, path: Any, *, slug: str | None = None
) -> tuple[int, list[str]]:
    """Make the links listed in a file of ``LABEL: REF, REF`` lines; returns (made, problems)."""
    made, problems = 0, []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        label, sep, refs = line.partition(":")
        if not sep:
            problems.append(f"{path}:{number}: expected 'LABEL: REF, REF'")
            continue
        for ref in filter(None, (r.strip() for r in refs.split(","))):
            try:
                made += sum(c.changed for c in service.link(label.strip(), [ref], slug=slug))
            except NotFound as exc:
                problems.append(f"{path}:{number}: {exc}")
    return made, problems

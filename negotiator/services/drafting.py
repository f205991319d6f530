"""Provides the drafting use cases: declarations, rounds, paragraphs and their versions.

Every public method is one unit of work (one transaction) and returns plain frozen
dataclasses.  Rules live here as explicit code: a frozen round never changes, a save checks
the version the editor started from (optimistic locking), brackets must balance.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from negotiator.domain.brackets import (
    Balance,
    bracket_balance,
    check_sequence,
    count_brackets,
    parse_brackets,
)
from negotiator.domain.draftfile import DraftDocument, DraftParagraph
from negotiator.domain.labels import Label
from negotiator.domain.matching import Candidate, Incoming, match_paragraphs
from negotiator.domain.model import ParagraphKind, ParagraphSnapshot, RoundStatus, Status
from negotiator.domain.text import count_words, longest_increasing_subsequence, normalise_space
from negotiator.services.errors import (
    AlreadyExists,
    ConflictError,
    FrozenRoundError,
    InvalidText,
    NegotiatorError,
    NotFound,
)
from negotiator.services.users import authorize
from negotiator.services.views import (
    DeclarationInfo,
    ParagraphView,
    RoundFigures,
    RoundImportReport,
    RoundInfo,
    VersionView,
)
from negotiator.storage.db import Database
from negotiator.storage.records import (
    DeclarationRecord,
    ParagraphRecord,
    ParagraphVersionRecord,
    RoundRecord,
    SectionRecord,
)

POSITION_STEP = 1024.0
_UNSET: Any = object()


def now() -> datetime:
    return datetime.now(UTC)


def aware(moment: datetime) -> datetime:
    """SQLite returns naive datetimes; every time stored is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # pragma: no cover - no login name in some containers
        return "unknown"


@dataclass
class _Row:
    """A paragraph's latest version at some round, read as plain columns (internal)."""

    pid: int
    uid: str
    head_version: int
    version_no: int
    round_id: int
    label: str
    section_id: int
    section: str
    position: float
    text: str
    status: str
    sponsor: str | None
    author: str
    created_at: datetime


_ROW_COLUMNS = (
    ParagraphRecord.id,
    ParagraphRecord.uid,
    ParagraphRecord.head_version,
    ParagraphVersionRecord.version_no,
    ParagraphVersionRecord.round_id,
    ParagraphVersionRecord.label,
    ParagraphVersionRecord.section_id,
    SectionRecord.title,
    ParagraphVersionRecord.position,
    ParagraphVersionRecord.text,
    ParagraphVersionRecord.status,
    ParagraphVersionRecord.sponsor,
    ParagraphVersionRecord.author,
    ParagraphVersionRecord.created_at,
)


class DraftingService:
    """Declarations, rounds and paragraphs for one user."""

    def __init__(self, db: Database, *, user: str | None = None) -> None:
        self.db = db
        self.user = user or default_user()

    # ------------------------------------------------------------------ lookups
    @staticmethod
    def _declaration(session: Session, slug: str | None) -> DeclarationRecord:
        if slug:
            decl = session.scalar(select(DeclarationRecord).where(DeclarationRecord.slug == slug))
            if decl is None:
                known = ", ".join(session.scalars(select(DeclarationRecord.slug))) or "none"
                raise NotFound(f"no declaration {slug!r} (known: {known})")
            return decl
        decls = list(session.scalars(select(DeclarationRecord).order_by(DeclarationRecord.id)))
        if not decls:
            raise NotFound("the database holds no declaration yet; run: negotiator init --sample")
        if len(decls) > 1:
            names = ", ".join(d.slug for d in decls)
            raise NegotiatorError(
                f"several declarations ({names}); choose one with --declaration SLUG"
            )
        return decls[0]

    @staticmethod
    def _rounds(session: Session, decl: DeclarationRecord) -> list[RoundRecord]:
        return list(
            session.scalars(
                select(RoundRecord)
                .where(RoundRecord.declaration_id == decl.id)
                .order_by(RoundRecord.seq)
            )
        )

    def _round(self, session: Session, decl: DeclarationRecord, name: str | None) -> RoundRecord:
        """A round by name; ``None`` or ``"current"`` is the latest round (the open one if any)."""
        rounds = self._rounds(session, decl)
        if not rounds:
            raise NotFound(f"declaration {decl.slug!r} has no round yet")
        if name is None or name.lower() in ("current", "latest"):
            return rounds[-1]
        for rnd in rounds:
            if rnd.name == name:
                return rnd
        for rnd in rounds:  # be forgiving about case
            if rnd.name.lower() == name.lower():
                return rnd
        known = ", ".join(repr(r.name) for r in rounds)
        raise NotFound(
            f"no round {name!r} in {decl.slug!r} (rounds: {known}; 'current' is the latest)"
        )

    def _open_round(self, session: Session, decl: DeclarationRecord, *, lock: bool) -> RoundRecord:
        rounds = self._rounds(session, decl)
        if not rounds or rounds[-1].status != RoundStatus.OPEN.value:
            last = rounds[-1].name if rounds else None
            raise FrozenRoundError(
                f"round {last!r} is frozen and no round is open, so nothing can be edited; "
                "a chair opens the next round with: negotiator round open NAME"
            )
        rnd = rounds[-1]
        if lock:
            # Freezing takes a row lock too: on PostgreSQL a save and a freeze serialise here
            # (SQLite serialises every write transaction with BEGIN IMMEDIATE).
            stmt = select(RoundRecord).where(RoundRecord.id == rnd.id).with_for_update(read=True)
            rnd = session.execute(stmt.execution_options(populate_existing=True)).scalar_one()
            if rnd.status != RoundStatus.OPEN.value:
                raise FrozenRoundError(
                    f"round {rnd.name!r} was frozen meanwhile; nothing was saved"
                )
        return rnd

    def _latest(
        self, session: Session, decl_id: int, seq: int, paragraph_id: int | None = None
    ) -> Any:
        """Subquery ``(pid, vno)``: each paragraph's latest version in a round up to ``seq``.

        At the latest round that is simply the paragraph's head version (no scan of the
        history); an earlier round takes the greatest version number up to it.
        """
        last = session.scalar(
            select(func.max(RoundRecord.seq)).where(RoundRecord.declaration_id == decl_id)
        )
        if last is not None and seq >= last:
            stmt = select(
                ParagraphRecord.id.label("pid"), ParagraphRecord.head_version.label("vno")
            ).where(ParagraphRecord.declaration_id == decl_id)
            if paragraph_id is not None:
                stmt = stmt.where(ParagraphRecord.id == paragraph_id)
            return stmt.subquery()
        stmt = (
            select(
                ParagraphVersionRecord.paragraph_id.label("pid"),
                func.max(ParagraphVersionRecord.version_no).label("vno"),
            )
            .join(RoundRecord, RoundRecord.id == ParagraphVersionRecord.round_id)
            .where(RoundRecord.declaration_id == decl_id, RoundRecord.seq <= seq)
            .group_by(ParagraphVersionRecord.paragraph_id)
        )
        if paragraph_id is not None:
            stmt = stmt.where(ParagraphVersionRecord.paragraph_id == paragraph_id)
        return stmt.subquery()

    def _state(
        self,
        session: Session,
        decl: DeclarationRecord,
        seq: int,
        *,
        paragraph_id: int | None = None,
    ) -> list[_Row]:
        """Every paragraph's latest version in a round up to ``seq``, in document order
        (or only that of ``paragraph_id``)."""
        latest = self._latest(session, decl.id, seq, paragraph_id)
        stmt = (
            select(*_ROW_COLUMNS)
            .join(latest, latest.c.pid == ParagraphRecord.id)
            .join(
                ParagraphVersionRecord,
                (ParagraphVersionRecord.paragraph_id == latest.c.pid)
                & (ParagraphVersionRecord.version_no == latest.c.vno),
            )
            .join(SectionRecord, SectionRecord.id == ParagraphVersionRecord.section_id)
            .order_by(ParagraphVersionRecord.position, ParagraphRecord.id)
        )
        if paragraph_id is not None:
            stmt = stmt.where(ParagraphRecord.id == paragraph_id)
        return [_Row(*values) for values in session.execute(stmt)]

    def _one(
        self, session: Session, decl: DeclarationRecord, rnd: RoundRecord, paragraph_id: int
    ) -> ParagraphView:
        """One paragraph's view at a round, with its place in the document (no full read)."""
        (row,) = self._state(session, decl, rnd.seq, paragraph_id=paragraph_id)
        latest = self._latest(session, decl.id, rnd.seq)
        before = session.scalar(
            select(func.count())
            .select_from(latest)
            .join(
                ParagraphVersionRecord,
                (ParagraphVersionRecord.paragraph_id == latest.c.pid)
                & (ParagraphVersionRecord.version_no == latest.c.vno),
            )
            .where(
                (ParagraphVersionRecord.position < row.position)
                | (
                    (ParagraphVersionRecord.position == row.position)
                    & (ParagraphVersionRecord.paragraph_id < row.pid)
                )
            )
        )
        return self._view(row, before or 0, rnd.name)

    @staticmethod
    def _section(session: Session, decl: DeclarationRecord, title: str) -> SectionRecord:
        sec = session.scalar(
            select(SectionRecord).where(
                SectionRecord.declaration_id == decl.id, SectionRecord.title == title
            )
        )
        if sec is None:
            sec = SectionRecord(declaration_id=decl.id, title=title)
            session.add(sec)
            session.flush()
        return sec

    @staticmethod
    def _view(row: _Row, position: int, round_name: str) -> ParagraphView:
        return ParagraphView(
            id=row.pid,
            uid=row.uid,
            label=row.label,
            kind=ParagraphKind(row.label[:2]),  # the label at this round says PP or OP
            section=row.section,
            position=position,
            text=row.text,
            status=Status(row.status),
            sponsor=row.sponsor,
            version_no=row.version_no,
            round_name=round_name,
            author=row.author,
            updated_at=aware(row.created_at),
        )

    @staticmethod
    def _round_info(rnd: RoundRecord, **counts: int) -> RoundInfo:
        return RoundInfo(
            id=rnd.id,
            seq=rnd.seq,
            name=rnd.name,
            status=RoundStatus(rnd.status),
            opened_at=aware(rnd.opened_at),
            opened_by=rnd.opened_by,
            frozen_at=aware(rnd.frozen_at) if rnd.frozen_at else None,
            frozen_by=rnd.frozen_by,
            **counts,
        )

    @staticmethod
    def _find_row(rows: Sequence[_Row], label: str) -> _Row:
        try:
            wanted = Label.parse(label)
        except ValueError as exc:
            raise NotFound(str(exc)) from None
        matches = [r for r in rows if Label.parse(r.label) == wanted]
        if not matches:
            raise NotFound(f"no paragraph {wanted} in this round")
        live = [r for r in matches if r.status != Status.DELETED.value]
        return (live or matches)[0]

    # ------------------------------------------------------------------ declarations
    def create_declaration(
        self,
        document: DraftDocument,
        *,
        slug: str,
        title: str | None = None,
        round_name: str = "First reading",
        freeze: bool = False,
    ) -> DeclarationInfo:
        """Store a draft as a new declaration whose first round holds it."""
        with self.db.write() as session:
            authorize(session, self.user, "declare")
            if session.scalar(select(DeclarationRecord).where(DeclarationRecord.slug == slug)):
                raise AlreadyExists(f"a declaration {slug!r} already exists")
            operative = [
                p.label.number for p in document.paragraphs if p.kind is ParagraphKind.OPERATIVE
            ]
            decl = DeclarationRecord(
                slug=slug,
                title=title or document.title or slug,
                preface=document.preface,
                first_number=min(operative) if operative else 1,
                number_preambular=False,
                created_at=now(),
            )
            session.add(decl)
            session.flush()
            rnd = RoundRecord(
                declaration_id=decl.id,
                seq=1,
                name=round_name,
                status=RoundStatus.OPEN.value,
                opened_at=now(),
                opened_by=self.user,
            )
            session.add(rnd)
            session.flush()
            for i, para in enumerate(document.paragraphs):
                self._new_paragraph(session, decl, rnd, para, (i + 1) * POSITION_STEP)
            if freeze:
                rnd.status, rnd.frozen_at, rnd.frozen_by = (
                    RoundStatus.FROZEN.value,
                    now(),
                    self.user,
                )
            return DeclarationInfo(
                decl.id,
                decl.slug,
                decl.title,
                decl.first_number,
                decl.number_preambular,
                1,
                len(document.paragraphs),
                decl.preface,
            )

    def _new_paragraph(
        self,
        session: Session,
        decl: DeclarationRecord,
        rnd: RoundRecord,
        para: DraftParagraph,
        position: float,
    ) -> ParagraphRecord:
        import uuid

        # The uid is derived from the new row's id (unique even for concurrent inserts).
        record = ParagraphRecord(
            declaration_id=decl.id,
            uid=f"new_{uuid.uuid4().hex}",
            kind=para.kind.value,
            head_version=1,
            created_at=now(),
        )
        session.add(record)
        session.flush()
        record.uid = f"para_{record.id}"
        session.add(
            ParagraphVersionRecord(
                paragraph_id=record.id,
                version_no=1,
                round_id=rnd.id,
                label=str(para.label),
                section_id=self._section(session, decl, para.section).id,
                position=position,
                text=para.text,
                status=para.status.value,
                sponsor=para.sponsor,
                author=self.user,
                created_at=now(),
                words=count_words(para.text),
            )
        )
        return record

    def declarations(self) -> list[DeclarationInfo]:
        with self.db.read() as session:
            out = []
            for d in session.scalars(select(DeclarationRecord).order_by(DeclarationRecord.id)):
                rounds = (
                    session.scalar(
                        select(func.count())
                        .select_from(RoundRecord)
                        .where(RoundRecord.declaration_id == d.id)
                    )
                    or 0
                )
                paras = (
                    session.scalar(
                        select(func.count())
                        .select_from(ParagraphRecord)
                        .where(ParagraphRecord.declaration_id == d.id)
                    )
                    or 0
                )
                out.append(
                    DeclarationInfo(
                        d.id,
                        d.slug,
                        d.title,
                        d.first_number,
                        d.number_preambular,
                        rounds,
                        paras,
                        d.preface,
                        aware(d.created_at),
                    )
                )
            return out

    def declaration(self, slug: str | None = None) -> DeclarationInfo:
        with self.db.read() as session:
            d = self._declaration(session, slug)
            rounds = len(self._rounds(session, d))
            paras = (
                session.scalar(
                    select(func.count())
                    .select_from(ParagraphRecord)
                    .where(ParagraphRecord.declaration_id == d.id)
                )
                or 0
            )
            return DeclarationInfo(
                d.id,
                d.slug,
                d.title,
                d.first_number,
                d.number_preambular,
                rounds,
                paras,
                d.preface,
                aware(d.created_at),
            )

    # ------------------------------------------------------------------ rounds
    def _replay(
        self, slug: str | None, *columns: Any
    ) -> Iterator[tuple[RoundRecord, dict[int, tuple[Any, ...]], set[int]]]:
        """Walk the rounds in order, keeping each paragraph's latest ``columns`` as of each round.

        Yields ``(round, state, changed)``: ``state`` maps paragraph id to its values at the end
        of that round, ``changed`` the paragraphs that got a version in it.  One query.
        """
        with self.db.read() as session:
            decl = self._declaration(session, slug)
            rounds = self._rounds(session, decl)
            rows = session.execute(
                select(ParagraphVersionRecord.paragraph_id, RoundRecord.seq, *columns)
                .join(RoundRecord, RoundRecord.id == ParagraphVersionRecord.round_id)
                .where(RoundRecord.declaration_id == decl.id)
                .order_by(RoundRecord.seq, ParagraphVersionRecord.version_no)
            ).all()
        state: dict[int, tuple[Any, ...]] = {}
        i = 0
        for rnd in rounds:
            changed: set[int] = set()
            while i < len(rows) and rows[i][1] == rnd.seq:
                state[rows[i][0]] = tuple(rows[i][2:])
                changed.add(rows[i][0])
                i += 1
            yield rnd, state, changed

    def rounds(self, slug: str | None = None) -> list[RoundInfo]:
        """Every round with its number of paragraphs (not deleted), words, and paragraphs changed."""
        out = []
        for rnd, state, changed in self._replay(
            slug, ParagraphVersionRecord.words, ParagraphVersionRecord.status
        ):
            live = [words for words, status in state.values() if status != Status.DELETED.value]
            out.append(
                self._round_info(rnd, paragraphs=len(live), words=sum(live), changed=len(changed))
            )
        return out

    def round_figures(self, slug: str | None = None) -> list[RoundFigures]:
        """Per round: paragraphs, words, statuses and bracketed spans of its text (one pass)."""
        out = []
        columns = (
            ParagraphVersionRecord.words,
            ParagraphVersionRecord.status,
            ParagraphVersionRecord.text,
        )
        for rnd, state, _changed in self._replay(slug, *columns):
            live = [
                (words, status, count_brackets(text))
                for words, status, text in state.values()
                if status != Status.DELETED.value
            ]
            by_status = {s: sum(1 for v in live if v[1] == s.value) for s in Status}
            out.append(
                RoundFigures(
                    rnd.name,
                    rnd.seq,
                    RoundStatus(rnd.status),
                    len(live),
                    sum(v[0] for v in live),
                    by_status[Status.PENDING],
                    by_status[Status.AGREED_AD_REF],
                    by_status[Status.AGREED],
                    sum(v[2] for v in live),
                    sum(1 for v in live if v[2]),
                )
            )
        return out

    def find_round(self, name: str | None = None, *, slug: str | None = None) -> RoundInfo:
        """A round by name (case-insensitive); ``None``, "current" or "latest" is the latest round.

        Raises:
            NotFound: naming the rounds there are.
        """
        with self.db.read() as session:
            decl = self._declaration(session, slug)
            return self._round_info(self._round(session, decl, name.strip() if name else None))

    def round_list(self, slug: str | None = None) -> list[RoundInfo]:
        """Every round, without the figures (cheap: no version is read)."""
        with self.db.read() as session:
            decl = self._declaration(session, slug)
            return [self._round_info(r) for r in self._rounds(session, decl)]

    def open_round(self, name: str, *, slug: str | None = None) -> RoundInfo:
        """Open the next round; the previous one must be frozen."""
        name = _round_name(name)
        with self.db.write() as session:
            authorize(session, self.user, "rounds")
            decl = self._declaration(session, slug)
            rounds = self._rounds(session, decl)
            if any(r.name.lower() == name.lower() for r in rounds):
                raise AlreadyExists(f"a round named {name!r} already exists")
            if rounds and rounds[-1].status == RoundStatus.OPEN.value:
                raise NegotiatorError(
                    f"round {rounds[-1].name!r} is still open; freeze it first: "
                    f"negotiator round freeze {rounds[-1].name!r}"
                )
            rnd = RoundRecord(
                declaration_id=decl.id,
                seq=(rounds[-1].seq + 1) if rounds else 1,
                name=name,
                status=RoundStatus.OPEN.value,
                opened_at=now(),
                opened_by=self.user,
            )
            session.add(rnd)
            session.flush()
            return self._round_info(rnd)

    def freeze_round(self, name: str | None = None, *, slug: str | None = None) -> RoundInfo:
        """Freeze the open round (``name`` must be it, when given).  A frozen round never changes."""
        with self.db.write() as session:
            authorize(session, self.user, "rounds")
            decl = self._declaration(session, slug)
            rnd = self._round(session, decl, name)
            stmt = select(RoundRecord).where(RoundRecord.id == rnd.id).with_for_update()
            rnd = session.execute(stmt.execution_options(populate_existing=True)).scalar_one()
            if rnd.status == RoundStatus.FROZEN.value:
                raise FrozenRoundError(f"round {rnd.name!r} is already frozen")
            rnd.status, rnd.frozen_at, rnd.frozen_by = RoundStatus.FROZEN.value, now(), self.user
            return self._round_info(rnd)

    # ------------------------------------------------------------------ paragraphs
    def paragraphs(
        self, *, slug: str | None = None, round_name: str | None = None
    ) -> list[ParagraphView]:
        """The text at a round (``None``/"current": the latest round, live if open)."""
        with self.db.read() as session:
            decl = self._declaration(session, slug)
            rnd = self._round(session, decl, round_name)
            return [
                self._view(row, i, rnd.name)
                for i, row in enumerate(self._state(session, decl, rnd.seq))
            ]

    def snapshots(
        self, *, slug: str | None = None, round_name: str | None = None
    ) -> list[ParagraphSnapshot]:
        """The text at a round as the diff engine's input."""
        return [
            ParagraphSnapshot(
                paragraph_id=p.id,
                uid=p.uid,
                label=p.label,
                kind=p.kind,
                section=p.section,
                position=p.position,
                text=p.text,
                status=p.status,
                sponsor=p.sponsor,
                version_no=p.version_no,
            )
            for p in self.paragraphs(slug=slug, round_name=round_name)
        ]

    def paragraph(
        self, label: str, *, slug: str | None = None, round_name: str | None = None
    ) -> ParagraphView:
        with self.db.read() as session:
            decl = self._declaration(session, slug)
            rnd = self._round(session, decl, round_name)
            rows = self._state(session, decl, rnd.seq)
            row = self._find_row(rows, label)
            return self._view(row, rows.index(row), rnd.name)

    def paragraph_declaration(self, paragraph_id: int) -> str:
        """The slug of the declaration a paragraph belongs to."""
        with self.db.read() as session:
            slug = session.scalar(
                select(DeclarationRecord.slug)
                .join(ParagraphRecord, ParagraphRecord.declaration_id == DeclarationRecord.id)
                .where(ParagraphRecord.id == paragraph_id)
            )
            if slug is None:
                raise NotFound(f"no paragraph with id {paragraph_id}")
            return slug

    def paragraph_by_id(self, paragraph_id: int, *, round_name: str | None = None) -> ParagraphView:
        """A paragraph by identity, as it stands at a round (default: the latest)."""
        with self.db.read() as session:
            para = session.get(ParagraphRecord, paragraph_id)
            if para is None:
                raise NotFound(f"no paragraph with id {paragraph_id}")
            decl = session.get(DeclarationRecord, para.declaration_id)
            assert decl is not None
            rnd = self._round(session, decl, round_name)
            if not self._state(session, decl, rnd.seq, paragraph_id=paragraph_id):
                raise NotFound(f"paragraph {para.uid} does not exist yet in round {rnd.name!r}")
            return self._one(session, decl, rnd, paragraph_id)

    def history(self, paragraph_id: int) -> list[VersionView]:
        """Every version of a paragraph, oldest first."""
        with self.db.read() as session:
            stmt = (
                select(ParagraphVersionRecord, RoundRecord.name, SectionRecord.title)
                .join(RoundRecord, RoundRecord.id == ParagraphVersionRecord.round_id)
                .join(SectionRecord, SectionRecord.id == ParagraphVersionRecord.section_id)
                .where(ParagraphVersionRecord.paragraph_id == paragraph_id)
                .order_by(ParagraphVersionRecord.version_no)
            )
            out = [
                VersionView(
                    v.version_no,
                    rname,
                    v.label,
                    title,
                    v.text,
                    Status(v.status),
                    v.sponsor,
                    v.author,
                    aware(v.created_at),
                )
                for v, rname, title in session.execute(stmt)
            ]
            if not out:
                raise NotFound(f"no paragraph with id {paragraph_id}")
            return out

    def save_paragraph(
        self,
        paragraph_id: int,
        *,
        base_version: int,
        text: str | None = None,
        status: Status | None = None,
        sponsor: str | None = _UNSET,
    ) -> ParagraphView:
        """Add a version to a paragraph in the open round.

        Args:
            paragraph_id: the paragraph's identity.
            base_version: the version the editor started from; if someone saved since, the
                save is refused with :class:`ConflictError` carrying both texts.
            text, status, sponsor: what changes (``None`` / unset keeps the current value;
                ``sponsor=None`` clears it).

        Raises:
            FrozenRoundError, ConflictError, InvalidText, NotFound.
        """
        with self.db.write() as session:
            decl, rnd = self._save(
                session,
                paragraph_id,
                base_version=base_version,
                text=text,
                status=status,
                sponsor=sponsor,
            )
            return self._one(session, decl, rnd, paragraph_id)

    def _save(
        self,
        session: Session,
        paragraph_id: int,
        *,
        base_version: int,
        text: str | None = None,
        status: Status | None = None,
        sponsor: str | None = _UNSET,
    ) -> tuple[DeclarationRecord, RoundRecord]:
        """:meth:`save_paragraph` inside the caller's transaction (a compromise uses it too)."""
        authorize(session, self.user, "edit")
        para = session.get(ParagraphRecord, paragraph_id)
        if para is None:
            raise NotFound(f"no paragraph with id {paragraph_id}")
        decl = session.get(DeclarationRecord, para.declaration_id)
        assert decl is not None
        rnd = self._open_round(session, decl, lock=True)
        (head,) = self._state(session, decl, rnd.seq, paragraph_id=para.id)
        new_text = normalise_space(text) if text is not None else head.text
        if head.head_version != base_version:
            raise ConflictError(
                head.label,
                base_version=base_version,
                current_version=head.head_version,
                mine=new_text,
                theirs=head.text,
                their_author=head.author,
            )
        if not new_text:
            raise InvalidText(
                f"{head.label}: the text is empty (to delete the paragraph, mark it deleted)"
            )
        _check_encodable(new_text, head.label)
        if new_text != head.text:
            self._check_brackets(session, decl, rnd, head, new_text)
        new_status = (status or Status(head.status)).value
        new_sponsor = head.sponsor if sponsor is _UNSET else (sponsor or None)
        changed = (new_text, new_status, new_sponsor) != (head.text, head.status, head.sponsor)
        if changed and Status.AGREED.value in (new_status, head.status):
            # setting, lifting or changing an agreed paragraph is the chair's call
            authorize(session, self.user, "agree")
        if head.status == Status.DELETED.value and new_status != head.status:
            wanted = Label.parse(head.label)
            for other in self._state(session, decl, rnd.seq):
                if (
                    other.pid != head.pid
                    and other.status != Status.DELETED.value
                    and Label.parse(other.label) == wanted
                ):
                    raise InvalidText(
                        f"{head.label} cannot be restored: another paragraph in the text is labelled "
                        f"{head.label} now (insert the text as a new paragraph instead)"
                    )
        if changed:
            self._add_version(
                session,
                head,
                rnd,
                base_version=base_version,
                text=new_text,
                status=new_status,
                sponsor=new_sponsor,
            )
        return decl, rnd

    def _check_brackets(
        self, session: Session, decl: DeclarationRecord, rnd: RoundRecord, head: _Row, text: str
    ) -> None:
        """Refuse ``text`` for ``head`` when it unbalances the brackets of the whole text.

        A bracket may open in one paragraph and close in a later one, so the check is over
        every paragraph in document order with ``text`` in place of the current one.  When the
        old and the new text each balance on their own nothing more is read.
        """
        if bracket_balance(text) == Balance() and bracket_balance(head.text) == Balance():
            return
        rows = self._state(session, decl, rnd.seq)
        index = next(i for i, r in enumerate(rows) if r.pid == head.pid)
        texts = [r.text for r in rows]
        before = check_sequence(texts)
        texts[index] = text
        after = check_sequence(texts)
        mine = [p for p in after if p.paragraph == index]
        if not mine and len(after) <= len(before):
            return
        if mine and len(after) == len(mine):
            places = "; ".join(f"{p.message} (character {p.column})" for p in mine[:5])
            raise InvalidText(f"{head.label}: unbalanced brackets: {places}")
        listed = "; ".join(f"{rows[p.paragraph].label}: {p.message}" for p in after[:5])
        raise InvalidText(
            f"{head.label}: this change unbalances the brackets of the whole text ({listed}); "
            "a bracket may open in one paragraph and close in a later one"
        )

    def _add_version(
        self,
        session: Session,
        head: _Row,
        rnd: RoundRecord,
        *,
        base_version: int,
        **changes: Any,
    ) -> None:
        """Append a version (copying ``head`` with ``changes``) under the optimistic lock."""
        new_no = base_version + 1
        result = session.execute(
            update(ParagraphRecord)
            .where(ParagraphRecord.id == head.pid, ParagraphRecord.head_version == base_version)
            .values(head_version=new_no)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            current = session.execute(
                select(ParagraphVersionRecord)
                .join(ParagraphRecord, ParagraphRecord.id == ParagraphVersionRecord.paragraph_id)
                .where(
                    ParagraphRecord.id == head.pid,
                    ParagraphVersionRecord.version_no == ParagraphRecord.head_version,
                )
            ).scalar_one_or_none()
            raise ConflictError(
                head.label,
                base_version=base_version,
                current_version=current.version_no if current else -1,
                mine=changes.get("text", head.text),
                theirs=current.text if current else "",
                their_author=current.author if current else "someone",
            )
        fields = {
            "label": head.label,
            "section_id": head.section_id,
            "position": head.position,
            "text": head.text,
            "status": head.status,
            "sponsor": head.sponsor,
        }
        fields.update(changes)
        session.add(
            ParagraphVersionRecord(
                paragraph_id=head.pid,
                version_no=new_no,
                round_id=rnd.id,
                author=self.user,
                created_at=now(),
                words=count_words(str(fields["text"])),
                **fields,
            )
        )
        session.flush()

    def insert_paragraph_after(
        self, paragraph_id: int, text: str, *, sponsor: str | None = None
    ) -> ParagraphView:
        """Insert a new paragraph after another, labelled with the next free bis/ter/..."""
        text = normalise_space(text)
        _check_encodable(text, "the new paragraph")
        report = parse_brackets(text)
        if not report.balanced:
            raise InvalidText(
                f"unbalanced brackets: {report.problems[0].message} (character {report.problems[0].column})"
            )
        if not text:
            raise InvalidText("a new paragraph needs text")
        with self.db.write() as session:
            decl, rnd, record = self._insert_after(session, paragraph_id, text, sponsor=sponsor)
            return self._one(session, decl, rnd, record.id)

    def _insert_after(
        self, session: Session, paragraph_id: int, text: str, *, sponsor: str | None = None
    ) -> tuple[DeclarationRecord, RoundRecord, ParagraphRecord]:
        """:meth:`insert_paragraph_after` inside the caller's transaction (text checked)."""
        para = session.get(ParagraphRecord, paragraph_id)
        if para is None:
            raise NotFound(f"no paragraph with id {paragraph_id}")
        authorize(session, self.user, "edit")
        decl = session.get(DeclarationRecord, para.declaration_id)
        assert decl is not None
        rnd = self._open_round(session, decl, lock=True)
        rows = self._state(session, decl, rnd.seq)
        index = next(i for i, r in enumerate(rows) if r.pid == para.id)
        ref = rows[index]
        base = Label.parse(ref.label)
        try:
            label = base.next_insertion(Label.parse(r.label) for r in rows)
        except ValueError as exc:
            raise InvalidText(str(exc)) from None
        # After the insertions already made after this paragraph (OP 5 bis, OP 5 ter...),
        # so that document order follows label order.
        while index + 1 < len(rows):
            nxt = Label.parse(rows[index + 1].label)
            if (nxt.kind_order, nxt.number) != (
                base.kind_order,
                base.number,
            ) or not base.suffix < nxt.suffix < label.suffix:
                break
            index += 1
        after = rows[index].position
        before = rows[index + 1].position if index + 1 < len(rows) else after + 2 * POSITION_STEP
        draft = DraftParagraph(label, rows[index].section, text, 0, Status.PENDING, sponsor)
        record = self._new_paragraph(session, decl, rnd, draft, (after + before) / 2)
        return decl, rnd, record

    # ------------------------------------------------------------------ round import
    def import_round(
        self, document: DraftDocument, *, name: str, slug: str | None = None, freeze: bool = False
    ) -> RoundImportReport:
        """Store a whole draft as the next round, continuing each paragraph it can match.

        One transaction: on any error nothing is written.
        """
        name = _round_name(name)
        with self.db.write() as session:
            authorize(session, self.user, "rounds")
            decl = self._declaration(session, slug)
            rounds = self._rounds(session, decl)
            if rounds and rounds[-1].status == RoundStatus.OPEN.value:
                raise NegotiatorError(
                    f"round {rounds[-1].name!r} is open; freeze it before importing the next "
                    f"round: negotiator round freeze {rounds[-1].name!r}"
                )
            if any(r.name.lower() == name.lower() for r in rounds):
                raise AlreadyExists(f"a round named {name!r} already exists")
            previous = self._state(session, decl, rounds[-1].seq) if rounds else []
            rnd = RoundRecord(
                declaration_id=decl.id,
                seq=(rounds[-1].seq + 1) if rounds else 1,
                name=name,
                status=RoundStatus.OPEN.value,
                opened_at=now(),
                opened_by=self.user,
            )
            session.add(rnd)
            session.flush()

            incoming = document.paragraphs
            matches = match_paragraphs(
                [
                    Candidate(r.pid, r.label, r.text, r.status == Status.DELETED.value)
                    for r in previous
                ],
                [Incoming(str(p.label), p.text) for p in incoming],
            )
            by_id = {r.pid: r for r in previous}
            positions = _positions([by_id[m].position if m is not None else None for m in matches])
            if positions is None:  # no room left between neighbours: renumber every position
                positions = [(i + 1) * POSITION_STEP for i in range(len(incoming))]
            counts = {"continued": 0, "reworded": 0, "moved": 0, "new": 0, "deleted": 0}
            for para, match, position in zip(incoming, matches, positions, strict=True):
                if match is None:
                    self._new_paragraph(session, decl, rnd, para, position)
                    counts["new"] += 1
                    continue
                v = by_id[match]
                changes = {
                    "text": para.text,
                    "label": str(para.label),
                    "position": position,
                    "section_id": self._section(session, decl, para.section).id,
                    "status": para.status.value,
                    "sponsor": para.sponsor,
                }
                if all(getattr(v, k) == val for k, val in changes.items()):
                    counts["continued"] += 1
                    continue
                if v.text != para.text:
                    counts["reworded"] += 1
                elif (
                    v.label != str(para.label)
                    or v.section_id != changes["section_id"]
                    or v.position != position
                ):
                    counts["moved"] += 1
                else:
                    counts["continued"] += 1
                self._add_version(session, v, rnd, base_version=v.head_version, **changes)
            matched = {m for m in matches if m is not None}
            for row in previous:
                if row.pid not in matched and row.status != Status.DELETED.value:
                    self._add_version(
                        session,
                        row,
                        rnd,
                        base_version=row.head_version,
                        status=Status.DELETED.value,
                    )
                    counts["deleted"] += 1
            if freeze:
                rnd.status, rnd.frozen_at, rnd.frozen_by = (
                    RoundStatus.FROZEN.value,
                    now(),
                    self.user,
                )
            live = [p for p in incoming if p.status is not Status.DELETED]
            info = self._round_info(
                rnd,
                paragraphs=len(live),
                words=sum(count_words(p.text) for p in live),
                changed=len(incoming) - counts["continued"] + counts["deleted"],
            )
            return RoundImportReport(
                info,
                counts["continued"],
                counts["reworded"],
                counts["moved"],
                counts["new"],
                counts["deleted"],
            )


def _round_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise NegotiatorError("a round needs a name, e.g. 'Rev.1'")
    if name.lower() in ("current", "latest"):
        raise NegotiatorError(
            f"{name!r} is reserved (it means the latest round); choose another name, e.g. 'Rev.2'"
        )
    return name


def _check_encodable(text: str, where: str) -> None:
    """Refuse text that cannot be stored as UTF-8 (e.g. lone surrogates from undecodable input)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidText(
            f"{where}: the text holds a character that is not valid Unicode at position {exc.start + 1}"
        ) from None


def _positions(old: Sequence[float | None]) -> list[float] | None:
    """Positions for a new order: keep the longest run of old positions still in order.

    Paragraphs off that run (moved ones) and new ones get positions spread between their
    kept neighbours, so a round that moves k paragraphs rewrites O(k) rows.  Returns None
    when the gap between two kept neighbours is too small to split.
    """
    present = [i for i, p in enumerate(old) if p is not None]
    keep = {
        present[k] for k in longest_increasing_subsequence([old[i] for i in present], strict=False)
    }  # type: ignore[misc]
    out: list[float | None] = [old[i] if i in keep else None for i in range(len(old))]
    i = 0
    n = len(out)
    while i < n:
        if out[i] is not None:
            i += 1
            continue
        j = i
        while j < n and out[j] is None:
            j += 1
        low = out[i - 1] if i > 0 else None
        high = out[j] if j < n else None
        count = j - i
        if low is None and high is None:
            low, high = 0.0, (count + 1) * POSITION_STEP
        elif low is None:
            assert high is not None
            low = high - (count + 1) * POSITION_STEP
        elif high is None:
            high = low + (count + 1) * POSITION_STEP
        step = (high - low) / (count + 1)
        if step < 1e-6:
            return None
        for k in range(count):
            out[i + k] = low + step * (k + 1)
        i = j
    return [p for p in out if p is not None] if all(p is not None for p in out) else None

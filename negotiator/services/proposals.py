"""Provides proposals by delegations and the chair's decisions on them.

* The team keeps a list of **delegations** (member States) and **groups** (G77 and China, EU,
  African Group...); a proposal names delegations from that list.
* **Drafters** (and chairs) table proposals for delegations in the open round: amend, delete,
  retain or add-after, against the version of the paragraph they read; they may withdraw them.
* **Chairs** accept a proposal (its text becomes the paragraph's new version), reject it, or
  save a new version of the paragraph as a **compromise** of chosen proposals: those become
  accepted (the compromise is exactly their text) or partly taken, and the other proposals on
  the paragraph stay open but become stale (the paragraph changed since their base).

Every public method is one transaction and returns frozen dataclasses of
:mod:`negotiator.domain.proposals`.  The audit trail reads the stamps kept on the records.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, aliased

from negotiator.domain.brackets import parse_brackets
from negotiator.domain.model import Status
from negotiator.domain.proposals import (
    KNOWN_GROUPS,
    Delegation,
    DelegationKind,
    Proposal,
    ProposalKind,
    ProposalStatus,
    attribution,
    outcome_of,
)
from negotiator.domain.text import normalise_space
from negotiator.services.drafting import _UNSET, DraftingService, aware, default_user, now
from negotiator.services.errors import (
    AlreadyExists,
    InvalidText,
    NegotiatorError,
    NotFound,
)
from negotiator.services.users import authorize
from negotiator.services.views import ParagraphView
from negotiator.storage.db import Database
from negotiator.storage.records import (
    DeclarationRecord,
    DelegationGroupRecord,
    DelegationRecord,
    ParagraphRecord,
    ParagraphVersionRecord,
    ProposalDelegationRecord,
    ProposalRecord,
    RoundRecord,
)

MAX_NAME = 200


class ProposalError(NegotiatorError):
    """A proposal cannot be tabled or decided as asked (the message says why and what to do)."""


@dataclass(frozen=True)
class CompromiseResult:
    paragraph: ParagraphView
    taken: tuple[Proposal, ...]  # the proposals it took in (accepted or partly taken)
    stale: tuple[Proposal, ...]  # the other open proposals on the paragraph, now stale


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ProposalError("a delegation needs a name")
    if len(name) > MAX_NAME:
        raise ProposalError(f"a delegation's name is at most {MAX_NAME} characters")
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise ProposalError("the delegation's name is not valid Unicode text") from None
    return name


class ProposalsService:
    """Delegations, proposals and the chair's decisions, for one user."""

    def __init__(self, db: Database, *, user: str | None = None) -> None:
        self.db = db
        self.user = user or default_user()
        self.drafting = DraftingService(db, user=self.user)

    # ------------------------------------------------------------------ delegations
    def add_delegation(
        self, name: str, *, group: bool | None = None, member_of: Iterable[str] = ()
    ) -> Delegation:
        """Add a delegation (or, ``group=True``, a group) to the team's list.

        ``group=None`` marks the well-known groups (G77 and China, EU, ...) as groups.
        """
        name = _clean_name(name)
        is_group = group if group is not None else name.lower() in {g.lower() for g in KNOWN_GROUPS}
        with self.db.write() as session:
            authorize(session, self.user, "delegations")
            existing = self._find_delegations(session, [name], strict=False)
            if existing:
                raise AlreadyExists(f"delegation {existing[0].name!r} is already on the list")
            record = DelegationRecord(
                name=name,
                kind=(DelegationKind.GROUP if is_group else DelegationKind.DELEGATION).value,
                created_at=now(),
                created_by=self.user,
            )
            session.add(record)
            session.flush()
            groups = self._find_delegations(session, list(member_of))
            for g in groups:
                if g.kind != DelegationKind.GROUP.value:
                    raise ProposalError(
                        f"{g.name} is a delegation, not a group; add groups with: "
                        f"negotiator delegation add {g.name!r} --group"
                    )
                session.add(DelegationGroupRecord(delegation_id=record.id, group_id=g.id))
            return Delegation(
                record.name, DelegationKind(record.kind), tuple(g.name for g in groups)
            )

    def delegations(self) -> list[Delegation]:
        """The list, groups first, then delegations, each by name."""
        with self.db.read() as session:
            records = list(session.scalars(select(DelegationRecord)))
            names = {r.id: r.name for r in records}
            groups: dict[int, list[str]] = defaultdict(list)
            for member, group in session.execute(
                select(DelegationGroupRecord.delegation_id, DelegationGroupRecord.group_id)
            ):
                groups[member].append(names[group])
        return sorted(
            (
                Delegation(r.name, DelegationKind(r.kind), tuple(sorted(groups[r.id])))
                for r in records
            ),
            key=lambda d: (d.kind is not DelegationKind.GROUP, d.name.lower()),
        )

    @staticmethod
    def _find_delegations(
        session: Session, names: Sequence[str], *, strict: bool = True, create_as: str = ""
    ) -> list[DelegationRecord]:
        """The records of ``names`` (case-insensitive), in order.

        Unknown names are refused with the closest known ones, unless ``create_as`` names the
        user adding them (a round import brings its delegations with it).
        """
        known = {r.name.lower(): r for r in session.scalars(select(DelegationRecord))}
        out: list[DelegationRecord] = []
        for raw in names:
            name = _clean_name(raw)
            record = known.get(name.lower())
            if record is None and create_as:
                record = DelegationRecord(
                    name=name,
                    kind=(
                        DelegationKind.GROUP
                        if name.lower() in {g.lower() for g in KNOWN_GROUPS}
                        else DelegationKind.DELEGATION
                    ).value,
                    created_at=now(),
                    created_by=create_as,
                )
                session.add(record)
                session.flush()
                known[name.lower()] = record
            if record is None:
                if not strict:
                    continue
                close = (
                    difflib.get_close_matches(name.lower(), list(known), n=3, cutoff=0.6)
                    or [k for k in known if name.lower() in k][:3]
                )
                hint = (
                    f" (did you mean: {', '.join(known[c].name for c in close)}?)" if close else ""
                )
                raise NotFound(
                    f"no delegation {name!r} on the team's list{hint}; add it with: "
                    f"negotiator delegation add {name!r}"
                )
            out.append(record)
        return out

    # ------------------------------------------------------------------ reading
    def _read(
        self, session: Session, *conditions: Any, decl_id: int | None = None
    ) -> list[Proposal]:
        head = aliased(ParagraphVersionRecord)
        base = aliased(ParagraphVersionRecord)
        stmt = (
            select(
                ProposalRecord,
                RoundRecord.name,
                ParagraphRecord.uid,
                ParagraphRecord.head_version,
                head.label,
                head.text,
                head.status,
                base.text,
                base.status,
            )
            .join(RoundRecord, RoundRecord.id == ProposalRecord.round_id)
            .join(ParagraphRecord, ParagraphRecord.id == ProposalRecord.paragraph_id)
            .join(
                head,
                (head.paragraph_id == ParagraphRecord.id)
                & (head.version_no == ParagraphRecord.head_version),
            )
            .outerjoin(
                base,
                (base.paragraph_id == ProposalRecord.paragraph_id)
                & (base.version_no == ProposalRecord.base_version),
            )
            .where(*conditions)
            .order_by(head.position, ProposalRecord.paragraph_id, ProposalRecord.id)
        )
        if decl_id is not None:
            stmt = stmt.where(ParagraphRecord.declaration_id == decl_id)
        rows = session.execute(stmt).all()
        if not rows:
            return []
        ids = [r[0].id for r in rows]
        names: dict[int, list[str]] = defaultdict(list)
        by = (
            select(ProposalDelegationRecord.proposal_id, DelegationRecord.name)
            .join(DelegationRecord, DelegationRecord.id == ProposalDelegationRecord.delegation_id)
            .order_by(ProposalDelegationRecord.proposal_id, ProposalDelegationRecord.position)
        )
        if len(ids) <= 500:
            by = by.where(ProposalDelegationRecord.proposal_id.in_(ids))
        for pid, name in session.execute(by):
            names[pid].append(name)
        out = []
        for rec, rname, uid, head_no, label, text, hstatus, btext, bstatus in rows:
            status = ProposalStatus(rec.status)
            stale = (
                status is ProposalStatus.OPEN
                and head_no != rec.base_version
                and ((btext or "") != text or bstatus != hstatus)
            )
            out.append(
                Proposal(
                    id=rec.id,
                    paragraph_id=rec.paragraph_id,
                    uid=uid,
                    label=label,
                    round_name=rname,
                    base_version=rec.base_version,
                    delegations=tuple(names[rec.id]),
                    kind=ProposalKind(rec.kind),
                    text=rec.text,
                    note=rec.note,
                    status=status,
                    stale=stale,
                    base_text=btext or "",
                    current_text=text,
                    current_version=head_no,
                    created_by=rec.created_by,
                    created_at=aware(rec.created_at),
                    decided_by=rec.decided_by,
                    decided_at=aware(rec.decided_at) if rec.decided_at else None,
                    taken_in_version=rec.taken_in_version,
                    new_paragraph_id=rec.new_paragraph_id,
                )
            )
        return out

    def proposals(
        self,
        label: str | None = None,
        *,
        paragraph_id: int | None = None,
        status: ProposalStatus | str | None = None,
        delegation: str | None = None,
        slug: str | None = None,
    ) -> list[Proposal]:
        """The proposals of the declaration (or of one paragraph), in document order."""
        if label:
            paragraph_id = self.drafting.paragraph(label, slug=slug).id
        conditions: list[Any] = []
        if paragraph_id is not None:
            conditions.append(ProposalRecord.paragraph_id == paragraph_id)
        if status is not None:
            try:
                wanted = ProposalStatus.parse(status) if isinstance(status, str) else status
            except ValueError as exc:
                raise ProposalError(str(exc)) from None
            conditions.append(ProposalRecord.status == wanted.value)
        with self.db.read() as session:
            decl = self.drafting._declaration(session, slug) if paragraph_id is None else None
            out = self._read(session, *conditions, decl_id=decl.id if decl else None)
        if delegation:
            key = delegation.lower()
            out = [p for p in out if key in (d.lower() for d in p.delegations)]
        return out

    def proposal(self, proposal_id: int) -> Proposal:
        with self.db.read() as session:
            found = self._read(session, ProposalRecord.id == proposal_id)
        if not found:
            raise NotFound(f"no proposal #{proposal_id}")
        return found[0]

    def open_counts(self, *, slug: str | None = None) -> dict[int, int]:
        """Open proposals per paragraph id (one cheap query: the paragraph list shows them)."""
        with self.db.read() as session:
            decl = self.drafting._declaration(session, slug)
            rows = session.execute(
                select(ProposalRecord.paragraph_id, func.count())
                .join(ParagraphRecord, ParagraphRecord.id == ProposalRecord.paragraph_id)
                .where(
                    ParagraphRecord.declaration_id == decl.id,
                    ProposalRecord.status == ProposalStatus.OPEN.value,
                )
                .group_by(ProposalRecord.paragraph_id)
            ).all()
        return {pid: n for pid, n in rows}

    def open_by_delegation(self, *, slug: str | None = None) -> dict[str, int]:
        """Open proposals per delegation (proposer or joining), most first."""
        counts: Counter[str] = Counter()
        for p in self.proposals(status=ProposalStatus.OPEN, slug=slug):
            counts.update(set(p.delegations))
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].lower())))

    def open_at_round(
        self, round_name: str | None = None, *, slug: str | None = None
    ) -> dict[str, list[Proposal]]:
        """By paragraph uid, the proposals open at a round: tabled in it or before, and not
        decided before it was frozen (the live round: open now).  What a compilation lists."""
        with self.db.read() as session:
            decl = self.drafting._declaration(session, slug)
            rnd = self.drafting._round(session, decl, round_name)
            conditions: list[Any] = [RoundRecord.seq <= rnd.seq]
            if rnd.frozen_at is None:
                conditions.append(ProposalRecord.status == ProposalStatus.OPEN.value)
            else:
                conditions.append(
                    (ProposalRecord.status == ProposalStatus.OPEN.value)
                    | (ProposalRecord.decided_at > rnd.frozen_at)
                )
            found = self._read(session, *conditions, decl_id=decl.id)
        out: dict[str, list[Proposal]] = defaultdict(list)
        for p in found:
            out[p.uid].append(p)
        return dict(out)

    def taken_in(
        self, round_a: str | None, round_b: str | None, *, slug: str | None = None
    ) -> dict[int, list[Proposal]]:
        """By paragraph id, the proposals taken in by versions saved after round A up to B."""
        with self.db.read() as session:
            decl = self.drafting._declaration(session, slug)
            rounds = self.drafting._rounds(session, decl)
            b = self.drafting._round(session, decl, round_b)
            a_seq = self.drafting._round(session, decl, round_a).seq if round_a else 0
            version_rounds = {r.id: r.seq for r in rounds}
            taken = self._read(
                session,
                ProposalRecord.taken_in_version.is_not(None),
                decl_id=decl.id,
            )
            if not taken:
                return {}
            pids = {p.paragraph_id for p in taken} | {
                p.new_paragraph_id for p in taken if p.new_paragraph_id
            }
            where = {
                (pid, no): rid
                for pid, no, rid in session.execute(
                    select(
                        ParagraphVersionRecord.paragraph_id,
                        ParagraphVersionRecord.version_no,
                        ParagraphVersionRecord.round_id,
                    ).where(ParagraphVersionRecord.paragraph_id.in_(pids))
                )
            }
        out: dict[int, list[Proposal]] = defaultdict(list)
        for p in taken:
            target = p.new_paragraph_id or p.paragraph_id
            version = 1 if p.new_paragraph_id else p.taken_in_version
            rid = where.get((target, version or 0))
            if rid is not None and a_seq < version_rounds.get(rid, 0) <= b.seq:
                out[target].append(p)
        return dict(out)

    # ------------------------------------------------------------------ tabling
    def table(
        self,
        paragraph_id: int,
        *,
        delegations: Sequence[str],
        kind: ProposalKind | str,
        text: str | None = None,
        note: str | None = None,
        base_version: int | None = None,
    ) -> Proposal:
        """Table a proposal in the open round (drafters and chairs).

        Args:
            delegations: the proposer first, then those joining; names from the team's list.
            kind: amend and add-after need ``text``; delete and retain take none.
            base_version: the version the proposal was written against (default: the latest).

        Raises:
            NotFound: no such paragraph or delegation.  ProposalError, InvalidText: bad input.
            FrozenRoundError: no round is open.
        """
        try:
            kind = ProposalKind.parse(kind) if isinstance(kind, str) else kind
        except ValueError as exc:
            raise ProposalError(str(exc)) from None
        text = _check_text(kind, text)
        note = " ".join(note.split()) if note and note.strip() else None
        if not delegations:
            raise ProposalError("a proposal is made by at least one delegation (--by NAME)")
        with self.db.write() as session:
            authorize(session, self.user, "propose")
            return self._table(
                session,
                paragraph_id,
                delegations=delegations,
                kind=kind,
                text=text,
                note=note,
                base_version=base_version,
            )

    def _table(
        self,
        session: Session,
        paragraph_id: int,
        *,
        delegations: Sequence[str],
        kind: ProposalKind,
        text: str | None,
        note: str | None,
        base_version: int | None,
        create_delegations: bool = False,
        round_record: RoundRecord | None = None,
    ) -> Proposal:
        para = session.get(ParagraphRecord, paragraph_id)
        if para is None:
            raise NotFound(f"no paragraph with id {paragraph_id}")
        decl = session.get(DeclarationRecord, para.declaration_id)
        assert decl is not None
        rnd = round_record or self.drafting._open_round(session, decl, lock=True)
        records = self._find_delegations(
            session, delegations, create_as=self.user if create_delegations else ""
        )
        seen: set[int] = set()
        for r in records:
            if r.id in seen:
                raise ProposalError(f"{r.name} is named twice in the proposal")
            seen.add(r.id)
        head_no = session.scalar(
            select(ParagraphRecord.head_version).where(ParagraphRecord.id == para.id)
        )
        assert head_no is not None
        base = head_no if base_version is None else base_version
        if not 1 <= base <= head_no:
            raise ProposalError(
                f"base version {base} does not exist (the paragraph has versions 1 to {head_no})"
            )
        record = ProposalRecord(
            paragraph_id=para.id,
            round_id=rnd.id,
            base_version=base,
            kind=kind.value,
            text=text,
            note=note,
            status=ProposalStatus.OPEN.value,
            created_by=self.user,
            created_at=now(),
        )
        session.add(record)
        session.flush()
        for i, r in enumerate(records):
            session.add(
                ProposalDelegationRecord(proposal_id=record.id, position=i, delegation_id=r.id)
            )
        session.flush()
        return self._read(session, ProposalRecord.id == record.id)[0]

    def table_by_label(self, label: str, *, slug: str | None = None, **kwargs: Any) -> Proposal:
        """:meth:`table` on the paragraph labelled ``label`` in the latest round."""
        return self.table(self.drafting.paragraph(label, slug=slug).id, **kwargs)

    # ------------------------------------------------------------------ decisions
    def _decide(
        self,
        session: Session,
        proposal: Proposal,
        status: ProposalStatus,
        *,
        taken_in_version: int | None = None,
        new_paragraph_id: int | None = None,
    ) -> None:
        """Move an open proposal to ``status`` (refused if someone decided it meanwhile)."""
        result = session.execute(
            update(ProposalRecord)
            .where(
                ProposalRecord.id == proposal.id,
                ProposalRecord.status == ProposalStatus.OPEN.value,
            )
            .values(
                status=status.value,
                decided_by=self.user,
                decided_at=now(),
                taken_in_version=taken_in_version,
                new_paragraph_id=new_paragraph_id,
            )
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            current = session.scalar(
                select(ProposalRecord.status).where(ProposalRecord.id == proposal.id)
            )
            raise ProposalError(f"proposal #{proposal.id} is {current} already; nothing changed")

    def _open_proposal(self, session: Session, proposal_id: int) -> Proposal:
        found = self._read(session, ProposalRecord.id == proposal_id)
        if not found:
            raise NotFound(f"no proposal #{proposal_id}")
        proposal = found[0]
        if proposal.status is not ProposalStatus.OPEN:
            raise ProposalError(
                f"proposal #{proposal_id} is {proposal.status.value}; only open proposals "
                "can be accepted, rejected, withdrawn or taken in"
            )
        return proposal

    def accept(self, proposal_id: int) -> Proposal:
        """Take a proposal into the text as it is (chairs).

        amend: its text becomes the paragraph's new version; delete: the paragraph is marked
        deleted; retain: the text stays; add-after: a new paragraph (bis, ter...) is inserted.
        A stale amend or delete is refused: the paragraph changed since it was written, so a
        compromise has to say what to keep (``paragraph set LABEL --compromise-of ID``).
        """
        with self.db.write() as session:
            authorize(session, self.user, "decide")
            p = self._open_proposal(session, proposal_id)
            if p.stale and p.kind in (ProposalKind.AMEND, ProposalKind.DELETE):
                raise ProposalError(
                    f"proposal #{p.id} is stale: {p.label} changed since version "
                    f"{p.base_version} it was written against (now version "
                    f"{p.current_version}); accepting it would drop that change. Write a "
                    f"compromise instead: negotiator paragraph set '{p.label}' --text ... "
                    f"--compromise-of {p.id}"
                )
            taken, new_pid = p.current_version, None
            if p.kind is ProposalKind.AMEND:
                assert p.text is not None
                self.drafting._save(
                    session, p.paragraph_id, base_version=p.current_version, text=p.text
                )
                taken = self._head(session, p.paragraph_id)
            elif p.kind is ProposalKind.DELETE:
                self.drafting._save(
                    session,
                    p.paragraph_id,
                    base_version=p.current_version,
                    status=Status.DELETED,
                )
                taken = self._head(session, p.paragraph_id)
            elif p.kind is ProposalKind.ADD_AFTER:
                assert p.text is not None
                _decl, _rnd, record = self.drafting._insert_after(
                    session, p.paragraph_id, p.text, sponsor=p.proposer
                )
                taken, new_pid = 1, record.id
            self._decide(
                session,
                p,
                ProposalStatus.ACCEPTED,
                taken_in_version=taken,
                new_paragraph_id=new_pid,
            )
            return self._read(session, ProposalRecord.id == p.id)[0]

    @staticmethod
    def _head(session: Session, paragraph_id: int) -> int:
        head = session.scalar(
            select(ParagraphRecord.head_version).where(ParagraphRecord.id == paragraph_id)
        )
        assert head is not None
        return head

    def reject(self, proposal_id: int) -> Proposal:
        """Reject an open proposal (chairs)."""
        with self.db.write() as session:
            authorize(session, self.user, "decide")
            p = self._open_proposal(session, proposal_id)
            self._decide(session, p, ProposalStatus.REJECTED)
            return self._read(session, ProposalRecord.id == p.id)[0]

    def withdraw(self, proposal_id: int) -> Proposal:
        """Withdraw an open proposal (the delegation's drafters, or chairs)."""
        with self.db.write() as session:
            authorize(session, self.user, "propose")
            p = self._open_proposal(session, proposal_id)
            self._decide(session, p, ProposalStatus.WITHDRAWN)
            return self._read(session, ProposalRecord.id == p.id)[0]

    def compromise(
        self,
        paragraph_id: int,
        proposal_ids: Sequence[int],
        *,
        base_version: int,
        text: str | None = None,
        status: Status | None = None,
        sponsor: str | None = _UNSET,
    ) -> CompromiseResult:
        """Save a new version of a paragraph as a compromise of chosen proposals (chairs).

        One transaction: the version is saved (optimistic lock on ``base_version``, as any
        save) and each chosen proposal becomes accepted (the compromise is exactly what it
        asked) or partly taken.  The other open proposals on the paragraph stay open; they
        are stale now.  A proposal decided meanwhile refuses the whole compromise.
        """
        ids = list(dict.fromkeys(proposal_ids))
        if not ids:
            raise ProposalError("a compromise names the proposals it takes in (--compromise-of)")
        with self.db.write() as session:
            authorize(session, self.user, "decide")
            chosen = [self._open_proposal(session, pid) for pid in ids]
            for p in chosen:
                if p.paragraph_id != paragraph_id:
                    raise ProposalError(
                        f"proposal #{p.id} is on {p.label}, not on the paragraph being saved"
                    )
                if p.kind is ProposalKind.ADD_AFTER:
                    raise ProposalError(
                        f"proposal #{p.id} proposes a new paragraph after {p.label}: accept it "
                        f"(negotiator proposal accept {p.id}), or insert a paragraph of your own "
                        "and reject it"
                    )
            decl, rnd = self.drafting._save(
                session,
                paragraph_id,
                base_version=base_version,
                text=text,
                status=status,
                sponsor=sponsor,
            )
            head = self._head(session, paragraph_id)
            view = self.drafting._one(session, decl, rnd, paragraph_id)
            for p in chosen:
                outcome = outcome_of(
                    p.kind,
                    p.text,
                    compromise_text=view.text,
                    base_text=p.base_text,
                    deleted=view.status is Status.DELETED,
                )
                self._decide(session, p, outcome, taken_in_version=head)
            after = self._read(session, ProposalRecord.paragraph_id == paragraph_id)
        taken = tuple(p for p in after if p.id in ids)
        stale = tuple(p for p in after if p.status is ProposalStatus.OPEN and p.stale)
        return CompromiseResult(view, taken, stale)

    # ------------------------------------------------------------------ import / audit
    def table_from_draft(
        self,
        session: Session,
        rnd: RoundRecord,
        proposals: Iterable[tuple[int, Any]],
    ) -> int:
        """Inside a round import: table the proposals a draft lists under its paragraphs.

        ``proposals`` pairs a paragraph id with a
        :class:`~negotiator.domain.draftfile.DraftProposal`.
        One already open on the paragraph with the same delegations, kind and text is kept
        (so re-importing an exported compilation adds nothing).  Unknown delegations are added
        to the list.  Returns how many were tabled.
        """
        tabled = 0
        existing: dict[int, set[tuple[Any, ...]]] = {}
        for pid, draft in proposals:
            if pid not in existing:
                existing[pid] = {
                    (tuple(d.lower() for d in p.delegations), p.kind, p.text)
                    for p in self._read(
                        session,
                        ProposalRecord.paragraph_id == pid,
                        ProposalRecord.status == ProposalStatus.OPEN.value,
                    )
                }
            text = _check_text(draft.kind, draft.text)
            key = (tuple(d.lower() for d in draft.delegations), draft.kind, text)
            if key in existing[pid]:
                continue
            self._table(
                session,
                pid,
                delegations=draft.delegations,
                kind=draft.kind,
                text=text,
                note=draft.note,
                base_version=None,
                create_delegations=True,
                round_record=rnd,
            )
            existing[pid].add(key)
            tabled += 1
        return tabled


def _check_text(kind: ProposalKind, text: str | None) -> str | None:
    if kind in (ProposalKind.DELETE, ProposalKind.RETAIN):
        if text is not None and text.strip():
            raise ProposalError(
                f"a {kind.value} proposal takes no text (to propose a new text, amend)"
            )
        return None
    text = normalise_space(text or "")
    if not text:
        raise ProposalError(
            f"an {kind.value} proposal needs its text (--text T or --text-file F)"
            if kind is ProposalKind.AMEND
            else "an add-after proposal needs the new paragraph's text (--text T)"
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidText(
            f"the proposal holds a character that is not valid Unicode at position {exc.start + 1}"
        ) from None
    report = parse_brackets(text)
    if not report.balanced:
        problem = report.problems[0]
        raise InvalidText(
            f"the proposal's text has unbalanced brackets: {problem.message} "
            f"(character {problem.column})"
        )
    return text


def audit_entries(session: Session, decl_id: int, paragraph_id: int | None) -> list[Any]:
    """The proposals' part of the audit trail (tabled, and each decision), as ``LogEntry``s."""
    from negotiator.services.audit import LogEntry

    service = ProposalsService.__new__(ProposalsService)
    conditions: list[Any] = []
    if paragraph_id is not None:
        conditions.append(ProposalRecord.paragraph_id == paragraph_id)
    found = ProposalsService._read(service, session, *conditions, decl_id=decl_id)
    together: dict[tuple[int, int], list[int]] = defaultdict(list)
    for p in found:
        if p.taken_in_version is not None and not p.new_paragraph_id:
            together[(p.paragraph_id, p.taken_in_version)].append(p.id)
    out = []
    for p in found:
        target = f"{p.label} ({p.uid})"
        out.append(
            LogEntry(
                p.created_at,
                p.created_by,
                "proposal tabled",
                target,
                f"#{p.id} {p.line}" + (f" ({p.note})" if p.note else ""),
                p.round_name,
                p.paragraph_id,
            )
        )
        if p.decided_at is None:
            continue
        detail = f"#{p.id} {attribution(p.delegations)}"
        ids = together.get((p.paragraph_id, p.taken_in_version or 0), [])
        if p.new_paragraph_id:
            detail += " (inserted as a new paragraph)"
        elif len(ids) > 1 or (ids and p.status is ProposalStatus.PARTLY_TAKEN):
            detail += f" in version {p.taken_in_version}, a compromise of " + ", ".join(
                f"#{i}" for i in ids
            )
        elif p.taken_in_version is not None:
            detail += f" in version {p.taken_in_version}"
        out.append(
            LogEntry(
                p.decided_at,
                p.decided_by or "?",
                f"proposal {p.status.value}",
                target,
                detail,
                None,
                p.paragraph_id,
            )
        )
    if paragraph_id is None:
        for d in session.scalars(select(DelegationRecord)):
            out.append(
                LogEntry(aware(d.created_at), d.created_by, "delegation added", d.name, d.kind)
            )
    return out

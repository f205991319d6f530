"""Provides the ORM records.  Names end in ``Record`` so they never collide with domain objects.

Storage is O(k) per round: a round stores only the versions of the paragraphs that changed in
it.  The text of a paragraph at round R is its latest version in a round up to R.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from negotiator.storage.base import Base


class DeclarationRecord(Base):
    __tablename__ = "declarations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(Text)
    preface: Mapped[str] = mapped_column(Text, default="")
    first_number: Mapped[int] = mapped_column(Integer, default=1)
    number_preambular: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SectionRecord(Base):
    __tablename__ = "sections"
    __table_args__ = (UniqueConstraint("declaration_id", "title"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("declarations.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(Text)


class RoundRecord(Base):
    __tablename__ = "rounds"
    __table_args__ = (
        UniqueConstraint("declaration_id", "seq"),
        UniqueConstraint("declaration_id", "name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("declarations.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))  # open | frozen
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    opened_by: Mapped[str] = mapped_column(String(200))
    frozen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    frozen_by: Mapped[str | None] = mapped_column(String(200), nullable=True)


class ParagraphRecord(Base):
    """A paragraph's identity.  ``head_version`` is the optimistic-lock counter."""

    __tablename__ = "paragraphs"
    __table_args__ = (UniqueConstraint("declaration_id", "uid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("declarations.id", ondelete="CASCADE"))
    uid: Mapped[str] = mapped_column(String(50))
    kind: Mapped[str] = mapped_column(String(2))  # PP | OP
    head_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ParagraphVersionRecord(Base):
    __tablename__ = "paragraph_versions"
    __table_args__ = (
        UniqueConstraint("paragraph_id", "version_no"),
        Index("ix_paragraph_versions_round_id", "round_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    paragraph_id: Mapped[int] = mapped_column(ForeignKey("paragraphs.id", ondelete="CASCADE"))
    version_no: Mapped[int] = mapped_column(Integer)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    label: Mapped[str] = mapped_column(String(50))
    section_id: Mapped[int] = mapped_column(ForeignKey("sections.id"))
    position: Mapped[float] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    words: Mapped[int] = mapped_column(Integer)  # word count of text, kept for round figures
    status: Mapped[str] = mapped_column(String(20))
    sponsor: Mapped[str | None] = mapped_column(String(200), nullable=True)
    author: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class SourceDocumentRecord(Base):
    """An imported document (a discussion guide, a mapping of recommendations, ...)."""

    __tablename__ = "source_documents"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(
        String(30)
    )  # guide | recommendations | background | summaries
    key: Mapped[str] = mapped_column(String(300))  # identifies the document across editions
    title: Mapped[str] = mapped_column(Text)
    filename: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    imported_by: Mapped[str] = mapped_column(String(200))


class SourceRecord(Base):
    """A linkable item: a recommendation, a discussion question, a piece of evidence."""

    __tablename__ = "sources"
    __table_args__ = (UniqueConstraint("ref"), Index("ix_sources_kind", "kind"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("source_documents.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))  # question | recommendation | evidence
    ref: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    line: Mapped[int] = mapped_column(Integer)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    placements: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(Integer)  # order within its document
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class LinkRecord(Base):
    """A paragraph reflects a source.  Links belong to the paragraph's identity, so they survive
    rewording, moves and relabelling.  Removing a link stamps ``removed_at`` (the history stays,
    and the coverage of a frozen round can be computed as it was)."""

    __tablename__ = "links"
    __table_args__ = (
        Index("ix_links_paragraph_id", "paragraph_id"),
        Index("ix_links_source_id", "source_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    paragraph_id: Mapped[int] = mapped_column(ForeignKey("paragraphs.id", ondelete="CASCADE"))
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    removed_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class UserRecord(Base):
    """A member of the negotiating team and their role (chair, drafter, observer)."""

    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(200))


class UserEventRecord(Base):
    """A change to the team: a user added, or their role changed (the audit trail reads these)."""

    __tablename__ = "user_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_name: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(20))  # added | role
    role: Mapped[str] = mapped_column(String(20))
    by: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class DelegationRecord(Base):
    """A delegation (member State) or a group (G77 and China, EU, African Group...)."""

    __tablename__ = "delegations"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))  # delegation | group
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(200))


class DelegationGroupRecord(Base):
    """A delegation's membership of a group."""

    __tablename__ = "delegation_groups"

    delegation_id: Mapped[int] = mapped_column(
        ForeignKey("delegations.id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[int] = mapped_column(
        ForeignKey("delegations.id", ondelete="CASCADE"), primary_key=True
    )


class ProposalRecord(Base):
    """A proposal tabled in a round on a paragraph, against one of its versions.

    ``decided_by``/``decided_at`` stamp the move out of ``open`` (the audit trail reads them);
    ``taken_in_version`` is the paragraph's version that took it in (accepted, partly taken),
    ``new_paragraph_id`` the paragraph an accepted add-after proposal became.
    """

    __tablename__ = "proposals"
    __table_args__ = (Index("ix_proposals_paragraph_id", "paragraph_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    paragraph_id: Mapped[int] = mapped_column(ForeignKey("paragraphs.id", ondelete="CASCADE"))
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    base_version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))  # amend | delete | retain | add-after
    text: Mapped[str | None] = mapped_column(Text, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    status: Mapped[str] = mapped_column(String(20))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    decided_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    taken_in_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    new_paragraph_id: Mapped[int | None] = mapped_column(
        ForeignKey("paragraphs.id", ondelete="SET NULL"), nullable=True
    )


class ProposalDelegationRecord(Base):
    """The delegations making a proposal: ``position`` 0 is the proposer, then "joined by"."""

    __tablename__ = "proposal_delegations"
    __table_args__ = (Index("ix_proposal_delegations_delegation_id", "delegation_id"),)

    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposals.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    delegation_id: Mapped[int] = mapped_column(ForeignKey("delegations.id"))

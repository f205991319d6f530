"""Provides the ORM records.  Names end in ``Record`` so they never collide with domain objects.

Storage is O(k) per round: a round stores only the versions of the paragraphs that changed in
it.  The text of a paragraph at round R is its latest version in a round up to R.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
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
    status: Mapped[str] = mapped_column(String(20))
    sponsor: Mapped[str | None] = mapped_column(String(200), nullable=True)
    author: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

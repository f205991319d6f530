"""Provides the plain frozen dataclasses the services return (never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from negotiator.domain.model import ParagraphKind, RoundStatus, Status


@dataclass(frozen=True)
class DeclarationInfo:
    id: int
    slug: str
    title: str
    first_number: int
    number_preambular: bool
    rounds: int
    paragraphs: int
    preface: str = ""
    created_at: datetime | None = None


@dataclass(frozen=True)
class RoundInfo:
    id: int
    seq: int
    name: str
    status: RoundStatus
    opened_at: datetime
    opened_by: str
    frozen_at: datetime | None
    frozen_by: str | None
    paragraphs: int = 0
    words: int = 0
    changed: int = 0

    @property
    def is_open(self) -> bool:
        return self.status is RoundStatus.OPEN


@dataclass(frozen=True)
class ParagraphView:
    """A paragraph as it stands at a round."""

    id: int
    uid: str
    label: str
    kind: ParagraphKind
    section: str
    position: int
    text: str
    status: Status
    sponsor: str | None
    version_no: int
    round_name: str
    author: str
    updated_at: datetime

    @property
    def deleted(self) -> bool:
        return self.status is Status.DELETED


@dataclass(frozen=True)
class VersionView:
    version_no: int
    round_name: str
    label: str
    section: str
    text: str
    status: Status
    sponsor: str | None
    author: str
    created_at: datetime


@dataclass(frozen=True)
class RoundImportReport:
    round: RoundInfo
    continued: int
    reworded: int
    moved_or_relabelled: int
    new: int
    deleted: int


@dataclass(frozen=True)
class RoundFigures:
    """The figures of the text at the end of a round (the dashboard's trend)."""

    name: str
    seq: int
    status: RoundStatus
    paragraphs: int  # not deleted
    words: int
    pending: int
    agreed_ad_ref: int
    agreed: int
    bracketed_spans: int
    bracketed_paragraphs: int

    @property
    def agreed_share(self) -> float:
        return (self.agreed + self.agreed_ad_ref) / self.paragraphs if self.paragraphs else 0.0

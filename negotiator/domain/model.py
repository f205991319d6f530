"""Provides the frozen value objects shared by every layer (no framework imports)."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Status(str, enum.Enum):
    """Negotiation status of a paragraph version."""

    PENDING = "pending"
    AGREED_AD_REF = "agreed ad ref"
    AGREED = "agreed"
    DELETED = "deleted"

    @classmethod
    def parse(cls, value: str) -> Status:
        """Read a status as a user types it ("agreed-ad-ref", "Agreed ad ref", "ad ref")."""
        key = " ".join(value.replace("_", " ").replace("-", " ").lower().split())
        aliases = {"ad ref": cls.AGREED_AD_REF, "open": cls.PENDING}
        if key in aliases:
            return aliases[key]
        for member in cls:
            if member.value == key:
                return member
        choices = ", ".join(m.value for m in cls)
        raise ValueError(f"unknown status {value!r} (choose from: {choices})")


class ParagraphKind(str, enum.Enum):
    """Preambular (PP) or operative (OP) paragraph."""

    PREAMBULAR = "PP"
    OPERATIVE = "OP"


class RoundStatus(str, enum.Enum):
    OPEN = "open"
    FROZEN = "frozen"


@dataclass(frozen=True)
class ParagraphSnapshot:
    """One paragraph as it stands at a given round (the input of the diff engine).

    ``paragraph_id`` is the stable identity: it survives rewording, moves and
    relabelling.  ``position`` is the 0-based place of the paragraph in the whole
    declaration at that round (deleted paragraphs keep their place).
    """

    paragraph_id: int
    uid: str
    label: str
    kind: ParagraphKind
    section: str
    position: int
    text: str
    status: Status
    sponsor: str | None = None
    version_no: int = 1

    @property
    def deleted(self) -> bool:
        return self.status is Status.DELETED

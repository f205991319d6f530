"""Provides proposals by delegations: their kinds, statuses and how a compilation text says them.

A **proposal** is tabled during a round by one or more delegations (the first is the proposer,
the others "joined by") on a paragraph, against the version of the paragraph it was written
for.  Its kind is ``amend`` (a new text for the paragraph), ``delete``, ``retain`` (support for
the base text) or ``add-after`` (a new paragraph after this one).  A proposal is **stale** when
the paragraph's text changed since its base version.

Pure code: the services store proposals, the exporters and front ends show them with
:func:`attribution` and :func:`proposal_line` ("EU, joined by Norway: delete").
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime


class ProposalKind(enum.StrEnum):
    AMEND = "amend"
    DELETE = "delete"
    RETAIN = "retain"
    ADD_AFTER = "add-after"

    @classmethod
    def parse(cls, value: str) -> ProposalKind:
        key = value.strip().lower().replace("_", "-").replace(" ", "-")
        aliases = {"add": cls.ADD_AFTER, "after": cls.ADD_AFTER, "new": cls.ADD_AFTER}
        if key in aliases:
            return aliases[key]
        for member in cls:
            if member.value == key:
                return member
        raise ValueError(
            f"unknown proposal kind {value!r} (choose from: {', '.join(m.value for m in cls)})"
        )


class ProposalStatus(enum.StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    PARTLY_TAKEN = "partly taken"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @classmethod
    def parse(cls, value: str) -> ProposalStatus:
        key = " ".join(value.replace("_", " ").replace("-", " ").lower().split())
        aliases = {"partly": cls.PARTLY_TAKEN, "partial": cls.PARTLY_TAKEN}
        if key in aliases:
            return aliases[key]
        for member in cls:
            if member.value == key:
                return member
        raise ValueError(
            f"unknown proposal status {value!r} (choose from: {', '.join(m.value for m in cls)})"
        )

    @property
    def decided(self) -> bool:
        return self is not ProposalStatus.OPEN


class DelegationKind(enum.StrEnum):
    DELEGATION = "delegation"  # a member State (or observer State)
    GROUP = "group"  # a negotiating or regional group: G77 and China, EU, African Group...


#: Negotiating and regional groups most UN texts see; ``delegation add`` marks them as groups.
KNOWN_GROUPS: tuple[str, ...] = (
    "G77 and China",
    "EU",
    "African Group",
    "Arab Group",
    "Asia-Pacific Group",
    "GRULAC",
    "WEOG",
    "Eastern European Group",
    "LDCs",
    "SIDS",
    "AOSIS",
    "JUSCANZ",
    "CELAC",
    "ASEAN",
    "OIC",
)


@dataclass(frozen=True)
class Delegation:
    name: str
    kind: DelegationKind
    groups: tuple[str, ...] = ()  # the groups this delegation belongs to


@dataclass(frozen=True)
class Proposal:
    """A proposal as the services return it (``stale`` computed at read time)."""

    id: int
    paragraph_id: int
    uid: str
    label: str  # the paragraph's label now
    round_name: str  # the round in which it was tabled
    base_version: int
    delegations: tuple[str, ...]
    kind: ProposalKind
    text: str | None
    note: str | None
    status: ProposalStatus
    stale: bool
    base_text: str  # the paragraph's text at the base version
    current_text: str  # the paragraph's text now
    current_version: int
    created_by: str
    created_at: datetime
    decided_by: str | None = None
    decided_at: datetime | None = None
    taken_in_version: int | None = None  # the version that took it in (accepted / partly taken)
    new_paragraph_id: int | None = None  # an accepted add-after: the paragraph it became

    @property
    def proposer(self) -> str:
        return self.delegations[0]

    @property
    def joined_by(self) -> tuple[str, ...]:
        return self.delegations[1:]

    @property
    def by(self) -> str:
        return attribution(self.delegations)

    @property
    def line(self) -> str:
        return proposal_line(self.delegations, self.kind, self.text, self.label)


def join_names(names: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def attribution(delegations: Sequence[str]) -> str:
    """How a compilation text names the delegations: ``EU, joined by Norway and Iceland``."""
    if not delegations:
        return ""
    if len(delegations) == 1:
        return delegations[0]
    return f"{delegations[0]}, joined by {join_names(delegations[1:])}"


def kind_phrase(kind: ProposalKind, text: str | None, label: str) -> str:
    """What the proposal says after the delegations' names."""
    if kind is ProposalKind.DELETE:
        return "delete"
    if kind is ProposalKind.RETAIN:
        return "retain"
    if kind is ProposalKind.ADD_AFTER:
        return f"new paragraph after {label}: {text or ''}".rstrip()
    return text or ""


def proposal_line(
    delegations: Sequence[str], kind: ProposalKind, text: str | None, label: str
) -> str:
    """``EU, joined by Norway: <text>``; ``G77 and China: delete``; ``USA: retain``."""
    return f"{attribution(delegations)}: {kind_phrase(kind, text, label)}"


_AFTER_RE = re.compile(r"^new (?:paragraph|para)\.? after [^:]*:\s*(?P<text>.*)$", re.IGNORECASE)
_JOINED_RE = re.compile(r",?\s+joined by\s+", re.IGNORECASE)


def parse_proposal_line(line: str) -> tuple[tuple[str, ...], ProposalKind, str | None]:
    """Read ``EU, joined by Norway; Iceland: text`` back into delegations, kind and text.

    Without the machine comment the exporter writes, the delegations joined are separated by
    ``;`` or ``,`` (a name such as "G77 and China" keeps its "and").

    Raises:
        ValueError: no ``delegations: ...`` prefix.
    """
    by, sep, rest = line.partition(": ")
    if not sep or not by.strip():
        raise ValueError(f"a proposal reads 'DELEGATION: text', got {line[:60]!r}")
    parts = _JOINED_RE.split(by.strip(), maxsplit=1)
    names = [parts[0].strip()]
    if len(parts) > 1:
        names += [n.strip() for n in re.split(r"[;,]", parts[1]) if n.strip()]
    rest = rest.strip()
    if rest.lower() in ("delete", "delete.", "deletion"):
        return tuple(names), ProposalKind.DELETE, None
    if rest.lower() in ("retain", "retain.", "retain the text"):
        return tuple(names), ProposalKind.RETAIN, None
    after = _AFTER_RE.match(rest)
    if after:
        return tuple(names), ProposalKind.ADD_AFTER, after.group("text").strip()
    return tuple(names), ProposalKind.AMEND, rest


def outcome_of(
    kind: ProposalKind, text: str | None, *, compromise_text: str, base_text: str, deleted: bool
) -> ProposalStatus:
    """Whether a compromise took a proposal in whole (accepted) or in part (partly taken)."""
    if kind is ProposalKind.DELETE:
        return ProposalStatus.ACCEPTED if deleted else ProposalStatus.PARTLY_TAKEN
    if deleted:
        return ProposalStatus.PARTLY_TAKEN
    if kind is ProposalKind.RETAIN:
        same = " ".join(compromise_text.split()) == " ".join(base_text.split())
        return ProposalStatus.ACCEPTED if same else ProposalStatus.PARTLY_TAKEN
    if kind is ProposalKind.AMEND and text is not None:
        same = " ".join(compromise_text.split()) == " ".join(text.split())
        return ProposalStatus.ACCEPTED if same else ProposalStatus.PARTLY_TAKEN
    return ProposalStatus.PARTLY_TAKEN

"""Provides the value objects every source importer returns, and its error type."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from negotiator.domain.errors import FileFormatError

#: Kinds of source items a paragraph can be linked to.
ITEM_KINDS = ("question", "recommendation", "evidence")
#: Kinds of documents the importers read.
DOCUMENT_KINDS = ("guide", "recommendations", "background", "summaries")


@dataclass(frozen=True)
class SourceItem:
    """One linkable piece of source material.

    Attributes:
        kind: one of ``ITEM_KINDS``.
        ref: stable human reference, unique among all sources, e.g. ``AP 62(a)``,
            ``14th guide 66(c)``, ``Kyoto 22``, ``2021 background Q5``, ``Summaries 57``.
        text: the full text, lines joined, without bullet, number or citation.
        line: 1-based line of the file where the item starts.
        fields: grouping fields (e.g. congress, agenda item, paragraph, letter; or
            region, report paragraph, sub-paragraph; or year, pillar, session).
        placements: for items listed under several headings (a recommendation under
            several themes), one mapping per placement, e.g. ``{"part": ..., "theme": ...}``;
            a single placement for everything else.
    """

    kind: str
    ref: str
    text: str
    line: int
    fields: Mapping[str, str | int | None] = field(default_factory=dict)
    placements: tuple[Mapping[str, str | int | None], ...] = ()


@dataclass(frozen=True)
class SkippedLine:
    """A line the parser could not place (reported, never silently dropped)."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class ParsedDocument:
    """What an importer read from one file."""

    path: str
    kind: str  # one of DOCUMENT_KINDS
    title: str
    items: tuple[SourceItem, ...]
    skipped: tuple[SkippedLine, ...] = ()


class SourceFormatError(FileFormatError):
    """The file cannot be read as the expected kind of document."""

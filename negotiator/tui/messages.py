"""Provides the app-wide messages: what workers report back to the UI thread (past tense).

Workers run the services off the UI thread and post one of these; only message handlers
touch widgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from negotiator.services.audit import LogEntry
from negotiator.services.diffs import DiffResult
from negotiator.services.errors import ConflictError
from negotiator.services.links import CoverageReport, LinkView, Suggestion
from negotiator.services.sample import SampleReport
from negotiator.services.sources import SourceView
from negotiator.services.users import Role
from negotiator.services.views import (
    DeclarationInfo,
    ParagraphView,
    RoundFigures,
    RoundInfo,
    VersionView,
)


@dataclass
class DatabaseFoundEmpty(Message):
    """The database holds no declaration yet."""


@dataclass
class DeclarationsListed(Message):
    """Several declarations exist and none was named: the user must choose."""

    declarations: list[DeclarationInfo]


@dataclass
class LoadFailed(Message):
    """Opening the database or the declaration failed; ``message`` says why and how to fix it."""

    message: str


@dataclass
class DeclarationLoaded(Message):
    """The paragraphs of the latest round (loaded once per round) and their link counts."""

    declaration: DeclarationInfo
    paragraphs: list[ParagraphView]
    link_counts: dict[int, int]
    round: RoundInfo | None
    """The latest round (open or frozen), ``None`` if the declaration has no round."""
    select_id: int | None = None


@dataclass
class RoundChecked(Message):
    """The latest round's state (open or frozen), checked again (e.g. after a refused save)."""

    round: RoundInfo | None


@dataclass
class ParagraphDetailsLoaded(Message):
    """The history and the links of one paragraph."""

    paragraph_id: int
    history: list[VersionView]
    links: list[LinkView]
    trail: list[LogEntry] = field(default_factory=list)
    """The paragraph's audit trail (versions, links made and removed)."""


@dataclass
class ParagraphSaved(Message):
    """A new version was stored (text, status or sponsor)."""

    paragraph: ParagraphView
    previous_version: int
    text_saved: str | None
    """The text sent to the service, or ``None`` for a status/sponsor-only save."""


@dataclass
class SaveRefused(Message):
    """The service refused a save (invalid text, frozen round, ...); nothing was written."""

    paragraph_id: int
    message: str
    frozen: bool = False


@dataclass
class SaveConflicted(Message):
    """Someone else saved the paragraph since it was loaded; nothing was written."""

    paragraph_id: int
    conflict: ConflictError
    metadata_only: bool = False
    """A status/sponsor change (no text of mine to compare)."""


@dataclass
class ParagraphRefreshed(Message):
    """A fresh copy of one paragraph (e.g. after taking their version in a conflict)."""

    paragraph: ParagraphView


@dataclass
class ParagraphInserted(Message):
    """A new paragraph was inserted after ``after_id``."""

    paragraph: ParagraphView
    after_id: int


@dataclass
class EditRequested(Message):
    """Another screen (the review) asks for a paragraph in the editor, with a tab shown."""

    paragraph_id: int
    tab: str = "history-tab"


@dataclass
class LinksChanged(Message):
    """A link was made or removed; ``links`` is the paragraph's new list."""

    paragraph_id: int
    links: list[LinkView]
    note: str


@dataclass
class LinkCandidatesLoaded(Message):
    """Suggested sources (best first) and every source, for the link picker."""

    paragraph_id: int
    suggestions: list[Suggestion]
    sources: list[SourceView] = field(default_factory=list)


@dataclass
class RoundOpened(Message):
    """A chair opened the next round."""

    round: RoundInfo


@dataclass
class RoundFrozen(Message):
    """The open round was frozen."""

    round: RoundInfo


@dataclass
class SampleLoaded(Message):
    """The sample declaration, sources and links were loaded."""

    report: SampleReport


@dataclass
class ActionFailed(Message):
    """A service call failed; ``message`` is for the user."""

    message: str


# ---------------------------------------------------------------------- chairs: rounds, review
@dataclass
class RoleChecked(Message):
    """The user's role is known: whether they may freeze and open rounds."""

    role: Role | None
    team: bool
    """Whether the database has a team (``False``: a personal database, everything allowed)."""


@dataclass
class FreezeChecked(Message):
    """What is still open in the round about to be frozen (for the confirmation)."""

    round: RoundInfo
    pending: list[str]
    """Labels of the paragraphs still pending."""
    bracketed: list[tuple[str, int]]
    """Labels of the paragraphs with bracketed text, and their number of bracketed spans."""
    paragraphs: int
    """Paragraphs not deleted."""


@dataclass
class RoundRefused(Message):
    """A chair's action (freeze, open) was refused: no permission, or not possible now."""

    message: str
    action: str
    """"freeze" or "open"."""


@dataclass
class ReviewLoaded(Message):
    """The rounds, and the diff of the two chosen (round A, round B)."""

    rounds: list[RoundInfo]
    result: DiffResult


@dataclass
class ParagraphSourcesLoaded(Message):
    """The sources linked to one paragraph (to show from the review)."""

    paragraph_id: int
    label: str
    links: list[LinkView]


@dataclass
class DashboardLoaded(Message):
    """The figures of every round, and the coverage of the sources by the latest text."""

    figures: list[RoundFigures]
    coverage: CoverageReport
    rounds: list[RoundInfo]


@dataclass
class UnreflectedLoaded(Message):
    """The sources of one coverage group not yet reflected in the text, with their texts."""

    title: str
    sources: list[SourceView]


class ExportDialogReady(Message):
    """The round names are loaded: the export dialog can open."""

    def __init__(self, slug: str, rounds: list[str]) -> None:
        super().__init__()
        self.slug = slug
        self.rounds = rounds


class ExportFinished(Message):
    """An export was written (``error`` is set when it was refused or failed)."""

    def __init__(self, path: str, size: int, error: str | None = None) -> None:
        super().__init__()
        self.path = path
        self.size = size
        self.error = error

"""Provides the services the TUI talks to, bundled for one database and one user.

Everything here runs inside thread workers; nothing here touches a widget.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from negotiator.services.audit import AuditService
from negotiator.services.diffs import DiffService
from negotiator.services.drafting import DraftingService
from negotiator.services.links import LinksService
from negotiator.services.sources import SourcesService
from negotiator.services.users import UsersService
from negotiator.storage.db import Database


@dataclass
class Backend:
    """The database and the services of one app session."""

    db: Database
    user: str | None = None
    drafting: DraftingService = field(init=False)
    links: LinksService = field(init=False)
    sources: SourcesService = field(init=False)
    diffs: DiffService = field(init=False)
    """Round-to-round diffs; diffs of two frozen rounds are cached on :attr:`db`."""
    users: UsersService = field(init=False)
    audit: AuditService = field(init=False)
    """Who changed what and when (shown under a paragraph's history)."""

    def __post_init__(self) -> None:
        self.drafting = DraftingService(self.db, user=self.user)
        self.user = self.drafting.user
        self.links = LinksService(self.db, user=self.user)
        self.sources = SourcesService(self.db, user=self.user)
        self.diffs = DiffService(self.db, user=self.user)
        self.users = UsersService(self.db, user=self.user)
        self.audit = AuditService(self.db)

    @classmethod
    def for_url(cls, url: str, *, user: str | None = None) -> Backend:
        return cls(Database(url), user=user)

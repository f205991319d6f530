"""Provides the round-to-round diff use case, with a cache for diffs of frozen rounds.

A frozen round never changes, so its snapshots and any diff between two frozen rounds are
computed once per :class:`~negotiator.storage.db.Database` (that is, per process and database)
and served from memory afterwards.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from negotiator.domain.diffing import ParagraphChange, RoundDiff, diff_rounds
from negotiator.domain.model import ParagraphSnapshot
from negotiator.services.drafting import DraftingService
from negotiator.services.views import RoundInfo
from negotiator.storage.db import Database


@dataclass(frozen=True)
class DiffResult:
    round_a: RoundInfo
    round_b: RoundInfo
    diff: RoundDiff
    cached: bool
    seconds: float


class DiffService:
    def __init__(self, db: Database, *, user: str | None = None) -> None:
        self.db = db
        self.drafting = DraftingService(db, user=user)

    def _snapshots(self, rnd: RoundInfo, slug: str | None) -> list[ParagraphSnapshot]:
        if rnd.is_open:
            return self.drafting.snapshots(slug=slug, round_name=rnd.name)
        key = ("snapshots", rnd.id)
        cached = self.db.cache.get(key)
        if cached is None:
            cached = self.drafting.snapshots(slug=slug, round_name=rnd.name)
            self.db.cache[key] = cached
        return cached  # type: ignore[no-any-return]

    def diff(
        self, a: str | None, b: str | None = "current", *, slug: str | None = None
    ) -> DiffResult:
        """Diff round ``a`` against round ``b`` ("current": the latest round's live text)."""
        start = time.perf_counter()
        rounds = self.drafting.round_list(slug)
        ra = (
            self.drafting.find_round(a, slug=slug)
            if a is not None
            else (rounds[-2] if len(rounds) > 1 else rounds[-1])
        )
        rb = self.drafting.find_round(b, slug=slug)
        key = ("diff", ra.id, rb.id)
        if not ra.is_open and not rb.is_open and key in self.db.cache:
            diff = self.db.cache[key]
            return DiffResult(ra, rb, diff, True, time.perf_counter() - start)  # type: ignore[arg-type]
        diff = diff_rounds(self._snapshots(ra, slug), self._snapshots(rb, slug))
        if not ra.is_open and not rb.is_open:
            self.db.cache[key] = diff
        return DiffResult(ra, rb, diff, False, time.perf_counter() - start)


def filter_changes(
    diff: RoundDiff,
    *,
    section: str | None = None,
    only_changed: bool = False,
    kinds: set[str] | None = None,
) -> RoundDiff:
    """The same diff with fewer changes shown (the summary stays that of the whole diff)."""

    def keep(change: ParagraphChange) -> bool:
        if only_changed and change.kinds == ("unchanged",):
            return False
        if kinds and not kinds.intersection(change.kinds):
            return False
        if section:
            wanted = section.casefold()
            return any(wanted in (s or "").casefold() for s in (change.section_a, change.section_b))
        return True

    return replace(diff, changes=tuple(c for c in diff.changes if keep(c)))

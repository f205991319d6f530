"""Provides the editing model of the declaration screen: unsaved drafts and saves in flight.

Plain Python (no Textual): the screen tells it what the editor holds and what the services
answered; it says which paragraphs are dirty and which version a save continues from.  A draft
is only dropped when its text has been saved (or the user took someone else's text), so no
edit is lost when a save fails, is refused, or conflicts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from negotiator.domain.text import normalise_space
from negotiator.services.views import ParagraphView


@dataclass
class Draft:
    """Unsaved text of one paragraph, and the version it was started from."""

    base_version: int
    text: str


class Drafts:
    """The unsaved text per paragraph id (survives moving to another paragraph) and the
    paragraphs whose save is in flight."""

    def __init__(self) -> None:
        self._drafts: dict[int, Draft] = {}
        self.saving: set[int] = set()
        """Paragraph ids with a save sent and not yet answered."""

    # -- a mapping of paragraph id -> Draft ---------------------------------------------
    def __contains__(self, paragraph_id: object) -> bool:
        return paragraph_id in self._drafts

    def __iter__(self) -> Iterator[int]:
        return iter(list(self._drafts))

    def __len__(self) -> int:
        return len(self._drafts)

    def __bool__(self) -> bool:
        return bool(self._drafts)

    def get(self, paragraph_id: int) -> Draft | None:
        return self._drafts.get(paragraph_id)

    def discard(self, paragraph_id: int) -> Draft | None:
        """Drop a draft (the user took another text); returns it."""
        return self._drafts.pop(paragraph_id, None)

    # -- the editor's text ----------------------------------------------------------------
    def capture(self, paragraph: ParagraphView, text: str) -> bool:
        """Record ``text`` typed for ``paragraph`` (a text equal to the stored one is no draft).

        Returns whether the paragraph's dirty state changed.
        """
        pid = paragraph.id
        was_dirty = pid in self._drafts
        if normalise_space(text) != paragraph.text:
            draft = self._drafts.get(pid)
            if draft is None:
                self._drafts[pid] = Draft(paragraph.version_no, text)
            else:
                draft.text = text
        else:
            self._drafts.pop(pid, None)
        return was_dirty != (pid in self._drafts)

    # -- saves ----------------------------------------------------------------------------
    def start_save(self, paragraph_id: int) -> bool:
        """Mark a save in flight; ``False`` if one is already (the caller must not send another)."""
        if paragraph_id in self.saving:
            return False
        self.saving.add(paragraph_id)
        return True

    def save_ended(self, paragraph_id: int) -> None:
        """The save was answered (stored, refused, conflicted or failed): the draft stays."""
        self.saving.discard(paragraph_id)

    def saved(self, view: ParagraphView, previous_version: int, text_saved: str | None) -> None:
        """A version was stored: drop the draft it saved, or move a newer one onto it."""
        self.saving.discard(view.id)
        draft = self._drafts.get(view.id)
        if draft is None:
            return
        if text_saved is not None and normalise_space(draft.text) == view.text:
            del self._drafts[view.id]
        elif draft.base_version == previous_version:
            # Edits typed meanwhile (or kept through a status change) continue from our version.
            draft.base_version = view.version_no

    def rebase(self, paragraph_id: int, version_no: int) -> None:
        """Continue a draft from ``version_no`` (keeping mine over theirs in a conflict)."""
        draft = self._drafts.get(paragraph_id)
        if draft is not None:
            draft.base_version = version_no

    def labels(self, by_id: dict[int, ParagraphView]) -> list[str]:
        """Labels of the paragraphs with unsaved edits (in the order they were started)."""
        return [by_id[pid].label for pid in self._drafts if pid in by_id]

"""Provides the filters above the paragraph list: a search box, a status and a section select.

:class:`ParagraphFilter` is the plain rule (no Textual); :class:`ListFilters` is the widget,
which posts :class:`ListFilters.Changed` (typing is debounced) and ``Submitted`` (enter in
the search box).  The screen keeps the rule and redraws the list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Select

from negotiator.domain.model import Status
from negotiator.services.views import ParagraphView
from negotiator.tui.widgets.paragraph_table import BADGES

FILTER_DELAY = 0.15
"""Seconds to wait after the last keystroke in the search box before filtering the list."""


@dataclass(frozen=True)
class ParagraphFilter:
    """Which paragraphs are listed: all words in label, text or sponsor; a status; a section."""

    text: str = ""
    status: Status | None = None
    section: str | None = None

    def matches(self, p: ParagraphView) -> bool:
        if self.status is not None and p.status is not self.status:
            return False
        if self.section is not None and p.section != self.section:
            return False
        words = self.text.casefold().split()
        if words:
            hay = f"{p.label} {p.text} {p.sponsor or ''}".casefold()
            return all(w in hay for w in words)
        return True

    def apply(self, paragraphs: Iterable[ParagraphView]) -> list[ParagraphView]:
        return [p for p in paragraphs if self.matches(p)]


class ListFilters(Vertical):
    """The search box and the status and section selects."""

    DEFAULT_CSS = """
    ListFilters {
        height: auto;
    }
    """

    class Changed(Message):
        """The search text or a select changed (``field`` is "text", "status" or "section")."""

        def __init__(self, field: str, value: object, *, debounced: bool = False) -> None:
            super().__init__()
            self.field = field
            self.value = value
            self.debounced = debounced

    class Submitted(Message):
        """Enter in the search box."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self._timer: Timer | None = None
        self._pending_text: str | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search text, label, sponsor (ctrl+f)", id="search", compact=True)
        with Horizontal(id="filters"):
            yield Select[Status](
                [(BADGES[s][0], s) for s in Status],
                prompt="Any status",
                id="status-filter",
                compact=True,
            )
            yield Select[str]([], prompt="Any section", id="section-filter", compact=True)

    def set_sections(self, sections: Iterable[str]) -> None:
        self.query_one("#section-filter", Select).set_options([(s, s) for s in sections])

    def clear(self) -> None:
        """Empty the search box and reset both selects (the caller resets its rule)."""
        self._cancel_timer()
        self.query_one("#search", Input).value = ""
        self.query_one("#status-filter", Select).clear()
        self.query_one("#section-filter", Select).clear()
        self._pending_text = None

    def focus_search(self) -> None:
        self.query_one("#search", Input).focus()

    def flush(self) -> None:
        """Post a pending (debounced) search change now."""
        if self._pending_text is not None:
            self._cancel_timer()
            self._post_text()

    # ------------------------------------------------------------------ events
    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _post_text(self) -> None:
        self._timer = None
        if self._pending_text is not None:
            text, self._pending_text = self._pending_text, None
            self.post_message(self.Changed("text", text, debounced=True))

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._pending_text = event.value
        self._cancel_timer()
        self._timer = self.set_timer(FILTER_DELAY, self._post_text)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.flush()
        self.post_message(self.Submitted())

    @on(Select.Changed, "#status-filter")
    def _status_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value is Select.NULL else event.value
        self.post_message(self.Changed("status", value))

    @on(Select.Changed, "#section-filter")
    def _section_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value is Select.NULL else event.value
        self.post_message(self.Changed("section", value))

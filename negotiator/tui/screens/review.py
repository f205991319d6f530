"""Provides the review screen: what changed between two rounds, paragraph by paragraph.

The chair picks round A and round B (default: the last frozen round and the current text),
sees every paragraph with its change kinds and a redline in the list, and the full redline
of the highlighted paragraph below (inline, or side by side with ``s``); ``n``/``p`` step to
the next/previous changed paragraph; the selects filter by kind, status, section and
sponsor; ``o`` shows the paragraph's sources, ``e`` edits it on the declaration screen.

Data flow: one worker (exclusive, group "review") lists the rounds and asks the
:class:`~negotiator.services.diffs.DiffService` of the app's backend for the diff (a diff of
two frozen rounds is computed once per database and served from memory afterwards) and
posts :class:`~negotiator.tui.messages.ReviewLoaded`; filtering is in memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from negotiator.domain.diffing import KINDS, ParagraphChange
from negotiator.domain.model import Status
from negotiator.services.diffs import DiffResult, filter_changes
from negotiator.services.errors import NegotiatorError
from negotiator.services.links import LinkView
from negotiator.services.views import RoundInfo
from negotiator.tui import messages as m
from negotiator.tui.screens.rounds import DASHBOARD_KEY
from negotiator.tui.widgets.change_list import (
    HEADER,
    ChangeList,
    change_section,
    change_sponsor,
    change_status,
)
from negotiator.tui.widgets.change_view import ChangeDetail, render_summary
from negotiator.tui.widgets.paragraph_table import BADGES
from negotiator.tui.widgets.sources_list import source_prompt

if TYPE_CHECKING:
    from negotiator.tui.app import NegotiatorApp

ANY_CHANGE = "*changed*"
"""The kind filter's value for "changed in any way"."""
NO_SPONSOR = "*none*"
"""The sponsor filter's value for "no sponsor"."""


def default_rounds(rounds: list[RoundInfo], remembered: tuple[str, str] | None) -> tuple[str, str]:
    """The rounds to compare: those compared last, else the last frozen round and the current
    text (the latest round, open or frozen)."""
    names = {r.name for r in rounds}
    if remembered and remembered[0] in names and remembered[1] in names:
        return remembered
    latest = rounds[-1]
    frozen = [r for r in rounds[:-1] if not r.is_open]
    base = frozen[-1] if frozen else latest
    return base.name, latest.name


class SourcesModal(ModalScreen[bool]):
    """The sources linked to a paragraph, with their texts; dismisses ``True`` to edit it."""

    BINDINGS = [
        Binding("escape,q", "dismiss(False)", "Close", id="sources-close"),
        Binding("e", "dismiss(True)", "Edit on the declaration screen", id="sources-edit"),
    ]
    """Escape closes; e goes to the paragraph on the declaration screen (Sources tab)."""

    def __init__(self, label: str, links: list[LinkView]) -> None:
        super().__init__()
        self.label, self.links = label, links

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="sources-dialog"):
            yield Label(f"Sources of {self.label} ({len(self.links)})", classes="dialog-title")
            yield Static(
                "e: edit the paragraph and its links on the declaration screen · escape: close",
                classes="dialog-help",
            )
            options = [
                Option(source_prompt(link.source), id=link.source.ref) for link in self.links
            ]
            if not options:
                options = [Option(Text("No linked sources.", style="dim"), disabled=True)]
            yield OptionList(*options, id="review-sources")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()


class ReviewScreen(Screen[None]):
    """The changes between two rounds of the declaration."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="review-back"),
        Binding(
            "ctrl+e",
            "app.export",
            "Export",
            tooltip="Export the clean draft or a compilation text.",
            id="review-export",
        ),
        Binding("n", "step(1)", "Next", tooltip="Next changed paragraph.", id="next-change"),
        Binding("p", "step(-1)", "Prev", tooltip="Previous changed paragraph.", id="prev-change"),
        Binding("s", "toggle_side", "Side by side", id="side-by-side"),
        Binding("o", "sources", "Sources", id="review-sources"),
        Binding(
            "e", "edit", "Edit", tooltip="Edit it on the declaration screen.", id="review-edit"
        ),
        Binding("c", "changes_only", "Changes only", id="changes-only"),
        DASHBOARD_KEY,
        Binding("r", "choose_rounds", "Rounds", id="choose-rounds", show=False),
        Binding("f", "filter", "Filter", id="review-filter", show=False),
        Binding("x", "clear_filters", "Clear filters", id="clear-filters", show=False),
    ]
    """One-letter keys (nothing here is typed); escape goes back to the declaration."""

    AUTO_FOCUS = "#changes"

    side_by_side: reactive[bool] = reactive(False, init=False)
    """Show the redline of the highlighted paragraph as two texts side by side."""

    round_a: reactive[str | None] = reactive(None, init=False)
    round_b: reactive[str | None] = reactive(None, init=False)
    """The rounds compared (names; the latest round is the current text)."""

    filter_kind: reactive[str | None] = reactive(None, init=False)
    """A change kind, :data:`ANY_CHANGE`, or ``None`` (every paragraph)."""
    filter_status: reactive[Status | None] = reactive(None, init=False)
    filter_section: reactive[str | None] = reactive(None, init=False)
    filter_sponsor: reactive[str | None] = reactive(None, init=False)

    def __init__(self) -> None:
        super().__init__()
        self.rounds: list[RoundInfo] = []
        self.result: DiffResult | None = None
        self.loads = 0
        """How many diffs have been shown (tests wait on it)."""

    @property
    def napp(self) -> NegotiatorApp:
        return self.app  # type: ignore[return-value]

    @property
    def current(self) -> ParagraphChange | None:
        """The highlighted paragraph."""
        return self.query_one(ChangeList).current

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="§")
        with Horizontal(id="review-rounds"):
            yield Label("Compare ", classes="bar-label")
            yield Select[str]([], prompt="round A", id="round-a", compact=True, allow_blank=True)
            yield Label(" with ", classes="bar-label")
            yield Select[str]([], prompt="round B", id="round-b", compact=True, allow_blank=True)
            yield Static("", id="review-mode")
        with Horizontal(id="review-filters"):
            yield Select[str]([], prompt="Every paragraph", id="kind-filter", compact=True)
            yield Select[Status](
                [(BADGES[s][0], s) for s in Status],
                prompt="Any status",
                id="review-status",
                compact=True,
            )
            yield Select[str]([], prompt="Any section", id="review-section", compact=True)
            yield Select[str]([], prompt="Any sponsor", id="review-sponsor", compact=True)
        yield Static("", id="review-summary")
        yield Static(Text(HEADER, style="bold"), id="changes-header")
        yield ChangeList(id="changes")
        with VerticalScroll(id="change-scroll"):
            yield ChangeDetail("", id="change-detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(ChangeList).loading = True
        self._update_mode()
        remembered = self.napp.review_rounds
        self._load(*(remembered or (None, None)))

    # ------------------------------------------------------------------ workers
    @work(thread=True, exclusive=True, group="review", exit_on_error=False)
    def _load(self, a: str | None, b: str | None) -> None:
        """List the rounds and diff round ``a`` with ``b`` (defaults when ``None``)."""
        backend = self.napp.backend
        slug = self.napp.declaration_slug
        try:
            rounds = backend.drafting.round_list(slug)
            if not rounds:
                self.post_message(m.ActionFailed("The declaration has no round yet."))
                return
            a, b = default_rounds(rounds, (a, b) if a and b else None)
            result = backend.diffs.diff(a, b, slug=slug)
        except NegotiatorError as exc:
            self.post_message(m.ActionFailed(str(exc)))
            return
        self.post_message(m.ReviewLoaded(rounds, result))

    @work(thread=True, exclusive=True, group="review-sources", exit_on_error=False)
    def _load_sources(self, paragraph_id: int, label: str) -> None:
        try:
            links = self.napp.backend.links.links(paragraph_id)
        except NegotiatorError as exc:
            self.post_message(m.ActionFailed(str(exc)))
            return
        self.post_message(m.ParagraphSourcesLoaded(paragraph_id, label, links))

    def choose_rounds(self, a: str, b: str) -> None:
        """Compare round ``a`` with round ``b`` (names)."""
        self.query_one(ChangeList).loading = True
        self.set_reactive(ReviewScreen.round_a, a)
        self.set_reactive(ReviewScreen.round_b, b)
        self._load(a, b)

    # ------------------------------------------------------------------ results
    @on(m.ReviewLoaded)
    def _loaded(self, message: m.ReviewLoaded) -> None:
        result = message.result
        previous = self.current
        self.result = result
        a, b = result.round_a.name, result.round_b.name
        self.napp.review_rounds = (a, b)
        self.set_reactive(ReviewScreen.round_a, a)
        self.set_reactive(ReviewScreen.round_b, b)
        if [(r.name, r.status) for r in message.rounds] != [
            (r.name, r.status) for r in self.rounds
        ]:
            self.rounds = list(message.rounds)
            latest = self.rounds[-1].name
            options = [
                (
                    f"{r.name} ({'open' if r.is_open else 'frozen'}"
                    f"{', current text' if r.name == latest else ''})",
                    r.name,
                )
                for r in self.rounds
            ]
            self.query_one("#round-a", Select).set_options(options)
            self.query_one("#round-b", Select).set_options(options)
        self.query_one("#round-a", Select).value = a
        self.query_one("#round-b", Select).value = b
        self._set_filter_options()
        self.query_one(ChangeList).loading = False
        self._apply_filter(select_id=previous.paragraph_id if previous else None)
        self.loads += 1

    def _set_filter_options(self) -> None:
        assert self.result is not None
        diff = self.result.diff
        counts = diff.summary.counts
        changed = sum(1 for c in diff.changes if c.kinds != ("unchanged",))
        kinds = [(f"Any change ({changed})", ANY_CHANGE)] + [
            (f"{k.replace('_', ' ')} ({counts[k]})", k) for k in KINDS if counts.get(k)
        ]
        sections = list(dict.fromkeys(change_section(c) for c in diff.changes))
        sponsors = sorted({change_sponsor(c) for c in diff.changes} - {""})
        for selector, options, current in (
            ("#kind-filter", kinds, self.filter_kind),
            ("#review-section", [(s, s) for s in sections], self.filter_section),
            (
                "#review-sponsor",
                [(s, s) for s in sponsors] + [("(no sponsor)", NO_SPONSOR)],
                self.filter_sponsor,
            ),
        ):
            select = self.query_one(selector, Select)
            select.set_options(options)
            if current is not None and any(v == current for _, v in options):
                select.value = current
            else:
                select.clear()

    def _visible(self) -> list[ParagraphChange]:
        assert self.result is not None
        kind = self.filter_kind
        diff = filter_changes(
            self.result.diff,
            section=self.filter_section,
            only_changed=kind == ANY_CHANGE,
            kinds={kind} if kind and kind != ANY_CHANGE else None,
        )
        changes = list(diff.changes)
        if self.filter_section is not None:  # the service matches a part of the name
            changes = [c for c in changes if change_section(c) == self.filter_section]
        if self.filter_status is not None:
            changes = [c for c in changes if change_status(c) is self.filter_status]
        if self.filter_sponsor is not None:
            wanted = "" if self.filter_sponsor == NO_SPONSOR else self.filter_sponsor
            changes = [c for c in changes if change_sponsor(c) == wanted]
        return changes

    def _apply_filter(self, select_id: int | None = None) -> None:
        if self.result is None:
            return
        changes = self._visible()
        change_list = self.query_one(ChangeList)
        if select_id is None and change_list.current is not None:
            select_id = change_list.current.paragraph_id
        change_list.show(changes, select_id=select_id)
        a = self.result.round_a.name
        if self.result.round_a.id == self.result.round_b.id:
            summary = Text.assemble(
                (f"{a} compared with itself: ", "bold"),
                "nothing changed. Choose another round (r), or open the next round (f6).",
            )
        else:
            summary = render_summary(self.result.diff, a, self._name_b(), len(changes))
        self.query_one("#review-summary", Static).update(summary)
        if not changes:
            self._show_detail(None)

    def _name_b(self) -> str:
        assert self.result is not None
        rb = self.result.round_b
        return f"{rb.name} (current)" if rb.is_open else rb.name

    @on(ChangeList.Highlighted, "#changes")
    def _highlighted(self, event: ChangeList.Highlighted) -> None:
        self._show_detail(event.change)

    def _show_detail(self, change: ParagraphChange | None) -> None:
        if self.result is None:
            return
        empty = (
            "No paragraph matches the filters (x clears them)."
            if self.result.diff.changes
            else "No paragraph."
        )
        self.query_one(ChangeDetail).show(
            change,
            self.result.round_a.name,
            self._name_b(),
            side_by_side=self.side_by_side,
            empty=empty,
        )
        self.query_one("#change-scroll").scroll_home(animate=False)

    @on(ChangeList.Selected, "#changes")
    def _selected(self) -> None:
        self.query_one("#change-scroll").focus()

    @on(m.ParagraphSourcesLoaded)
    def _sources_loaded(self, message: m.ParagraphSourcesLoaded) -> None:
        pid = message.paragraph_id

        def closed(edit: bool | None) -> None:
            if edit:
                self._edit(pid)

        self.app.push_screen(SourcesModal(message.label, message.links), closed)

    @on(m.ActionFailed)
    def _failed(self, message: m.ActionFailed) -> None:
        self.query_one(ChangeList).loading = False
        self.notify(message.message, severity="error")

    # ------------------------------------------------------------------ view state
    def watch_side_by_side(self) -> None:
        self._update_mode()
        self._show_detail(self.current)

    def _update_mode(self) -> None:
        mode = "side by side" if self.side_by_side else "inline"
        self.query_one("#review-mode", Static).update(
            Text.assemble("  redline ", (mode, "bold"), " (s)")
        )

    def watch_round_a(self) -> None:
        self._rounds_chosen()

    def watch_round_b(self) -> None:
        self._rounds_chosen()

    def _rounds_chosen(self) -> None:
        if self.round_a and self.round_b:
            self.choose_rounds(self.round_a, self.round_b)

    def watch_filter_kind(self) -> None:
        self._apply_filter()

    def watch_filter_status(self) -> None:
        self._apply_filter()

    def watch_filter_section(self) -> None:
        self._apply_filter()

    def watch_filter_sponsor(self) -> None:
        self._apply_filter()

    @on(Select.Changed, "#round-a")
    def _round_a_changed(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.round_a = event.value  # type: ignore[assignment]

    @on(Select.Changed, "#round-b")
    def _round_b_changed(self, event: Select.Changed) -> None:
        if event.value is not Select.NULL:
            self.round_b = event.value  # type: ignore[assignment]

    @on(Select.Changed, "#kind-filter")
    def _kind_changed(self, event: Select.Changed) -> None:
        self.filter_kind = None if event.value is Select.NULL else event.value  # type: ignore[assignment]

    @on(Select.Changed, "#review-status")
    def _status_changed(self, event: Select.Changed) -> None:
        self.filter_status = None if event.value is Select.NULL else event.value  # type: ignore[assignment]

    @on(Select.Changed, "#review-section")
    def _section_changed(self, event: Select.Changed) -> None:
        self.filter_section = None if event.value is Select.NULL else event.value  # type: ignore[assignment]

    @on(Select.Changed, "#review-sponsor")
    def _sponsor_changed(self, event: Select.Changed) -> None:
        self.filter_sponsor = None if event.value is Select.NULL else event.value  # type: ignore[assignment]

    # ------------------------------------------------------------------ actions
    def action_back(self) -> None:
        self.app.pop_screen()

    def action_step(self, direction: int) -> None:
        change_list = self.query_one(ChangeList)
        if not change_list.step(direction):
            where = "below" if direction > 0 else "above"
            self.notify(f"No further change {where}.", timeout=2)
        change_list.focus()

    def action_toggle_side(self) -> None:
        self.side_by_side = not self.side_by_side

    def action_changes_only(self) -> None:
        select = self.query_one("#kind-filter", Select)
        if self.filter_kind is None:
            select.value = ANY_CHANGE
        else:
            select.clear()

    def action_choose_rounds(self) -> None:
        self.query_one("#round-a", Select).focus()

    def action_filter(self) -> None:
        self.query_one("#kind-filter", Select).focus()

    def action_clear_filters(self) -> None:
        for selector in ("#kind-filter", "#review-status", "#review-section", "#review-sponsor"):
            self.query_one(selector, Select).clear()
        self.query_one(ChangeList).focus()

    def set_filter(
        self,
        *,
        kind: str | None = None,
        status: Status | None = None,
        section: str | None = None,
        sponsor: str | None = None,
    ) -> None:
        """Set the filters through their selects (``None``: any)."""
        for selector, value in (
            ("#kind-filter", kind),
            ("#review-status", status),
            ("#review-section", section),
            ("#review-sponsor", sponsor),
        ):
            select = self.query_one(selector, Select)
            if value is None:
                select.clear()
            else:
                select.value = value

    def action_sources(self) -> None:
        change = self.current
        if change is None:
            self.notify("Highlight a paragraph first.", severity="warning")
            return
        self._load_sources(change.paragraph_id, change.label_b or change.label_a or "")

    def action_edit(self) -> None:
        change = self.current
        if change is None:
            self.notify("Highlight a paragraph first.", severity="warning")
            return
        self._edit(change.paragraph_id)

    def _edit(self, paragraph_id: int) -> None:
        """Close the review and ask (by a message) for the paragraph in the editor."""
        self.app.pop_screen()
        self.app.post_message(m.EditRequested(paragraph_id, tab="sources-tab"))

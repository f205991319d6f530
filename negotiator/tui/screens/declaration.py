"""Provides the main screen: the paragraph list, the editor, history and sources.

Data flow: workers call the services (off the UI thread) and post past-tense messages
(:mod:`negotiator.tui.messages`); only the handlers here touch widgets.  The paragraph list of
the latest round is loaded once and kept in memory; moving the selection only swaps the
editor's text and starts a worker for the paragraph's history and links.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import DataTable, Footer, Header, TextArea
from textual.worker import get_current_worker

from negotiator.domain.labels import Label
from negotiator.domain.model import Status
from negotiator.services.errors import ConflictError, FrozenRoundError, NegotiatorError
from negotiator.services.views import DeclarationInfo, ParagraphView, RoundInfo
from negotiator.tui import messages as m
from negotiator.tui.editing import Draft, Drafts
from negotiator.tui.screens.conflict import Choice, ConflictModal
from negotiator.tui.screens.link_picker import LinkPickerModal
from negotiator.tui.screens.modals import ChoiceModal, ConfirmModal, PromptModal
from negotiator.tui.screens.rounds import DASHBOARD_KEY, REVIEW_KEY, RoundsScreen
from negotiator.tui.widgets.detail_pane import DetailPane
from negotiator.tui.widgets.editor import ParagraphEditor
from negotiator.tui.widgets.list_filters import ListFilters, ParagraphFilter
from negotiator.tui.widgets.paragraph_table import BADGES, ParagraphTable
from negotiator.tui.widgets.sources_list import SourcesList

if TYPE_CHECKING:
    from negotiator.tui.app import NegotiatorApp

__all__ = ["DeclarationScreen", "Draft"]


class DeclarationScreen(RoundsScreen):
    """Browse and edit the declaration's latest round."""

    BINDINGS = [
        REVIEW_KEY,
        DASHBOARD_KEY,
        Binding(
            "ctrl+s",
            "save",
            "Save",
            tooltip="Save a new version of this paragraph.",
            id="save-paragraph",
            priority=True,
        ),
        Binding(
            "ctrl+t", "set_status", "Status", tooltip="Set the paragraph's status.", id="set-status"
        ),
        Binding(
            "ctrl+o",
            "set_sponsor",
            "Sponsor",
            tooltip="Set the paragraph's sponsor.",
            id="set-sponsor",
        ),
        Binding(
            "ctrl+n",
            "insert_after",
            "Insert after",
            tooltip="Insert a new paragraph after this one.",
            id="insert-after",
        ),
        Binding(
            "ctrl+r",
            "mark_deleted",
            "Delete",
            tooltip="Mark the paragraph deleted (it stays visible).",
            id="mark-deleted",
        ),
        Binding(
            "ctrl+l",
            "link_source",
            "Link",
            tooltip="Link a source to this paragraph.",
            id="link-source",
        ),
        Binding("ctrl+g", "go_to", "Go to", tooltip="Go to a paragraph by its label.", id="go-to"),
        Binding(
            "ctrl+f",
            "search",
            "Search",
            tooltip="Filter the list by text.",
            id="search",
            show=False,
        ),
        Binding("f2", "show_tab('history-tab')", "History", id="show-history", show=False),
        Binding("f3", "show_tab('sources-tab')", "Sources", id="show-sources", show=False),
        Binding("escape", "focus_list", "List", id="focus-list", show=False),
        Binding(
            "left_square_bracket", "jump_section(-1)", "Prev section", id="prev-section", show=False
        ),
        Binding(
            "right_square_bracket", "jump_section(1)", "Next section", id="next-section", show=False
        ),
    ]
    """Editing keys use ctrl so they work while typing in the editor; see the help screen (f1)."""

    AUTO_FOCUS = "#paragraphs"

    selected_id: reactive[int | None] = reactive(None, init=False)
    """The paragraph shown in the editor."""

    editable: reactive[bool] = reactive(False, init=False)
    """Whether the latest round is open (known once the round has been checked)."""

    filter_text: reactive[str] = reactive("", init=False)
    """Words the listed paragraphs must contain (label, text or sponsor)."""

    filter_status: reactive[Status | None] = reactive(None, init=False)
    """Only paragraphs with this status, or all."""

    filter_section: reactive[str | None] = reactive(None, init=False)
    """Only paragraphs of this section, or all."""

    def __init__(self) -> None:
        super().__init__()
        self.declaration: DeclarationInfo | None = None
        self.round: RoundInfo | None = None
        """The latest round, once checked (``None`` until then)."""
        self.paragraphs: list[ParagraphView] = []
        """The latest round's paragraphs in document order (the in-memory list)."""
        self.by_id: dict[int, ParagraphView] = {}
        self.link_counts: dict[int, int] = {}
        self.drafts = Drafts()
        """Unsaved text per paragraph id (survives moving to another paragraph), and the
        saves in flight."""
        self.details_for: int | None = None
        """The paragraph whose history and sources are shown."""

    @property
    def napp(self) -> NegotiatorApp:
        return self.app  # type: ignore[return-value]

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="§")
        with Horizontal(id="main"):
            with Vertical(id="list-pane"):
                yield ListFilters(id="list-filters")
                yield ParagraphTable(id="paragraphs")
            yield DetailPane(id="detail-pane")
        yield Footer(compact=True)

    @property
    def pane(self) -> DetailPane:
        return self.query_one(DetailPane)

    def on_mount(self) -> None:
        self.query_one(ParagraphTable).loading = True
        editor = self.query_one(ParagraphEditor)
        editor.read_only = True
        self._set_notice("Opening the database…", "info")
        self.query_one(ParagraphTable).focus()
        self._open_database()

    # ------------------------------------------------------------------ workers
    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _open_database(self, select_id: int | None = None) -> None:
        """Check the schema, find the declaration and load the latest round's paragraphs."""
        backend = self.napp.backend
        try:
            backend.db.ensure_schema()
            declarations = backend.drafting.declarations()
            if not declarations:
                self.post_message(m.DatabaseFoundEmpty())
                return
            slug = self.napp.declaration_slug
            if slug is None and len(declarations) > 1:
                self.post_message(m.DeclarationsListed(declarations))
                return
            declaration = backend.drafting.declaration(slug)
            paragraphs = backend.drafting.paragraphs(slug=declaration.slug)
            counts = backend.links.link_counts(slug=declaration.slug)
            rounds = backend.drafting.round_list(declaration.slug)
        except Exception as exc:  # noqa: BLE001 - shown to the user, the app stays up
            self.post_message(m.LoadFailed(str(exc)))
            return
        self.post_message(
            m.DeclarationLoaded(
                declaration, paragraphs, counts, rounds[-1] if rounds else None, select_id
            )
        )

    @work(thread=True, exclusive=True, group="round", exit_on_error=False)
    def _check_round(self, slug: str) -> None:
        try:
            rounds = self.napp.backend.drafting.round_list(slug)
        except NegotiatorError as exc:
            self.post_message(m.ActionFailed(str(exc)))
            return
        self.post_message(m.RoundChecked(rounds[-1] if rounds else None))

    @work(thread=True, exclusive=True, group="details", exit_on_error=False)
    def _load_details(self, paragraph_id: int) -> None:
        backend = self.napp.backend
        try:
            history = backend.drafting.history(paragraph_id)
            links = backend.links.links(paragraph_id)
            trail = backend.audit.log(paragraph_id=paragraph_id)
        except NegotiatorError as exc:
            self.post_message(m.ActionFailed(str(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(m.ParagraphDetailsLoaded(paragraph_id, history, links, trail))

    # Writes are not exclusive: a save must never be cancelled by the next one.
    @work(thread=True, group="save", exit_on_error=False)
    def _save(
        self,
        paragraph_id: int,
        base_version: int,
        *,
        text: str | None = None,
        status: Status | None = None,
        sponsor: str | None | bool = False,
    ) -> None:
        """Save a version; ``sponsor=False`` keeps the sponsor."""
        drafting = self.napp.backend.drafting
        try:
            if sponsor is False:
                view = drafting.save_paragraph(
                    paragraph_id, base_version=base_version, text=text, status=status
                )
            else:
                view = drafting.save_paragraph(
                    paragraph_id,
                    base_version=base_version,
                    text=text,
                    status=status,
                    sponsor=sponsor or None,  # type: ignore[arg-type]
                )
        except ConflictError as conflict:
            self.post_message(m.SaveConflicted(paragraph_id, conflict, metadata_only=text is None))
        except FrozenRoundError as exc:
            self.post_message(m.SaveRefused(paragraph_id, str(exc), frozen=True))
        except NegotiatorError as exc:
            self.post_message(m.SaveRefused(paragraph_id, str(exc)))
        else:
            self.post_message(m.ParagraphSaved(view, base_version, text))

    @work(thread=True, group="save", exit_on_error=False)
    def _insert_after(self, paragraph_id: int, text: str) -> None:
        try:
            view = self.napp.backend.drafting.insert_paragraph_after(paragraph_id, text)
        except FrozenRoundError as exc:
            self.post_message(m.SaveRefused(paragraph_id, str(exc), frozen=True))
        except NegotiatorError as exc:
            self.post_message(m.SaveRefused(paragraph_id, str(exc)))
        else:
            self.post_message(m.ParagraphInserted(view, paragraph_id))

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False)
    def _refresh_paragraph(self, paragraph_id: int) -> None:
        """Fetch one paragraph afresh (as it stands in the latest round)."""
        try:
            view = self.napp.backend.drafting.paragraph_by_id(paragraph_id)
        except NegotiatorError as exc:
            self.post_message(m.ActionFailed(str(exc)))
            return
        self.post_message(m.ParagraphRefreshed(view))

    @work(thread=True, exclusive=True, group="links", exit_on_error=False)
    def _load_link_candidates(self, paragraph_id: int, text: str) -> None:
        backend = self.napp.backend
        try:
            suggestions = backend.links.suggest_for(paragraph_id, text, top=10)
            linked = {link.source.ref for link in backend.links.links(paragraph_id)}
            sources = [s for s in backend.sources.sources() if s.ref not in linked]
        except NegotiatorError as exc:
            self.post_message(m.ActionFailed(str(exc)))
            return
        self.post_message(m.LinkCandidatesLoaded(paragraph_id, suggestions, sources))

    @work(thread=True, group="links-write", exit_on_error=False)
    def _change_link(self, paragraph_id: int, ref: str, *, add: bool) -> None:
        links = self.napp.backend.links
        try:
            change = (
                links.link_paragraph(paragraph_id, ref)
                if add
                else links.unlink_paragraph(paragraph_id, ref)
            )
            current = links.links(paragraph_id)
        except NegotiatorError as exc:
            self.post_message(m.ActionFailed(str(exc)))
            return
        if add:
            note = f"Linked {change.ref}" if change.changed else f"{change.ref} was already linked"
        else:
            note = (
                f"Removed the link to {change.ref}"
                if change.changed
                else f"{change.ref} was not linked"
            )
        self.post_message(m.LinksChanged(paragraph_id, current, note))

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load_sample(self) -> None:
        from negotiator.services.sample import load_sample

        backend = self.napp.backend
        try:
            report = load_sample(backend.db, user=backend.user, keep_open=True)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            self.post_message(m.LoadFailed(f"loading the sample failed: {exc}"))
            return
        self.post_message(m.SampleLoaded(report))

    # ------------------------------------------------------------------ loading
    @on(m.DatabaseFoundEmpty)
    def _empty(self) -> None:
        self.query_one(ParagraphTable).loading = False
        self._set_notice(
            "This database holds no declaration yet. Load the sample from the command palette "
            "(ctrl+p), or import a draft with the negotiator command.",
            "warning",
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.query_one(ParagraphTable).loading = True
                self._set_notice("Loading the sample declaration and its sources…", "info")
                self._load_sample()

        self.app.push_screen(
            ConfirmModal(
                "This database holds no declaration yet.\n\nLoad the sample (the Kyoto "
                "Declaration, pillar I, with its source recommendations and questions) "
                "to try things out?",
                yes="Load the sample",
                no="Not now",
                title="Empty database",
            ),
            answered,
        )

    @on(m.SampleLoaded)
    def _sample_loaded(self, message: m.SampleLoaded) -> None:
        r = message.report
        self.notify(
            f"Loaded the sample: {r.paragraphs} paragraphs, {r.sources} sources, {r.links} links."
        )
        for problem in r.problems:
            self.notify(problem, severity="warning")
        self._open_database()

    @on(m.DeclarationsListed)
    def _choose_declaration(self, message: m.DeclarationsListed) -> None:
        self.query_one(ParagraphTable).loading = False

        def chosen(slug: str | None) -> None:
            if slug:
                self.napp.declaration_slug = slug
                self.query_one(ParagraphTable).loading = True
                self._open_database()
            else:
                self._set_notice(
                    "No declaration chosen; choose one with ctrl+p → Choose declaration.", "warning"
                )

        self.app.push_screen(
            ChoiceModal(
                "Which declaration?",
                [(f"{d.title} ({d.slug})", d.slug) for d in message.declarations],
            ),
            chosen,
        )

    @on(m.LoadFailed)
    def _load_failed(self, message: m.LoadFailed) -> None:
        self.query_one(ParagraphTable).loading = False
        self._set_notice(message.message, "error")

    @on(m.DeclarationLoaded)
    def _loaded(self, message: m.DeclarationLoaded) -> None:
        self.declaration = message.declaration
        self.napp.declaration_slug = message.declaration.slug
        self.paragraphs = list(message.paragraphs)
        self.by_id = {p.id: p for p in self.paragraphs}
        self.link_counts = dict(message.link_counts)
        sections = list(dict.fromkeys(p.section for p in self.paragraphs))
        self.query_one(ListFilters).set_sections(sections)
        table = self.query_one(ParagraphTable)
        table.loading = False
        select_id = message.select_id or self.selected_id
        table.show(self._visible(), self.link_counts, self.drafts, select_id=select_id)
        self.round = message.round
        self.editable = bool(message.round and message.round.is_open)
        self.query_one(ParagraphEditor).read_only = not self.editable or self.selected_id is None
        if self.napp.may_run_rounds is None:
            self.napp.check_role()
        self._update_titles()
        self._refresh_notice()
        if not self.paragraphs:
            self._set_notice("The declaration has no paragraphs.", "warning")

    @on(m.RoundChecked)
    def _round_checked(self, message: m.RoundChecked) -> None:
        self.round = message.round
        self.editable = bool(message.round and message.round.is_open)
        self._update_titles()
        self._refresh_notice()

    def watch_editable(self, editable: bool) -> None:
        self.query_one(ParagraphEditor).read_only = not editable or self.selected_id is None

    # ------------------------------------------------------------------ selection
    @on(DataTable.RowHighlighted, "#paragraphs")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        pid = self.query_one(ParagraphTable).paragraph_id_at(event.cursor_row)
        if pid is not None:
            self.selected_id = pid

    @on(DataTable.RowSelected, "#paragraphs")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        if self.query_one(ParagraphTable).paragraph_id_at(event.cursor_row) is not None:
            self.query_one(ParagraphEditor).focus()

    def watch_selected_id(self, old: int | None, new: int | None) -> None:
        self._capture_draft()
        editor = self.query_one(ParagraphEditor)
        if new is None or new not in self.by_id:
            editor.show_paragraph(None, "")
            editor.read_only = True
            self._update_titles()
            return
        p = self.by_id[new]
        draft = self.drafts.get(new)
        editor.show_paragraph(new, draft.text if draft else p.text)
        editor.read_only = not self.editable
        self._update_titles()
        self._update_bracket_status()
        self._refresh_notice()
        self._load_details(new)

    @on(m.ParagraphDetailsLoaded)
    def _details_loaded(self, message: m.ParagraphDetailsLoaded) -> None:
        if message.paragraph_id != self.selected_id:
            return
        self.details_for = message.paragraph_id
        self.pane.show_details(message.history, message.trail, message.links)
        self._set_link_count(message.paragraph_id, len(message.links))

    # ------------------------------------------------------------------ drafts
    def _capture_draft(self) -> None:
        """Record the editor's text as a draft of the paragraph it shows (or drop a clean one)."""
        editor = self.query_one(ParagraphEditor)
        pid = editor.paragraph_id
        if pid is None or pid not in self.by_id:
            return
        if self.drafts.capture(self.by_id[pid], editor.text):
            self.query_one(ParagraphTable).set_dirty(pid, pid in self.drafts)
            self._update_titles()

    @on(TextArea.Changed, "#editor")
    def _editor_changed(self) -> None:
        self._capture_draft()
        self._update_bracket_status()

    def _update_bracket_status(self) -> None:
        self.pane.show_brackets(self.query_one(ParagraphEditor).report)

    @property
    def unsaved(self) -> list[str]:
        """Labels of the paragraphs with unsaved edits."""
        self._capture_draft()
        return self.drafts.labels(self.by_id)

    # ------------------------------------------------------------------ titles and notices
    def _update_titles(self) -> None:
        if self.declaration is not None:
            state = "" if self.round is None else f" ({self.round.status.value})"
            round_name = (
                self.round.name
                if self.round
                else (self.paragraphs[0].round_name if self.paragraphs else "")
            )
            self.app.title = (
                self.declaration.title
                if len(self.declaration.title) <= 60
                else self.declaration.slug
            )
            self.app.sub_title = f"round {round_name}{state} · {self.napp.backend.user}"
        pid = self.selected_id
        if pid is None or pid not in self.by_id:
            self.pane.show_title(None)
            return
        self.pane.show_title(
            self.by_id[pid], links=self.link_counts.get(pid, 0), dirty=pid in self.drafts
        )

    def _set_notice(self, text: str, kind: str = "info") -> None:
        self.pane.set_notice(text, kind)

    def _refresh_notice(self) -> None:
        if self.round is None:
            return
        if not self.round.is_open:
            self._set_notice(
                f"Round {self.round.name!r} is frozen, so nothing can be edited. "
                "A chair must open the next round (ctrl+p → Open next round).",
                "warning",
            )
        elif self.selected_id in self.by_id and self.by_id[self.selected_id].deleted:  # type: ignore[index]
            self._set_notice(
                "This paragraph is marked deleted. Set another status (ctrl+t) to restore it.",
                "info",
            )
        else:
            self._set_notice("")

    def _set_link_count(self, pid: int, count: int) -> None:
        if self.link_counts.get(pid, 0) != count:
            self.link_counts[pid] = count
            if pid in self.by_id:
                self.query_one(ParagraphTable).update_paragraph(
                    self.by_id[pid], count, pid in self.drafts
                )
            self._update_titles()

    def _replace(self, view: ParagraphView) -> None:
        """Put a fresh copy of a paragraph in the in-memory list and its row."""
        self.by_id[view.id] = view
        for i, p in enumerate(self.paragraphs):
            if p.id == view.id:
                self.paragraphs[i] = view
                break
        self.query_one(ParagraphTable).update_paragraph(
            view, self.link_counts.get(view.id, 0), view.id in self.drafts
        )

    # ------------------------------------------------------------------ filters
    @property
    def list_filter(self) -> ParagraphFilter:
        return ParagraphFilter(self.filter_text, self.filter_status, self.filter_section)

    def _visible(self) -> list[ParagraphView]:
        return self.list_filter.apply(self.paragraphs)

    def _apply_filter(self) -> None:
        self.query_one(ParagraphTable).show(
            self._visible(), self.link_counts, self.drafts, select_id=self.selected_id
        )

    def watch_filter_text(self) -> None:
        self._apply_filter()

    def watch_filter_status(self) -> None:
        self._apply_filter()

    def watch_filter_section(self) -> None:
        self._apply_filter()

    @on(ListFilters.Changed)
    def _filter_changed(self, event: ListFilters.Changed) -> None:
        setattr(self, f"filter_{event.field}", event.value)

    @on(ListFilters.Submitted)
    def _search_submitted(self) -> None:
        self.query_one(ParagraphTable).focus()

    def clear_filters(self) -> None:
        self.query_one(ListFilters).clear()
        self.filter_text, self.filter_status, self.filter_section = "", None, None
        self._apply_filter()

    # ------------------------------------------------------------------ actions
    def _current(self) -> ParagraphView | None:
        if self.selected_id is None:
            self.notify("Select a paragraph first.", severity="warning")
            return None
        return self.by_id.get(self.selected_id)

    def _can_edit(self) -> bool:
        if self.round is None:
            self.notify(
                "Still checking whether the round is open; try again in a moment.",
                severity="warning",
            )
            return False
        if not self.editable:
            self.notify(
                f"Round {self.round.name!r} is frozen: a chair must open the next round "
                "(ctrl+p → Open next round).",
                severity="error",
                title="Cannot edit",
            )
            return False
        return True

    def action_save(self) -> None:
        p = self._current()
        if p is None or not self._can_edit():
            return
        self._capture_draft()
        draft = self.drafts.get(p.id)
        if draft is None:
            self.notify(f"{p.label}: no unsaved changes.")
            return
        if p.id in self.drafts.saving:
            self.notify(f"{p.label} is being saved…")
            return
        if (
            not self.query_one(ParagraphEditor).report.balanced
            and self.query_one(ParagraphEditor).paragraph_id == p.id
        ):
            self.notify(
                f"{p.label}: the brackets are unbalanced; fix them before saving.", severity="error"
            )
            return
        self.drafts.start_save(p.id)
        self._save(p.id, draft.base_version, text=draft.text)

    def _save_metadata(
        self, p: ParagraphView, *, status: Status | None = None, sponsor: str | None | bool = False
    ) -> None:
        if not self._can_edit():
            return
        self.drafts.start_save(p.id)
        self._save(p.id, p.version_no, status=status, sponsor=sponsor)

    def action_set_status(self) -> None:
        p = self._current()
        if p is None or not self._can_edit():
            return

        def chosen(status: Status | None) -> None:
            if status is not None and status is not p.status:
                self._save_metadata(p, status=status)

        choices = [
            (BADGES[s][0] if s is not Status.AGREED_AD_REF else "agreed ad ref", s) for s in Status
        ]
        self.app.push_screen(ChoiceModal(f"Status of {p.label}", choices, current=p.status), chosen)

    def set_status(self, status: Status) -> None:
        """Set the current paragraph's status (command palette)."""
        p = self._current()
        if p is not None and status is not p.status:
            self._save_metadata(p, status=status)

    def action_set_sponsor(self) -> None:
        p = self._current()
        if p is None or not self._can_edit():
            return

        def entered(value: str | None) -> None:
            if value is not None and (value.strip() or None) != p.sponsor:
                self._save_metadata(p, sponsor=value.strip() or None)

        self.app.push_screen(
            PromptModal(
                f"Sponsor of {p.label}",
                value=p.sponsor or "",
                placeholder="e.g. EU, G77 and China (empty: none)",
            ),
            entered,
        )

    def action_mark_deleted(self) -> None:
        p = self._current()
        if p is None:
            return
        if p.deleted:
            self.notify(f"{p.label} is already marked deleted; ctrl+t sets another status.")
            return
        self._save_metadata(p, status=Status.DELETED)

    def action_insert_after(self) -> None:
        p = self._current()
        if p is None or not self._can_edit():
            return

        def entered(text: str | None) -> None:
            if text and text.strip():
                self._insert_after(p.id, text)
            elif text is not None:
                self.notify("A new paragraph needs text; nothing was inserted.", severity="warning")

        self.app.push_screen(
            PromptModal(
                f"New paragraph after {p.label}",
                multiline=True,
                help_text="It gets the next free label (bis, ter, …). "
                "ctrl+s inserts it, escape cancels.",
            ),
            entered,
        )

    def action_link_source(self) -> None:
        p = self._current()
        if p is None:
            return
        editor = self.query_one(ParagraphEditor)
        text = editor.text if editor.paragraph_id == p.id else p.text
        self.notify("Finding suggested sources…", timeout=2)
        self._load_link_candidates(p.id, text)

    def action_unlink_source(self) -> None:
        p = self._current()
        ref = self.query_one(SourcesList).selected_ref
        if p is None or ref is None:
            self.notify("Highlight a linked source in the Sources tab first.", severity="warning")
            return
        self._change_link(p.id, ref, add=False)

    def action_go_to(self) -> None:
        def entered(value: str | None) -> None:
            if value:
                self.go_to_label(value)

        self.app.push_screen(
            PromptModal("Go to paragraph", placeholder="Label, e.g. OP 21 bis"), entered
        )

    def go_to_label(self, text: str) -> bool:
        try:
            wanted = Label.parse(text.strip())
        except ValueError as exc:
            self.notify(str(exc), severity="error")
            return False
        found = [p for p in self.paragraphs if _same_label(p.label, wanted)]
        if not found:
            self.notify(f"No paragraph {wanted}.", severity="warning")
            return False
        target = next((p for p in found if not p.deleted), found[0])
        return self.go_to_id(target.id)

    def go_to_id(self, paragraph_id: int) -> bool:
        table = self.query_one(ParagraphTable)
        if not table.select_paragraph(paragraph_id):
            self.clear_filters()
            table.select_paragraph(paragraph_id)
        table.focus()
        return True

    def action_search(self) -> None:
        self.query_one(ListFilters).focus_search()

    def action_show_tab(self, tab: str) -> None:
        self.pane.show_tab(tab)

    def action_focus_list(self) -> None:
        self.query_one(ParagraphTable).focus()

    def action_jump_section(self, step: int) -> None:
        self.query_one(ParagraphTable).jump_section(step)

    # action_open_round / action_freeze_round: see RoundsScreen (chairs only).
    def latest_round_state(self) -> tuple[list[str], bool] | None:
        if self.round is None:
            return None
        return [self.round.name], self.round.is_open

    def action_load_sample(self) -> None:
        self.query_one(ParagraphTable).loading = True
        self._load_sample()

    # ------------------------------------------------------------------ results
    @on(m.ParagraphSaved)
    def _saved(self, message: m.ParagraphSaved) -> None:
        view = message.paragraph
        if self.query_one(ParagraphEditor).paragraph_id == view.id:
            self._capture_draft()
        self.drafts.saved(view, message.previous_version, message.text_saved)
        self._replace(view)
        if view.id == self.selected_id:
            self._update_titles()
            self._refresh_notice()
            self._load_details(view.id)
        if view.version_no == message.previous_version:
            self.notify(f"{view.label}: nothing changed.")
        else:
            self.notify(f"Saved {view.label} as version {view.version_no} in {view.round_name}.")

    @on(m.SaveRefused)
    def _refused(self, message: m.SaveRefused) -> None:
        self.drafts.save_ended(message.paragraph_id)
        self.notify(message.message, severity="error", title="Not saved")
        if message.frozen:
            self._check_round(self.declaration.slug if self.declaration else "")

    @on(m.SaveConflicted)
    def _conflicted(self, message: m.SaveConflicted) -> None:
        pid = message.paragraph_id
        self.drafts.save_ended(pid)
        conflict = message.conflict
        self._refresh_paragraph(pid)
        if message.metadata_only:
            self.notify(
                f"{conflict.label} was changed by {conflict.their_author} meanwhile; "
                "it has been reloaded. Set it again.",
                severity="warning",
                title="Not saved",
            )
            return

        def chosen(choice: Choice | None) -> None:
            if choice == "mine":
                self.drafts.rebase(pid, conflict.current_version)
                self.drafts.start_save(pid)
                self._save(pid, conflict.current_version, text=conflict.mine)
            elif choice == "theirs":
                self.drafts.discard(pid)
                self.query_one(ParagraphTable).set_dirty(pid, False)
                if self.query_one(ParagraphEditor).paragraph_id == pid:
                    self.query_one(ParagraphEditor).show_paragraph(pid, conflict.theirs)
                self._update_titles()
            else:
                self.notify(
                    "Your text is kept, unsaved. Saving again will show the conflict again."
                )

        self.app.push_screen(ConflictModal(conflict), chosen)

    @on(m.ParagraphRefreshed)
    def _refreshed(self, message: m.ParagraphRefreshed) -> None:
        view = message.paragraph
        self._replace(view)
        editor = self.query_one(ParagraphEditor)
        if editor.paragraph_id == view.id and view.id not in self.drafts:
            editor.show_paragraph(view.id, view.text)
        if view.id == self.selected_id:
            self._update_titles()
            self._load_details(view.id)

    @on(m.ParagraphInserted)
    def _inserted(self, message: m.ParagraphInserted) -> None:
        view = message.paragraph
        index = next(
            (i for i, p in enumerate(self.paragraphs) if p.id == message.after_id),
            len(self.paragraphs) - 1,
        )
        self.paragraphs.insert(index + 1, view)
        self.by_id[view.id] = view
        self.query_one(ParagraphTable).show(
            self._visible(), self.link_counts, self.drafts, select_id=view.id
        )
        if not self.query_one(ParagraphTable).select_paragraph(view.id):
            self.selected_id = view.id
        self.notify(f"Inserted {view.label}.")

    @on(m.LinkCandidatesLoaded)
    def _candidates(self, message: m.LinkCandidatesLoaded) -> None:
        pid = message.paragraph_id
        if pid not in self.by_id:
            return

        def chosen(ref: str | None) -> None:
            if ref:
                self._change_link(pid, ref, add=True)

        self.app.push_screen(
            LinkPickerModal(self.by_id[pid].label, message.suggestions, message.sources), chosen
        )

    @on(m.LinksChanged)
    def _links_changed(self, message: m.LinksChanged) -> None:
        self._set_link_count(message.paragraph_id, len(message.links))
        if message.paragraph_id == self.selected_id:
            self.pane.show_links(message.links)
        self.notify(message.note)

    @on(m.EditRequested)
    def _edit_requested(self, message: m.EditRequested) -> None:
        message.stop()
        if message.paragraph_id not in self.by_id:
            self.notify("This paragraph is not in the latest round's text.", severity="warning")
            return
        self.go_to_id(message.paragraph_id)
        self.action_show_tab(message.tab)

    @on(SourcesList.OptionSelected, "#sources")
    def _source_selected(self) -> None:
        pass  # the full text is already shown; delete unlinks

    @on(m.RoundOpened)
    def _round_opened(self, message: m.RoundOpened) -> None:
        self.notify(f"Opened round {message.round.name!r}.")
        self.round = message.round
        self.editable = True
        self._open_database(self.selected_id)

    @on(m.RoundFrozen)
    def _round_frozen(self, message: m.RoundFrozen) -> None:
        self.notify(f"Froze round {message.round.name!r}.")
        self.round = message.round
        self.editable = False
        self._update_titles()
        self._refresh_notice()

    @on(m.ActionFailed)
    def _failed(self, message: m.ActionFailed) -> None:
        self.notify(message.message, severity="error")


def _same_label(label: str, wanted: Label) -> bool:
    try:
        return Label.parse(label) == wanted
    except ValueError:
        return False

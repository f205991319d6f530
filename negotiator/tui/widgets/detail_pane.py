"""Provides the detail pane of the declaration screen: the paragraph's title line, a notice,
the editor, the bracket check, and the history and sources tabs.

The pane only draws what the screen hands it; it loads nothing and keeps no state of its own
beyond its widgets.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static, TabbedContent, TabPane

from negotiator.domain.brackets import BracketReport
from negotiator.services.audit import LogEntry
from negotiator.services.links import LinkView
from negotiator.services.views import ParagraphView, VersionView
from negotiator.tui.widgets.editor import ParagraphEditor
from negotiator.tui.widgets.history_view import HistoryView
from negotiator.tui.widgets.paragraph_table import BADGES
from negotiator.tui.widgets.sources_list import SourcesList

NOTICE_KINDS = ("info", "warning", "error")


class DetailPane(Vertical):
    """The selected paragraph: title, notice, editor, bracket status, history and sources."""

    def compose(self) -> ComposeResult:
        yield Static("", id="para-title")
        yield Static("", id="notice")
        yield ParagraphEditor(id="editor")
        yield Static("", id="bracket-status")
        with TabbedContent(id="tabs", initial="history-tab"):
            with TabPane("History", id="history-tab"):
                with VerticalScroll(id="history-scroll"):
                    yield HistoryView("", id="history")
            with TabPane("Sources", id="sources-tab"):
                yield SourcesList(id="sources")

    @property
    def editor(self) -> ParagraphEditor:
        return self.query_one(ParagraphEditor)

    def set_notice(self, text: str, kind: str = "info") -> None:
        """Show a notice above the editor (``""`` hides it); ``kind``: info, warning, error."""
        notice = self.query_one("#notice", Static)
        notice.update(text)
        for k in NOTICE_KINDS:
            notice.set_class(k == kind and bool(text), f"-{k}")
        notice.display = bool(text)

    def show_title(self, p: ParagraphView | None, *, links: int = 0, dirty: bool = False) -> None:
        """The paragraph's label, status badge, sponsor, version, sources and section."""
        title = self.query_one("#para-title", Static)
        if p is None:
            title.update("")
            return
        out = Text.assemble((p.label, "bold"), "  ")
        badge_text, style = BADGES[p.status]
        out.append(f" {badge_text} ", style=f"{style} reverse")
        out.append(f"  {p.sponsor or 'no sponsor'}  ·  v{p.version_no} by {p.author}")
        out.append(f"  ·  {links} sources")
        out.append(f"\n{p.section}", style="italic")
        if dirty:
            out.append("  ● unsaved edits (ctrl+s saves)", style="bold #e66100")
        title.update(out)

    def show_brackets(self, report: BracketReport) -> None:
        """The live bracket check of the editor's text."""
        status = self.query_one("#bracket-status", Static)
        if not report.balanced:
            problem = report.problems[0]
            more = f" (and {len(report.problems) - 1} more)" if len(report.problems) > 1 else ""
            status.update(
                Text(
                    f"⚠ Unbalanced: {problem}{more}. It cannot be saved like this.",
                    style="bold #c01c28",
                )
            )
            status.set_class(True, "-problem")
        else:
            spans = report.count
            status.update(
                Text(
                    f"Brackets: {spans} bracketed span{'s' if spans != 1 else ''}, balanced."
                    if spans
                    else "No brackets."
                )
            )
            status.set_class(False, "-problem")

    def show_details(
        self, history: Sequence[VersionView], trail: Sequence[LogEntry], links: Sequence[LinkView]
    ) -> None:
        self.query_one(HistoryView).show(list(history), list(trail))
        self.query_one(SourcesList).show(list(links))

    def show_links(self, links: Sequence[LinkView]) -> None:
        self.query_one(SourcesList).show(list(links))

    def show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

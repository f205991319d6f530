"""Provides the chair's dashboard: the rounds and their figures, and the coverage of the sources.

Per round: paragraphs and words (the regional meetings asked for a "short and concise"
declaration, so the length is drawn as a bar and its trend as sparklines), the share
agreed or agreed ad ref, what is pending and the bracketed spans.  Below, the coverage of
the regional recommendations by region and of the discussion questions by agenda item or
workshop, as the latest text stands; enter (or ``u``) on a group lists the sources it does
not reflect yet, with their texts.  Chairs freeze the open round (``f``) and open the next
one (``o``) from here.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Header, Label, OptionList, Sparkline, Static
from textual.widgets.option_list import Option

from negotiator.domain.model import RoundStatus
from negotiator.services.errors import NegotiatorError
from negotiator.services.links import CoverageGroup, CoverageReport
from negotiator.services.sources import SourceView
from negotiator.services.views import RoundFigures
from negotiator.tui import messages as m
from negotiator.tui.screens.rounds import REVIEW_KEY, RoundsScreen
from negotiator.tui.widgets.sources_list import source_prompt

BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(share: float, width: int) -> str:
    """A horizontal bar of block characters, ``share`` (0..1) of ``width`` cells long."""
    share = max(0.0, min(1.0, share))
    eighths = round(share * width * 8)
    full, part = divmod(eighths, 8)
    out = "█" * full + (BLOCKS[part] if part and full < width else "")
    return out.ljust(width)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def share_cell(group: CoverageGroup, width: int = 6) -> Text:
    style = "#2ec27e" if group.share >= 0.5 else "#e5a50a" if group.share >= 0.2 else "#c01c28"
    return Text.assemble(f"{group.share:>4.0%} ", (bar(group.share, width), style))


def trend(values: list[float], fmt: str) -> str:
    if not values:
        return "—"
    first, last = values[0], values[-1]
    change = f" ({(last - first) / first:+.0%})" if first and len(values) > 1 else ""
    return (
        f"{fmt.format(first)} → {fmt.format(last)}{change}" if len(values) > 1 else fmt.format(last)
    )


class UnreflectedModal(ModalScreen[None]):
    """The sources of one coverage group that no paragraph reflects yet, with their texts."""

    BINDINGS = [Binding("escape,q", "dismiss(None)", "Close", id="unreflected-close")]
    """Escape closes."""

    def __init__(self, title: str, sources: list[SourceView]) -> None:
        super().__init__()
        self.title_text, self.sources = title, sources

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="unreflected-dialog"):
            yield Label(_cut(self.title_text, 160), classes="dialog-title")
            yield Static(
                f"{len(self.sources)} not reflected in the text yet (linked to no paragraph). "
                "Link them from the declaration screen (ctrl+l). Escape closes.",
                classes="dialog-help",
            )
            options = [Option(source_prompt(s), id=s.ref) for s in self.sources]
            if not options:
                options = [
                    Option(
                        Text("Every source of this group is reflected.", style="dim"), disabled=True
                    )
                ]
            yield OptionList(*options, id="unreflected-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()


class DashboardScreen(RoundsScreen):
    """Rounds, length trend, agreement, brackets; coverage of the sources."""

    BINDINGS = [
        Binding("escape", "back", "Back", id="dashboard-back"),
        Binding(
            "ctrl+e",
            "app.export",
            "Export",
            tooltip="Export the clean draft or a compilation text.",
            id="dashboard-export",
        ),
        Binding("f", "freeze_round", "Freeze round", id="dashboard-freeze"),
        Binding("o", "open_round", "Open round", id="dashboard-open"),
        Binding("i", "app.import_round", "Import round", id="dashboard-import"),
        Binding("u", "unreflected", "Unreflected", id="dashboard-unreflected"),
        REVIEW_KEY,
        Binding("r", "refresh", "Refresh", id="dashboard-refresh", show=False),
    ]
    """Freezing and opening are for chairs (disabled otherwise); u lists unreflected sources."""

    AUTO_FOCUS = "#rounds-table"

    def __init__(self) -> None:
        super().__init__()
        self.figures: list[RoundFigures] = []
        self.coverage: CoverageReport | None = None
        self.loads = 0
        """How many times the figures have been shown (tests wait on it)."""
        self._coverage_width = 0

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="§")
        with Vertical(id="dash-rounds"):
            yield Static("", id="rounds-title", classes="pane-title")
            yield DataTable(id="rounds-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(id="dash-trend"):
            for key, caption in (
                ("words", "Words"),
                ("paragraphs", "Paragraphs"),
                ("agreed", "Agreed or ad ref"),
            ):
                with Vertical(classes="trend"):
                    yield Static(caption, id=f"{key}-caption", classes="trend-caption")
                    yield Sparkline([], id=f"{key}-spark")
        yield Static("", id="coverage-title", classes="pane-title")
        with Horizontal(id="dash-coverage"):
            yield DataTable(id="regions-table", cursor_type="row")
            yield DataTable(id="questions-table", cursor_type="row")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        rounds = self.query_one("#rounds-table", DataTable)
        rounds.add_columns(
            "Round", "Status", "Paragraphs", "Words", "Agreed/ad ref", "Pending", "Bracketed"
        )
        self.query_one("#regions-table", DataTable).add_columns("Region", "Reflected", "Share")
        self.query_one("#questions-table", DataTable).add_columns(
            "Agenda item / workshop", "Reflected", "Share"
        )
        for table in self.query(DataTable):
            table.loading = True
        self.watch(self.app, "may_run_rounds", self._role_changed, init=False)
        self._update_rounds_title()
        self._load()

    # ------------------------------------------------------------------ workers
    @work(thread=True, exclusive=True, group="dashboard", exit_on_error=False)
    def _load(self) -> None:
        backend = self.napp.backend
        slug = self.napp.declaration_slug
        try:
            figures = backend.drafting.round_figures(slug)
            coverage = backend.links.coverage(slug=slug)
            rounds = backend.drafting.round_list(slug)
        except NegotiatorError as exc:
            self.post_message(m.ActionFailed(str(exc)))
            return
        self.post_message(m.DashboardLoaded(figures, coverage, rounds))

    @work(thread=True, exclusive=True, group="unreflected", exit_on_error=False)
    def _load_unreflected(self, title: str, kind: str, refs: tuple[str, ...]) -> None:
        sources = self.napp.backend.sources
        try:
            by_ref = {s.ref: s for s in sources.sources(kind=kind)}
            found = [by_ref[r] if r in by_ref else sources.source(r) for r in refs]
        except NegotiatorError as exc:
            self.post_message(m.ActionFailed(str(exc)))
            return
        self.post_message(m.UnreflectedLoaded(title, found))

    # ------------------------------------------------------------------ rounds (base class)
    def latest_round_state(self) -> tuple[list[str], bool] | None:
        if not self.figures:
            return None
        return [f.name for f in self.figures], self.figures[-1].status is RoundStatus.OPEN

    # ------------------------------------------------------------------ results
    @on(m.DashboardLoaded)
    def _loaded(self, message: m.DashboardLoaded) -> None:
        self.figures = list(message.figures)
        self.coverage = message.coverage
        self._show_rounds()
        self._show_trend()
        self._show_coverage()
        for table in self.query(DataTable):
            table.loading = False
        self.loads += 1

    def _show_rounds(self) -> None:
        table = self.query_one("#rounds-table", DataTable)
        table.clear()
        longest = max((f.words for f in self.figures), default=0) or 1
        for f in self.figures:
            is_open = f.status is RoundStatus.OPEN
            table.add_row(
                Text(f.name, style="bold"),
                Text("open" if is_open else "frozen", style="bold #2ec27e" if is_open else "dim"),
                Text(str(f.paragraphs), justify="right"),
                Text.assemble(f"{f.words:>7} ", (bar(f.words / longest, 10), "#3584e4")),
                Text.assemble(f"{f.agreed_share:>4.0%} ", (bar(f.agreed_share, 6), "#2ec27e")),
                Text(str(f.pending), justify="right", style="#e5a50a" if f.pending else ""),
                Text(
                    f"{f.bracketed_spans} in {f.bracketed_paragraphs} ¶",
                    style="#e66100" if f.bracketed_spans else "",
                ),
                key=f.name,
            )
        if self.figures:
            table.move_cursor(row=len(self.figures) - 1, animate=False)
        self._update_rounds_title()

    def _update_rounds_title(self) -> None:
        out = Text("Rounds", style="bold")
        if self.figures:
            latest = self.figures[-1]
            state = "open" if latest.status is RoundStatus.OPEN else "frozen"
            out.append(f"  · latest: {latest.name} ({state})")
        may = self.napp.may_run_rounds
        if may is False:
            out.append(
                "  · " + self.napp.role_refusal("freeze and open rounds"), style="italic #c01c28"
            )
        elif self.figures:
            action = (
                "f freezes it"
                if self.figures[-1].status is RoundStatus.OPEN
                else "o opens the next"
            )
            out.append(f"  · {action}", style="dim")
        self.query_one("#rounds-title", Static).update(out)

    def _role_changed(self) -> None:
        self._update_rounds_title()
        self.refresh_bindings()

    def _show_trend(self) -> None:
        figures = self.figures
        series = {
            "words": ([float(f.words) for f in figures], "{:,.0f}"),
            "paragraphs": ([float(f.paragraphs) for f in figures], "{:,.0f}"),
            "agreed": ([f.agreed_share * 100 for f in figures], "{:.0f}%"),
        }
        names = {"words": "Words", "paragraphs": "Paragraphs", "agreed": "Agreed or ad ref"}
        for key, (values, fmt) in series.items():
            # A single round draws as a flat line; two points show the direction.
            self.query_one(f"#{key}-spark", Sparkline).data = (
                values if len(values) > 1 else values * 2
            )
            self.query_one(f"#{key}-caption", Static).update(
                Text.assemble((names[key], "bold"), f"  {trend(values, fmt)}")
            )

    def _show_coverage(self) -> None:
        c = self.coverage
        assert c is not None
        title = Text(
            "Coverage of the recommendations (by region) and questions (by agenda item)",
            style="bold",
        )
        title.append(f" in {c.round_name}: " if c.round_name else ": ")
        if c.recommendations_total or c.questions_total:
            share_r = (
                c.recommendations_reflected / c.recommendations_total
                if c.recommendations_total
                else 0
            )
            share_q = c.questions_reflected / c.questions_total if c.questions_total else 0
            title.append(
                f"recommendations {c.recommendations_reflected}/{c.recommendations_total}"
                f" ({share_r:.0%})"
                f" · questions {c.questions_reflected}/{c.questions_total} ({share_q:.0%})"
            )
            title.append("  · enter or u lists what is not reflected", style="dim")
        else:
            title.append("no sources imported (negotiator sources import)", style="dim")
        self.query_one("#coverage-title", Static).update(title)
        for selector, groups, prefix in (
            ("#regions-table", c.regions, "r"),
            ("#questions-table", c.questions, "q"),
        ):
            table = self.query_one(selector, DataTable)
            # The name takes what the count and the share leave (half the screen, a border,
            # cell padding, a scrollbar).
            width = max(12, self.size.width // 2 - 9 - 11 - 7)
            table.clear()
            for i, group in enumerate(groups):
                table.add_row(
                    _cut(group.name, width),
                    Text(f"{group.reflected}/{group.total}", justify="right"),
                    share_cell(group),
                    key=f"{prefix}{i}",
                )
        self._coverage_width = self.size.width

    def on_resize(self) -> None:
        if self.coverage is not None and self.size.width != self._coverage_width:
            self.call_after_refresh(self._show_coverage)

    @on(m.UnreflectedLoaded)
    def _unreflected_loaded(self, message: m.UnreflectedLoaded) -> None:
        self.app.push_screen(UnreflectedModal(message.title, message.sources))

    @on(m.ActionFailed)
    def _failed(self, message: m.ActionFailed) -> None:
        for table in self.query(DataTable):
            table.loading = False
        self.notify(message.message, severity="error")

    @on(m.RoundFrozen)
    def _round_frozen(self, message: m.RoundFrozen) -> None:
        self.notify(f"Froze round {message.round.name!r}.")
        self.forward_to_main(message)
        self._load()

    @on(m.RoundOpened)
    def _round_opened(self, message: m.RoundOpened) -> None:
        self.notify(f"Opened round {message.round.name!r}.")
        self.forward_to_main(message)
        self._load()

    # ------------------------------------------------------------------ actions
    def action_back(self) -> None:
        self.app.pop_screen()

    def action_refresh(self) -> None:
        self._load()

    def group_at(self, table_id: str, row: int | None = None) -> tuple[CoverageGroup, str] | None:
        """The coverage group on a row of the regions or questions table, and its kind."""
        if self.coverage is None:
            return None
        table = self.query_one(f"#{table_id}", DataTable)
        groups, kind = (
            (self.coverage.regions, "recommendation")
            if table_id == "regions-table"
            else (self.coverage.questions, "question")
        )
        row = table.cursor_row if row is None else row
        if not groups or not 0 <= row < len(groups):
            return None
        return groups[row], kind

    def show_unreflected(self, table_id: str, row: int | None = None) -> None:
        found = self.group_at(table_id, row)
        if found is None:
            self.notify("No group there.", severity="warning")
            return
        group, kind = found
        what = "recommendations" if kind == "recommendation" else "questions"
        self._load_unreflected(f"{group.name}: {what} not reflected", kind, group.unreflected)

    def action_unreflected(self) -> None:
        focused = self.focused
        table_id = (
            focused.id
            if focused is not None and focused.id == "questions-table"
            else "regions-table"
        )
        self.show_unreflected(table_id)

    @on(DataTable.RowSelected, "#regions-table, #questions-table")
    def _group_selected(self, event: DataTable.RowSelected) -> None:
        assert event.data_table.id is not None
        self.show_unreflected(event.data_table.id, event.cursor_row)

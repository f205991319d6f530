"""Provides the list of a round diff's paragraphs: one line each, drawn only when visible.

A diff of the stress database has ~9,000 paragraphs (deleted ones stay in the text); a
``DataTable`` takes a quarter of a second to lay that many rows out, so this list is a
``ScrollView`` that renders only the lines on screen (each line cached until the rows or
the width change).  Each line shows the label, the change kinds, the status, the sponsor,
the words removed/added and the redline around the first change.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from negotiator.domain.diffing import ParagraphChange
from negotiator.domain.model import Status
from negotiator.rendering import DELETE_STYLE, INSERT_STYLE, KIND_STYLE
from negotiator.tui.widgets.paragraph_table import BADGES, fit

SHORT_KIND = {
    "added": "added",
    "deleted": "deleted",
    "moved": "moved",
    "relabelled": "relabel",
    "reworded": "reword",
    "status_changed": "status",
    "sponsor_changed": "sponsor",
    "brackets_changed": "brackets",
    "unchanged": "unchanged",
}
"""Change kinds as shown in the list (the detail names them in full)."""

FIELDS: tuple[tuple[str, int], ...] = (
    ("Paragraph", 16),
    ("Change", 17),
    ("Status", 8),
    ("Sponsor", 11),
    ("Words", 9),
    ("Redline", 0),
)
HEADER = " " + "".join(name.ljust(width) for name, width in FIELDS)
CONTEXT = 24
"""Characters of unchanged text shown before the first change of a paragraph."""


def is_change(change: ParagraphChange) -> bool:
    return change.kinds != ("unchanged",)


def change_status(change: ParagraphChange) -> Status | None:
    """The status at round B (at A for a paragraph absent from B)."""
    return change.status_b if change.status_b is not None else change.status_a


def change_section(change: ParagraphChange) -> str:
    return change.section_b or change.section_a or ""


def change_sponsor(change: ParagraphChange) -> str:
    return (change.sponsor_b if change.label_b is not None else change.sponsor_a) or ""


def redline_snippet(change: ParagraphChange, limit: int = 400) -> Text:
    """The word diff from a little before its first change (the whole line is cut later)."""
    out = Text()
    ops = change.ops
    first = next((i for i, op in enumerate(ops) if op.op != "equal"), None)
    if first is None:
        text = change.text_b or change.text_a
        out.append(text[:limit], style="dim")
        return out
    if first > 0:
        before = ops[first - 1].text
        if len(before) > CONTEXT:
            out.append("…" + before[-CONTEXT:].lstrip())
        else:
            out.append(before)
    for op in ops[first:]:
        style = DELETE_STYLE if op.op == "delete" else INSERT_STYLE if op.op == "insert" else ""
        out.append(op.text[: limit - len(out)], style=style)
        if len(out) >= limit:
            break
    return out


def row_text(change: ParagraphChange) -> Text:
    """One paragraph of the diff as a single line of fixed-width fields."""
    changed = is_change(change)
    if change.label_a and change.label_b and change.label_a != change.label_b:
        label = f"{change.label_a}→{change.label_b}"
    else:
        label = change.label_b or change.label_a or ""
    status = change_status(change)
    gone = status is Status.DELETED and not changed
    kinds = Text()
    for kind in change.kinds:
        if kinds.plain:
            kinds.append(" ")
        kinds.append(SHORT_KIND.get(kind, kind), style=KIND_STYLE.get(kind, ""))
    kinds.truncate(FIELDS[1][1] - 1, overflow="ellipsis", pad=True)
    kinds.append(" ")
    badge, badge_style = BADGES[status] if status is not None else ("", "")
    if (
        change.status_a is not None
        and change.status_b is not None
        and change.status_a != change.status_b
    ):
        badge_style += " reverse"
    words = ""
    if change.words_removed or change.words_added:
        words = f"-{change.words_removed} +{change.words_added}"
    out = Text.assemble(
        ("●" if changed else " ", "bold #e66100" if changed else ""),
        (fit(label, FIELDS[0][1]), "bold" + (" strike dim" if gone else "")),
        kinds,
        (fit(badge, FIELDS[2][1]), badge_style),
        (fit(change_sponsor(change), FIELDS[3][1]), "dim" if gone else ""),
        (fit(words, FIELDS[4][1]), ""),
        no_wrap=True,
        overflow="ellipsis",
    )
    snippet = redline_snippet(change)
    snippet.plain = snippet.plain.replace("\n", " ")
    if gone:
        snippet.stylize("dim")
    out.append_text(snippet)
    return out


class ChangeList(ScrollView, can_focus=True):
    """The paragraphs of a round diff, one line each, with a cursor (the highlighted one)."""

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Details", show=False),
    ]
    """Arrows (or j/k), page keys, home/end move; enter selects."""

    COMPONENT_CLASSES = {"change-list--cursor"}
    DEFAULT_CSS = """
    ChangeList {
        overflow-x: hidden;
    }
    ChangeList > .change-list--cursor {
        background: $block-cursor-blurred-background;
    }
    ChangeList:focus > .change-list--cursor {
        background: $block-cursor-background;
        text-style: bold;
    }
    """

    cursor: reactive[int] = reactive(-1, init=False, always_update=True)
    """The index of the highlighted paragraph (``-1``: none)."""

    class Highlighted(Message):
        """The cursor moved to another paragraph (``change`` is ``None`` for an empty list)."""

        def __init__(
            self, change_list: ChangeList, index: int, change: ParagraphChange | None
        ) -> None:
            super().__init__()
            self.change_list, self.index, self.change = change_list, index, change

        @property
        def control(self) -> ChangeList:
            return self.change_list

    class Selected(Highlighted):
        """Enter (or a click on the highlighted line) on a paragraph."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id)
        self.changes: list[ParagraphChange] = []
        self._lines: dict[int, Strip] = {}
        self._width = 0

    # ------------------------------------------------------------------ content
    @property
    def row_count(self) -> int:
        return len(self.changes)

    @property
    def current(self) -> ParagraphChange | None:
        return self.changes[self.cursor] if 0 <= self.cursor < len(self.changes) else None

    def show(self, changes: Sequence[ParagraphChange], *, select_id: int | None = None) -> None:
        """Replace the rows, keeping the cursor on ``select_id`` (else the first change)."""
        self.changes = list(changes)
        self._lines.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.changes))
        index = -1
        if select_id is not None:
            index = next((i for i, c in enumerate(self.changes) if c.paragraph_id == select_id), -1)
        if index < 0 and self.changes:
            index = next((i for i, c in enumerate(self.changes) if is_change(c)), 0)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = index
        self.refresh()

    def index_of(self, paragraph_id: int) -> int:
        return next((i for i, c in enumerate(self.changes) if c.paragraph_id == paragraph_id), -1)

    # ------------------------------------------------------------------ cursor
    def validate_cursor(self, value: int) -> int:
        if not self.changes:
            return -1
        return max(0, min(value, len(self.changes) - 1))

    def watch_cursor(self, old: int, new: int) -> None:
        for row in (old, new):
            self.refresh_line(row)
        self.scroll_to_cursor()
        self.post_message(self.Highlighted(self, new, self.current))

    def scroll_to_cursor(self) -> None:
        """Scroll as little as needed to show the cursor's line."""
        height = self.scrollable_content_region.height
        if self.cursor < 0:
            return
        if height <= 0:
            self.call_after_refresh(self.scroll_to_cursor)
            return
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def refresh_line(self, row: int) -> None:
        y = row - self.scroll_offset.y
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def action_cursor(self, step: int) -> None:
        if self.changes:
            self.cursor = self.cursor + step

    def action_page(self, step: int) -> None:
        if self.changes:
            self.cursor = self.cursor + step * max(1, self.scrollable_content_region.height - 1)

    def action_first(self) -> None:
        if self.changes:
            self.cursor = 0

    def action_last(self) -> None:
        if self.changes:
            self.cursor = len(self.changes) - 1

    def action_select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self, self.cursor, self.current))

    def step(self, direction: int) -> bool:
        """Move to the next (``1``) or previous (``-1``) changed paragraph; ``False`` if none."""
        i = self.cursor + direction
        while 0 <= i < len(self.changes):
            if is_change(self.changes[i]):
                self.cursor = i
                return True
            i += direction
        return False

    async def _on_click(self, event: events.Click) -> None:
        row = event.y + self.scroll_offset.y
        if 0 <= row < len(self.changes):
            if row == self.cursor:
                self.action_select()
            self.cursor = row

    # ------------------------------------------------------------------ drawing
    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.changes))
        self._lines.clear()

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if width != self._width:
            self._lines.clear()
            self._width = width
        # Only the colours: the widget's own style may carry meta, which makes combining it
        # with every segment slow.
        rich_style = self.rich_style
        base = Style(color=rich_style.color, bgcolor=rich_style.bgcolor)
        if not 0 <= row < len(self.changes):
            return Strip.blank(width, base)
        strip = self._lines.get(row)
        if strip is None:
            text = row_text(self.changes[row])
            text.truncate(width, overflow="ellipsis", pad=True)
            segments = list(text.render(self.app.console))
            strip = Strip(segments).crop_extend(0, width, None).apply_style(base)
            self._lines[row] = strip
        if row == self.cursor:
            cursor: Style = self.get_component_rich_style("change-list--cursor")
            strip = Strip(Segment.apply_style(strip, post_style=cursor), strip.cell_length)
        return strip

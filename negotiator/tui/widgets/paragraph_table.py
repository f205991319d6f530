"""Provides the paragraph list: one row per paragraph, grouped under section rows.

The rows are built from the in-memory list the screen loaded once per round; moving the
cursor never rebuilds them (only a filter, an insertion or a reload does).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual import events
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowDoesNotExist

from negotiator.domain.model import Status
from negotiator.services.views import ParagraphView

BADGES: dict[Status, tuple[str, str]] = {
    Status.PENDING: ("pending", "bold #e5a50a"),
    Status.AGREED_AD_REF: ("ad ref", "bold #3584e4"),
    Status.AGREED: ("agreed", "bold #2ec27e"),
    Status.DELETED: ("deleted", "#c01c28"),
}
"""Status badge text and style, shown in the list (colours legible on light and dark)."""

SECTION_PREFIX = "section:"
SCROLLBAR = 2
FIELDS: tuple[tuple[str, int], ...] = (
    ("", 2),
    ("Label", 11),
    ("Status", 8),
    ("Src", 4),
    ("Sponsor", 11),
    ("Text", 0),
)
"""The fields of a row and their widths (the text takes the rest)."""
HEADER = "".join(name.ljust(width) for name, width in FIELDS)


def fit(text: str, width: int) -> str:
    """Cut ``text`` and pad it so that one space is left before the next field."""
    text = text if len(text) < width else text[: width - 2] + "…"
    return text.ljust(width)


def badge(status: Status) -> Text:
    text, style = BADGES[status]
    return Text(text, style=style)


def row_text(p: ParagraphView, links: int, dirty: bool) -> Text:
    """One paragraph as a single line of fixed-width fields.

    A row is one cell: rendering one Text per row (not one per field) keeps a full repaint
    of the list cheap when the cursor jumps far.
    """
    strike = " strike dim" if p.status is Status.DELETED else ""
    label, style = BADGES[p.status]
    preview = p.text if len(p.text) <= 300 else p.text[:300] + "…"
    return Text.assemble(
        ("● " if dirty else "  ", "bold #e66100"),
        (fit(p.label, 11), "bold" + strike),
        (fit(label, 8), style),
        (f"{links:>2}  " if links else " ·  ", ""),
        (fit(p.sponsor or "", 11), strike.strip()),
        (preview, strike.strip()),
        no_wrap=True,
        overflow="ellipsis",
    )


def section_text(title: str) -> Text:
    return Text(f"§ {title}", style="bold", no_wrap=True, overflow="ellipsis")


class ParagraphTable(DataTable[Text]):
    """The declaration as a list by section (row keys: paragraph ids, or ``section:N``)."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, cursor_type="row", zebra_stripes=False, cell_padding=0)
        self._width = 80
        self._texts: dict[int, Text] = {}

    def on_mount(self) -> None:
        self.add_column(HEADER, key="row", width=self._width)

    def on_resize(self, event: events.Resize) -> None:
        width = max(20, event.size.width - SCROLLBAR)
        if width != self._width and ColumnKey("row") in self.columns:
            self._width = width
            self.columns[ColumnKey("row")].width = width
            self._require_update_dimensions = True
            self.refresh()

    # ------------------------------------------------------------------ rows
    def show(
        self,
        paragraphs: Sequence[ParagraphView],
        link_counts: dict[int, int],
        dirty: Iterable[int],
        *,
        select_id: int | None = None,
    ) -> None:
        """Rebuild every row (on load, filter, insertion), keeping the cursor on ``select_id``."""
        dirty_ids = set(dirty)
        self.clear()
        self._texts.clear()
        section: str | None = None
        cursor_row = -1
        row = 0
        for p in paragraphs:
            if p.section != section:
                section = p.section
                self.add_row(section_text(section or "(no section)"), key=f"{SECTION_PREFIX}{row}")
                row += 1
            if p.id == select_id:
                cursor_row = row
            text = row_text(p, link_counts.get(p.id, 0), p.id in dirty_ids)
            self._texts[p.id] = text
            self.add_row(text, key=str(p.id))
            row += 1
        if row:
            if cursor_row < 0:
                cursor_row = 1 if row > 1 and self.paragraph_id_at(0) is None else 0
            self.move_cursor(row=cursor_row, animate=False, scroll=True)

    def row_text(self, paragraph_id: int) -> Text | None:
        """The row of a paragraph as shown (``None`` if filtered out)."""
        return self._texts.get(paragraph_id)

    def update_paragraph(self, p: ParagraphView, links: int, dirty: bool) -> None:
        """Redraw one row in place (after a save, a link, a draft change)."""
        if p.id not in self._texts:
            return
        text = row_text(p, links, dirty)
        self._texts[p.id] = text
        self.update_cell(str(p.id), "row", text)

    def set_dirty(self, paragraph_id: int, dirty: bool) -> None:
        text = self._texts.get(paragraph_id)
        if text is None or text.plain.startswith("●") == dirty:
            return
        text = text.copy()
        text.plain = ("● " if dirty else "  ") + text.plain[2:]
        if dirty:
            text.stylize("bold #e66100", 0, 1)
        self._texts[paragraph_id] = text
        self.update_cell(str(paragraph_id), "row", text)

    # ------------------------------------------------------------------ navigation
    def action_cursor_down(self) -> None:
        """Move down, stepping over a section row."""
        super().action_cursor_down()
        if self.paragraph_id_at(self.cursor_row) is None and self.cursor_row < self.row_count - 1:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        """Move up, stepping over a section row (the first paragraph is as high as it goes)."""
        super().action_cursor_up()
        if self.paragraph_id_at(self.cursor_row) is None:
            if self.cursor_row > 0:
                super().action_cursor_up()
            else:
                super().action_cursor_down()

    def paragraph_id_at(self, row: int) -> int | None:
        """The paragraph id on a row, or ``None`` for a section row."""
        if not 0 <= row < self.row_count:
            return None
        key = self.coordinate_to_cell_key((row, 0)).row_key.value or ""
        return None if key.startswith(SECTION_PREFIX) else int(key)

    def select_paragraph(self, paragraph_id: int) -> bool:
        try:
            row = self.get_row_index(str(paragraph_id))
        except RowDoesNotExist:
            return False
        self.move_cursor(row=row)
        return True

    def jump_section(self, step: int) -> None:
        """Move to the first paragraph of the next (``step=1``) or previous section."""
        row = self.cursor_row
        # Find the section row of the current paragraph, then the next/previous one.
        start = row
        while start > 0 and self.paragraph_id_at(start) is not None:
            start -= 1
        target = start + step
        while 0 <= target < self.row_count and self.paragraph_id_at(target) is not None:
            target += step
        if 0 <= target < self.row_count:
            self.move_cursor(row=min(target + 1, self.row_count - 1))
        elif step < 0:
            self.move_cursor(row=min(1, self.row_count - 1))

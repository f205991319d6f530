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
    Status.AGREED_AD_REF: ("ad ref", "bold #1c71d8"),
    Status.AGREED: ("agreed", "bold #2ec27e"),
    Status.DELETED: ("deleted", "#c01c28"),
}
"""Status badge text and style, shown in the list (colours legible on light and dark)."""

SECTION_PREFIX = "section:"
FIXED_WIDTH = 2 + 11 + 8 + 13 + 4 + 5 * 2  # marker, label, status, sponsor, links, padding


def badge(status: Status) -> Text:
    text, style = BADGES[status]
    return Text(text, style=style)


class ParagraphTable(DataTable[Text | str]):
    """The declaration as a list by section."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(id=id, cursor_type="row", zebra_stripes=False)
        self._text_width = 40

    def on_mount(self) -> None:
        self.add_column("", key="mark", width=1)
        self.add_column("Label", key="label", width=11)
        self.add_column("Status", key="status", width=8)
        self.add_column("Sponsor", key="sponsor", width=13)
        self.add_column("Src", key="links", width=3)
        self.add_column("Text", key="text", width=self._text_width)

    def on_resize(self, event: events.Resize) -> None:
        width = max(20, event.size.width - FIXED_WIDTH - 1)
        if width != self._text_width and ColumnKey("text") in self.columns:
            self._text_width = width
            self.columns[ColumnKey("text")].width = width
            self._require_update_dimensions = True
            self.refresh()

    # ------------------------------------------------------------------ rows
    @staticmethod
    def _cells(p: ParagraphView, links: int, dirty: bool) -> list[Text | str]:
        deleted = p.status is Status.DELETED
        strike = "strike dim" if deleted else ""
        preview = p.text if len(p.text) <= 400 else p.text[:400] + "…"
        return [
            Text("●", style="bold #e66100") if dirty else Text(""),
            Text(p.label, style=f"bold {strike}".strip()),
            badge(p.status),
            Text(p.sponsor or "", style=strike),
            Text(str(links) if links else "·", justify="right"),
            Text(preview, style=strike, no_wrap=True, overflow="ellipsis"),
        ]

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
        section: str | None = None
        cursor_row = 0
        row = 0
        rows = []
        keys = []
        for p in paragraphs:
            if p.section != section:
                section = p.section
                rows.append(["", Text("§", style="bold"), "", "", "", Text(section or "(no section)", style="bold reverse")])
                keys.append(f"{SECTION_PREFIX}{row}")
                row += 1
            if p.id == select_id:
                cursor_row = row
            rows.append(self._cells(p, link_counts.get(p.id, 0), p.id in dirty_ids))
            keys.append(str(p.id))
            row += 1
        for cells, key in zip(rows, keys, strict=True):
            self.add_row(*cells, key=key)
        if rows:
            if select_id is None or cursor_row == 0:
                cursor_row = 1 if len(rows) > 1 and keys[0].startswith(SECTION_PREFIX) else 0
            self.move_cursor(row=cursor_row, animate=False, scroll=True)

    def update_paragraph(self, p: ParagraphView, links: int, dirty: bool) -> None:
        """Redraw one row in place (after a save, a link, a draft change)."""
        try:
            self.get_row_index(str(p.id))
        except RowDoesNotExist:
            return
        for column, value in zip(
            ("mark", "label", "status", "sponsor", "links", "text"), self._cells(p, links, dirty), strict=True
        ):
            self.update_cell(str(p.id), column, value)

    def set_dirty(self, paragraph_id: int, dirty: bool) -> None:
        try:
            self.update_cell(str(paragraph_id), "mark", Text("●", style="bold #e66100") if dirty else Text(""))
        except Exception:  # the row is filtered out
            pass

    # ------------------------------------------------------------------ navigation
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

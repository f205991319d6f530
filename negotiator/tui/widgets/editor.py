"""Provides the paragraph editor: a TextArea that highlights square brackets as you type.

Matched brackets are drawn bold, the bracketed (contested) text in a distinct colour, and an
unbalanced bracket in reverse red, so a drafter sees at once what still needs closing.
"""

from __future__ import annotations

from rich.style import Style
from textual.widgets import TextArea
from textual.widgets.text_area import TextAreaTheme

from negotiator.domain.brackets import BracketReport, parse_brackets

THEME_NAME = "negotiator-brackets"

BRACKET_THEME = TextAreaTheme(
    name=THEME_NAME,
    syntax_styles={
        "bracket": Style(bold=True, color="#e5a50a"),
        "bracketed": Style(color="#62a0ea", italic=True),
        "bracket.unbalanced": Style(bold=True, color="#ffffff", bgcolor="#c01c28"),
    },
)
"""No base style: the editor's colours come from the app's CSS, so light and dark both work."""


class ParagraphEditor(TextArea):
    """Edits one paragraph's text; knows which paragraph it shows."""

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__("", id=id, soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        self.register_theme(BRACKET_THEME)
        self.theme = THEME_NAME
        self.paragraph_id: int | None = None
        """The paragraph whose text (or draft) is in the editor."""
        self.report: BracketReport = parse_brackets("")
        """The bracket analysis of the current text (updated on every edit)."""

    def show_paragraph(self, paragraph_id: int | None, text: str) -> None:
        """Put a paragraph's text (or its draft) in the editor."""
        self.paragraph_id = paragraph_id
        self.load_text(text)

    def _build_highlight_map(self) -> None:
        """Highlight brackets instead of a tree-sitter syntax (runs on every edit)."""
        self._line_cache.clear()
        highlights = self._highlights
        highlights.clear()
        text = self.document.text
        self.report = report = parse_brackets(text)
        if "[" not in text and "]" not in text:
            return
        lines = text.split("\n")
        starts: list[int] = []
        offset = 0
        for line in lines:
            starts.append(offset)
            offset += len(line) + 1

        def where(index: int) -> tuple[int, int]:
            # Binary search would do; paragraphs have very few lines.
            row = 0
            while row + 1 < len(starts) and starts[row + 1] <= index:
                row += 1
            column = index - starts[row]
            return row, len(lines[row][:column].encode("utf-8"))

        def mark(start: int, end: int, name: str) -> None:
            """Highlight text[start:end] (may span lines)."""
            if end <= start:
                return
            row_a, col_a = where(start)
            row_b, col_b = where(end)
            if row_a == row_b:
                highlights[row_a].append((col_a, col_b, name))
                return
            highlights[row_a].append((col_a, None, name))
            for row in range(row_a + 1, row_b):
                highlights[row].append((0, None, name))
            highlights[row_b].append((0, col_b, name))

        for span in report.spans:
            if span.depth == 1:
                mark(span.start + 1, span.end, "bracketed")
        for span in report.spans:
            mark(span.start, span.start + 1, "bracket")
            mark(span.end, span.end + 1, "bracket")
        for problem in report.problems:
            mark(problem.offset, problem.offset + 1, "bracket.unbalanced")

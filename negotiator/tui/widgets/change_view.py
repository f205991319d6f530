"""Provides the detail of one paragraph of a round diff: what changed and the full redline.

Inline, the redline is one text with deletions struck through (red) and insertions
underlined (green); side by side, round A's text shows the deletions and round B's the
insertions.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from negotiator.domain.diffing import ParagraphChange, RoundDiff
from negotiator.rendering import DELETE_STYLE, INSERT_STYLE, KIND_STYLE, ops_text
from negotiator.tui.widgets.paragraph_table import BADGES


def _status(change: ParagraphChange, side: str) -> str:
    status = change.status_a if side == "a" else change.status_b
    return BADGES[status][0] if status is not None else "—"


def change_heading(change: ParagraphChange, name_a: str, name_b: str) -> Text:
    """The label, the change kinds, and what changed besides the words."""
    out = Text()
    if change.label_a and change.label_b and change.label_a != change.label_b:
        out.append(f"{change.label_a} → {change.label_b}", style="bold")
    else:
        out.append(change.label_b or change.label_a or "", style="bold")
    out.append("  ")
    for i, kind in enumerate(change.kinds):
        if i:
            out.append(", ")
        out.append(kind.replace("_", " "), style=KIND_STYLE.get(kind, ""))
    facts: list[str] = []
    if change.label_a is None:
        facts.append(f"new in {name_b}")
    elif change.label_b is None:
        facts.append(f"not in {name_b}")
    if change.status_a != change.status_b and change.label_a and change.label_b:
        facts.append(f"status {_status(change, 'a')} → {_status(change, 'b')}")
    elif change.status_b or change.status_a:
        facts.append(f"status {_status(change, 'b' if change.label_b else 'a')}")
    if change.sponsor_a != change.sponsor_b and change.label_a and change.label_b:
        facts.append(f"sponsor {change.sponsor_a or '—'} → {change.sponsor_b or '—'}")
    elif change.sponsor_b or change.sponsor_a:
        facts.append(f"sponsor {change.sponsor_b or change.sponsor_a}")
    if change.brackets_a != change.brackets_b and change.label_a and change.label_b:
        facts.append(f"bracketed spans {change.brackets_a} → {change.brackets_b}")
    if change.words_removed or change.words_added:
        facts.append(f"words -{change.words_removed} +{change.words_added}")
    if facts:
        out.append("  ·  " + "  ·  ".join(facts), style="")
    section_a, section_b = change.section_a, change.section_b
    if section_a and section_b and section_a != section_b:
        out.append(f"\n§ {section_a} → {section_b}", style="italic")
    else:
        out.append(f"\n§ {section_b or section_a or ''}", style="italic")
    return out


def side_texts(change: ParagraphChange) -> tuple[Text, Text]:
    """Round A's text with the deletions struck, round B's with the insertions underlined."""
    a, b = Text(), Text()
    for op in change.ops:
        if op.op in ("equal", "delete"):
            a.append(op.text, style=DELETE_STYLE if op.op == "delete" else "")
        if op.op in ("equal", "insert"):
            b.append(op.text, style=INSERT_STYLE if op.op == "insert" else "")
    return a, b


def render_change(
    change: ParagraphChange, name_a: str, name_b: str, *, side_by_side: bool
) -> RenderableType:
    heading = change_heading(change, name_a, name_b)
    if not side_by_side:
        body = ops_text(change.ops) if change.ops else Text("(no text)", style="dim")
        return Group(heading, Text(""), body)
    a, b = side_texts(change)
    grid = Table.grid(expand=True, padding=(0, 2))
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    grid.add_row(Text(name_a, style="bold underline"), Text(name_b, style="bold underline"))
    grid.add_row(
        a if change.label_a is not None else Text(f"(not in {name_a})", style="dim italic"),
        b if change.label_b is not None else Text(f"(not in {name_b})", style="dim italic"),
    )
    return Group(heading, Text(""), grid)


def render_summary(diff: RoundDiff, name_a: str, name_b: str, shown: int) -> Text:
    """The diff's figures: paragraphs, words, agreed shares, and the count of each kind."""
    s = diff.summary
    out = Text()
    out.append(f"{name_a} → {name_b}:", style="bold")
    out.append(f" {s.live_paragraphs_a} → {s.live_paragraphs_b} paragraphs")
    out.append(f" · {s.words_a} → {s.words_b} words (")
    out.append(f"-{s.words_removed}", style="red")
    out.append(" ")
    out.append(f"+{s.words_added}", style="green")
    out.append(")")
    out.append(
        f" · agreed {s.agreed_share_a:.0%} → {s.agreed_share_b:.0%}"
        f" (with ad ref {s.agreed_or_ad_ref_share_a:.0%} → {s.agreed_or_ad_ref_share_b:.0%})"
    )
    out.append("\n")
    first = True
    for kind, count in s.counts.items():
        if not count:
            continue
        if not first:
            out.append(" · ")
        first = False
        out.append(f"{count} {kind.replace('_', ' ')}", style=KIND_STYLE.get(kind, ""))
    out.append(f" · {shown} of {len(diff.changes)} shown", style="dim")
    return out


class ChangeDetail(Static):
    """The highlighted paragraph of the review: heading and redline (inline or side by side)."""

    plain: str = ""
    """What is shown, as plain text (heading, round names when side by side, texts)."""

    def show(
        self,
        change: ParagraphChange | None,
        name_a: str,
        name_b: str,
        *,
        side_by_side: bool,
        empty: str = "No paragraph.",
    ) -> None:
        if change is None:
            self.plain = empty
            self.update(Text(empty, style="dim"))
            return
        heading = change_heading(change, name_a, name_b).plain
        if side_by_side:
            a, b = side_texts(change)
            self.plain = f"{heading}\n{name_a}\n{a.plain}\n{name_b}\n{b.plain}"
        else:
            self.plain = f"{heading}\n{ops_text(change.ops).plain}"
        self.update(render_change(change, name_a, name_b, side_by_side=side_by_side))

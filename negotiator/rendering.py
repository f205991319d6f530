"""Provides Rich renderings shared by the front ends (CLI and TUI): word diffs, status styles."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text

from negotiator.domain.diffing import DiffOp, ParagraphChange, RoundDiff

DELETE_STYLE = "strike red"
INSERT_STYLE = "underline green"
STATUS_STYLE = {
    "pending": "yellow",
    "agreed ad ref": "cyan",
    "agreed": "green",
    "deleted": "red strike",
}
KIND_STYLE = {
    "added": "bold green",
    "deleted": "bold red",
    "moved": "blue",
    "relabelled": "magenta",
    "reworded": "yellow",
    "status_changed": "cyan",
    "sponsor_changed": "cyan",
    "brackets_changed": "dark_orange",
    "unchanged": "dim",
}


def ops_text(ops: Iterable[DiffOp]) -> Text:
    """Word operations as one Rich Text: deletions struck through red, insertions underlined green."""
    text = Text()
    for op in ops:
        style = DELETE_STYLE if op.op == "delete" else INSERT_STYLE if op.op == "insert" else ""
        text.append(op.text, style=style)
    return text


def change_label(change: ParagraphChange) -> Text:
    if change.label_a and change.label_b and change.label_a != change.label_b:
        return Text(f"{change.label_a} → {change.label_b}")
    return Text(change.label_b or change.label_a or "")


def change_kinds(change: ParagraphChange) -> Text:
    text = Text()
    for i, kind in enumerate(change.kinds):
        if i:
            text.append("\n")
        text.append(kind.replace("_", " "), style=KIND_STYLE.get(kind, ""))
    if change.status_a and change.status_b and change.status_a != change.status_b:
        text.append(f"\n{change.status_a.value} → {change.status_b.value}", style="dim")
    return text


def diff_table(diff: RoundDiff) -> Table:
    table = Table("paragraph", "change", "text", expand=True, show_lines=True)
    for change in diff.changes:
        table.add_row(change_label(change), change_kinds(change), ops_text(change.ops))
    return table


def summary_table(diff: RoundDiff, name_a: str, name_b: str) -> Table:
    s = diff.summary
    table = Table("figure", name_a, name_b, title="Summary")
    table.add_row("paragraphs (not deleted)", str(s.live_paragraphs_a), str(s.live_paragraphs_b))
    table.add_row("words", str(s.words_a), str(s.words_b))
    table.add_row("agreed", f"{s.agreed_share_a:.0%}", f"{s.agreed_share_b:.0%}")
    table.add_row(
        "agreed or agreed ad ref",
        f"{s.agreed_or_ad_ref_share_a:.0%}",
        f"{s.agreed_or_ad_ref_share_b:.0%}",
    )
    table.add_row("words removed / added", "", f"-{s.words_removed} / +{s.words_added}")
    counts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in s.counts.items() if v)
    table.caption = counts
    return table

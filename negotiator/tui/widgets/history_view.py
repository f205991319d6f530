"""Provides the history view: a paragraph's versions by round, each with a word diff.

Deletions are struck through in red, insertions underlined in green (Rich styles live here,
never in the domain).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widgets import Static

from negotiator.domain.diffing import DiffOp, word_diff
from negotiator.services.views import VersionView

DELETE_STYLE = "strike #e01b24"
INSERT_STYLE = "underline bold #26a269"


def diff_text(ops: Sequence[DiffOp]) -> Text:
    """A word diff as Rich text."""
    out = Text()
    for op in ops:
        style = DELETE_STYLE if op.op == "delete" else INSERT_STYLE if op.op == "insert" else ""
        out.append(op.text, style=style)
    return out


def render_history(versions: Sequence[VersionView]) -> RenderableType:
    """Newest version first; each shows what changed from the one before it."""
    if not versions:
        return Text("No versions.", style="dim")
    blocks: list[RenderableType] = []
    for i in range(len(versions) - 1, -1, -1):
        v = versions[i]
        head = Text.assemble(
            (f"v{v.version_no}", "bold"),
            "  ",
            (v.round_name, "bold"),
            "  ",
            (v.label, ""),
            "  ",
            (v.status.value, "italic"),
            ("  sponsor: " + v.sponsor if v.sponsor else "", ""),
            (f"  by {v.author}", "dim"),
        )
        blocks.append(head)
        if i == 0:
            blocks.append(Text(v.text))
        else:
            before = versions[i - 1]
            changes = []
            if before.status is not v.status:
                changes.append(f"status {before.status.value} → {v.status.value}")
            if before.sponsor != v.sponsor:
                changes.append(f"sponsor {before.sponsor or '—'} → {v.sponsor or '—'}")
            if before.label != v.label:
                changes.append(f"label {before.label} → {v.label}")
            if changes:
                blocks.append(Text("; ".join(changes), style="italic dim"))
            blocks.append(
                diff_text(word_diff(before.text, v.text))
                if before.text != v.text
                else Text(v.text, style="dim")
            )
        blocks.append(Text(""))
    return Group(*blocks)


class HistoryView(Static):
    """Shows :func:`render_history` for the selected paragraph."""

    version_count: int = 0
    """How many versions are shown."""

    def show(self, versions: Sequence[VersionView]) -> None:
        self.version_count = len(versions)
        self.update(render_history(versions))

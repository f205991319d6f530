"""Provides the history view: a paragraph's versions by round, each with a word diff.

Deletions are struck through in red, insertions underlined in green (Rich styles live here,
never in the domain).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widgets import Static

from negotiator.domain.diffing import word_diff
from negotiator.rendering import ops_text
from negotiator.services.audit import LogEntry
from negotiator.services.views import VersionView


def when(moment: datetime) -> str:
    """A version's or an event's time, in the machine's local time."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def render_history(
    versions: Sequence[VersionView], trail: Sequence[LogEntry] = ()
) -> RenderableType:
    """Newest version first; each shows what changed from the one before it, who made it and
    when; then the links made and removed (the rest of the paragraph's audit trail)."""
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
            (f"  by {v.author}, {when(v.created_at)}", "dim"),
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
                ops_text(word_diff(before.text, v.text))
                if before.text != v.text
                else Text(v.text, style="dim")
            )
        blocks.append(Text(""))
    links = [e for e in trail if e.action in ("linked", "unlinked")]
    if links:
        blocks.append(Text("Links", style="bold"))
        for e in reversed(links):
            blocks.append(
                Text.assemble(
                    (f"{e.action} {e.detail}", ""), (f"  by {e.user}, {when(e.at)}", "dim")
                )
            )
    return Group(*blocks)


class HistoryView(Static):
    """Shows :func:`render_history` for the selected paragraph."""

    version_count: int = 0
    """How many versions are shown."""

    def show(self, versions: Sequence[VersionView], trail: Sequence[LogEntry] = ()) -> None:
        self.version_count = len(versions)
        self.update(render_history(versions, trail))

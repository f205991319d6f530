"""Provides the export dialog: clean draft or compilation text, format, file (ctrl+e)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

FORMAT_CHOICES = [
    ("Word (.docx)", "docx"),
    ("Markdown (.md)", "md"),
    ("Plain text (.txt)", "txt"),
    ("Web page (.html)", "html"),
    ("Akoma Ntoso XML (.xml)", "akn"),
]
SUFFIX = {"docx": ".docx", "md": ".md", "txt": ".txt", "html": ".html", "akn": ".xml"}
CLEAN = "__clean__"


@dataclass(frozen=True)
class ExportRequest:
    """What the user asked to export (the app runs it in a worker)."""

    fmt: str
    round_name: str
    compare: str | None
    final: bool
    keep_labels: bool
    path: Path


class ExportModal(ModalScreen[ExportRequest | None]):
    """Choose the round, clean draft or compilation (changes since another round), the
    format and the file; ``None`` if cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="export-cancel"),
        Binding("ctrl+s", "submit", "Export", id="export-submit"),
    ]
    """Escape cancels; ctrl+s (or the Export button) exports."""

    def __init__(self, slug: str, rounds: list[str], *, folder: Path | None = None) -> None:
        super().__init__()
        self.slug = slug
        self.rounds = rounds
        self.folder = folder or Path.cwd()

    def compose(self) -> ComposeResult:
        latest = self.rounds[-1]
        with Vertical(classes="dialog wide", id="export-dialog"):
            yield Label("Export", classes="dialog-title")
            yield Static("Round", classes="dialog-help")
            yield Select(
                [(r, r) for r in self.rounds], value=latest, allow_blank=False, id="export-round"
            )
            yield Static("Text", classes="dialog-help")
            kinds = [("Clean draft (numbered; no sponsors, notes or tracked changes)", CLEAN)]
            kinds += [(f"Compilation: changes since {r}", r) for r in self.rounds[:-1]]
            yield Select(kinds, value=CLEAN, allow_blank=False, id="export-kind")
            yield Static("Format", classes="dialog-help")
            yield Select(FORMAT_CHOICES, value="docx", allow_blank=False, id="export-format")
            with Horizontal(classes="dialog-options"):
                yield Checkbox(
                    "Final (refuse if anything is bracketed or not agreed)", id="export-final"
                )
                yield Checkbox("Keep labels (Markdown draft format)", id="export-labels")
            yield Static("File", classes="dialog-help")
            yield Input(str(self._default_path(latest, "docx")), id="export-path")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Export", id="export", variant="primary")
                yield Button("Cancel", id="cancel")

    def _default_path(self, round_name: str, fmt: str) -> Path:
        safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in round_name).strip("-")
        return self.folder / f"{self.slug}-{safe}{SUFFIX[fmt]}"

    @on(Select.Changed, "#export-format")
    @on(Select.Changed, "#export-round")
    def _suggest_path(self) -> None:
        path_input = self.query_one("#export-path", Input)
        fmt = str(self.query_one("#export-format", Select).value)
        current = Path(path_input.value)
        if current.parent == self.folder and current.name.startswith(f"{self.slug}-"):
            path_input.value = str(
                self._default_path(str(self.query_one("#export-round", Select).value), fmt)
            )
        else:
            path_input.value = str(current.with_suffix(SUFFIX[fmt]))

    def action_submit(self) -> None:
        kind = self.query_one("#export-kind", Select).value
        path = self.query_one("#export-path", Input).value.strip()
        if not path:
            self.notify("Give the file to write.", severity="warning")
            return
        self.dismiss(
            ExportRequest(
                fmt=str(self.query_one("#export-format", Select).value),
                round_name=str(self.query_one("#export-round", Select).value),
                compare=None if kind == CLEAN else str(kind),
                final=self.query_one("#export-final", Checkbox).value,
                keep_labels=self.query_one("#export-labels", Checkbox).value,
                path=Path(path).expanduser(),
            )
        )

    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

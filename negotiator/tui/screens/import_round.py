"""Provides "Import a round": a draft file (Word, PDF, Markdown, text) as the next round.

Chairs pick the file in a tree of the folders (only drafts shown) or type its path, name the
round, and import: the file is read in a worker (a progress bar per page of a PDF), matched
with the paragraphs of the last round and stored; the dialog then shows what was matched
(unchanged, reworded, moved or relabelled, new, deleted) and what the reader noticed (tracked
changes accepted, footnotes left out).  A file that cannot be read is refused with the message
naming it, and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, DirectoryTree, Input, Label, ProgressBar, Static

from negotiator.domain.errors import FileFormatError
from negotiator.services.errors import NegotiatorError
from negotiator.services.views import RoundImportReport

if TYPE_CHECKING:
    from negotiator.tui.app import NegotiatorApp

DRAFT_SUFFIXES = frozenset({".docx", ".pdf", ".md", ".markdown", ".txt"})


class DraftTree(DirectoryTree):
    """Folders and draft files (.docx, .pdf, .md, .txt), hidden files left out."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            p
            for p in paths
            if not p.name.startswith(".") and (p.is_dir() or p.suffix.lower() in DRAFT_SUFFIXES)
        ]


class ImportProgress(Message):
    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class ImportDone(Message):
    def __init__(self, report: RoundImportReport, notes: tuple[str, ...], kind: str) -> None:
        super().__init__()
        self.report = report
        self.notes = notes
        self.kind = kind


class ImportFailed(Message):
    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message


def summary(report: RoundImportReport) -> str:
    """``Round 'Rev.1' imported (open): 3 unchanged, 1 reworded, ...``."""
    state = "open" if report.round.is_open else "frozen"
    return (
        f"Round {report.round.name!r} imported ({state}): {report.continued} unchanged, "
        f"{report.reworded} reworded, {report.moved_or_relabelled} moved or relabelled, "
        f"{report.new} new, {report.deleted} deleted."
    )


class ImportRoundScreen(ModalScreen[RoundImportReport | None]):
    """The dialog; dismissed with the report of the import (``None`` when closed before)."""

    DEFAULT_CSS = """
    ImportRoundScreen { align: center middle; }
    #import-dialog {
        width: 90%; max-width: 100; height: 90%; border: thick $primary; background: $surface;
        padding: 0 1;
    }
    #import-tree { height: 1fr; min-height: 4; }
    #import-dialog Input { margin: 0; }
    #import-progress { margin: 0; }
    #import-result { height: auto; max-height: 8; }
    #import-buttons { height: auto; align-horizontal: right; }
    """
    BINDINGS = [Binding("escape", "close", "Close", id="import-close-key")]

    def __init__(self, start: Path, round_name: str, slug: str | None) -> None:
        super().__init__()
        self.start = start
        self.round_name = round_name
        self.slug = slug
        self.report: RoundImportReport | None = None
        self.busy = False

    @property
    def napp(self) -> NegotiatorApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog"):
            yield Label("[b]Import a round[/b]: a draft as .docx, .pdf, .md or .txt")
            yield DraftTree(self.start, id="import-tree")
            yield Input(placeholder="Draft file (pick it above or type its path)", id="import-path")
            yield Input(
                value=self.round_name, placeholder="Round name, e.g. Rev.1", id="import-name"
            )
            yield ProgressBar(id="import-progress", show_eta=False)
            yield Static("", id="import-result")
            with Horizontal(id="import-buttons"):
                yield Button("Import", variant="primary", id="import-go")
                yield Button("Close", id="import-close")

    @on(DirectoryTree.FileSelected)
    def _picked(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one("#import-path", Input).value = str(event.path)
        self.query_one("#import-name", Input).focus()

    @on(Button.Pressed, "#import-close")
    def action_close(self) -> None:
        if not self.busy:
            self.dismiss(self.report)

    @on(Button.Pressed, "#import-go")
    @on(Input.Submitted, "#import-name, #import-path")
    def start_import(self) -> None:
        if self.busy or self.report is not None:
            return
        path = self.query_one("#import-path", Input).value.strip()
        name = self.query_one("#import-name", Input).value.strip()
        result = self.query_one("#import-result", Static)
        if not path:
            result.update("[#c01c28]Pick a draft file first.[/]")
            return
        if not name:
            result.update("[#c01c28]The round needs a name.[/]")
            return
        self.busy = True
        self.query_one("#import-go", Button).disabled = True
        result.update(f"Reading {Path(path).name}…")
        self._import(Path(path).expanduser(), name)

    @work(thread=True, exclusive=True, group="import-round", exit_on_error=False)
    def _import(self, path: Path, name: str) -> None:
        from negotiator.domain.readers import read_draft

        def progress(done: int, total: int) -> None:
            self.post_message(ImportProgress(done, total))

        try:
            data = path.read_bytes()
            read = read_draft(data, str(path), progress=progress)
            report = self.napp.backend.drafting.import_round(
                read.document, name=name, slug=self.slug, freeze=False
            )
        except (FileFormatError, NegotiatorError) as exc:
            self.post_message(ImportFailed(str(exc)))
            return
        except OSError as exc:
            self.post_message(ImportFailed(f"{path}: {exc.strerror or exc}"))
            return
        self.post_message(ImportDone(report, read.notes, read.kind))

    @on(ImportProgress)
    def _progress(self, message: ImportProgress) -> None:
        self.query_one("#import-progress", ProgressBar).update(
            total=message.total, progress=message.done
        )

    @on(ImportFailed)
    def _failed(self, message: ImportFailed) -> None:
        self.busy = False
        self.query_one("#import-go", Button).disabled = False
        self.query_one("#import-result", Static).update(
            f"[#c01c28]Not imported; nothing was changed.[/]\n{_escape(message.message)}"
        )

    @on(ImportDone)
    def _done(self, message: ImportDone) -> None:
        self.busy = False
        self.report = message.report
        bar = self.query_one("#import-progress", ProgressBar)
        bar.update(total=bar.total or 1, progress=bar.total or 1)
        lines = [_escape(summary(message.report))]
        lines += [f"· {_escape(note)}" for note in message.notes]
        self.query_one("#import-result", Static).update("\n".join(lines))
        self.query_one("#import-close", Button).focus()


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)

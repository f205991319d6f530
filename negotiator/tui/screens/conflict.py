"""Provides the conflict dialog: someone saved the paragraph meanwhile; nothing was overwritten."""

from __future__ import annotations

from typing import Literal

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from negotiator.domain.diffing import word_diff
from negotiator.rendering import DELETE_STYLE, INSERT_STYLE
from negotiator.services.errors import ConflictError

Choice = Literal["mine", "theirs", "edit"]


class ConflictModal(ModalScreen[Choice]):
    """Both texts side by side, and the choice: keep mine, take theirs, or keep editing."""

    BINDINGS = [
        Binding("m", "choose('mine')", "Keep mine", id="conflict-mine"),
        Binding("t", "choose('theirs')", "Take theirs", id="conflict-theirs"),
        Binding("escape,e", "choose('edit')", "Keep editing", id="conflict-edit"),
    ]
    """m keeps my text (saved on top of theirs), t takes theirs, e/escape goes back to editing."""

    def __init__(self, conflict: ConflictError) -> None:
        super().__init__()
        self.conflict = conflict

    def compose(self) -> ComposeResult:
        c = self.conflict
        theirs = Text()
        mine = Text()
        for op in word_diff(c.theirs, c.mine):
            if op.op in ("equal", "delete"):
                theirs.append(op.text, style=DELETE_STYLE if op.op == "delete" else "")
            if op.op in ("equal", "insert"):
                mine.append(op.text, style=INSERT_STYLE if op.op == "insert" else "")
        with Vertical(classes="dialog wide", id="conflict-dialog"):
            yield Label(f"Conflict on {c.label}: nothing was saved", classes="dialog-title")
            yield Static(
                f"You edited version {c.base_version}, but {c.their_author} saved version "
                f"{c.current_version} since. Choose which text to keep.",
                classes="dialog-help",
            )
            with Horizontal(id="conflict-texts"):
                with VerticalScroll(classes="conflict-side"):
                    yield Label(
                        f"Theirs (v{c.current_version}, {c.their_author})", classes="side-title"
                    )
                    yield Static(theirs, id="theirs-text")
                with VerticalScroll(classes="conflict-side"):
                    yield Label("Mine (not saved)", classes="side-title")
                    yield Static(mine, id="mine-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep mine (m)", id="mine", variant="warning")
                yield Button("Take theirs (t)", id="theirs", variant="primary")
                yield Button("Keep editing (e)", id="edit")

    def action_choose(self, choice: Choice) -> None:
        self.dismiss(choice)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        if event.button.id in ("mine", "theirs", "edit"):
            self.dismiss(event.button.id)  # type: ignore[arg-type]

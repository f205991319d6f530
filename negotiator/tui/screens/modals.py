"""Provides small modal dialogs: confirm, prompt for text, choose one of several."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option


class ConfirmModal(ModalScreen[bool]):
    """Ask a yes/no question; dismisses with ``True`` for yes."""

    BINDINGS = [
        Binding("escape", "dismiss(False)", "Cancel", id="confirm-cancel"),
        Binding("y", "dismiss(True)", "Yes", show=False),
        Binding("n", "dismiss(False)", "No", show=False),
    ]
    """Escape or n says no, y says yes."""

    def __init__(
        self, question: str, *, yes: str = "Yes", no: str = "No", title: str = "Please confirm"
    ) -> None:
        super().__init__()
        self.question, self.yes, self.no, self.title_text = question, yes, no, title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.question, classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, id="yes", variant="primary")
                yield Button(self.no, id="no")

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)


class PromptModal(ModalScreen[str | None]):
    """Ask for a line (or, with ``multiline``, a paragraph) of text; ``None`` if cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="prompt-cancel"),
        Binding("ctrl+s", "submit", "OK", id="prompt-submit"),
    ]
    """Escape cancels; Enter (one line) or ctrl+s submits."""

    def __init__(
        self,
        title: str,
        *,
        value: str = "",
        placeholder: str = "",
        multiline: bool = False,
        help_text: str = "",
    ) -> None:
        super().__init__()
        self.title_text, self.value, self.placeholder = title, value, placeholder
        self.multiline, self.help_text = multiline, help_text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            if self.help_text:
                yield Static(self.help_text, classes="dialog-help")
            if self.multiline:
                yield TextArea(self.value, id="prompt-text", soft_wrap=True, tab_behavior="focus")
            else:
                yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_submit(self) -> None:
        if self.multiline:
            self.dismiss(self.query_one("#prompt-text", TextArea).text)
        else:
            self.dismiss(self.query_one("#prompt-input", Input).value)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        self.action_submit()

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class ChoiceModal(ModalScreen[Any]):
    """Choose one of several values; ``None`` if cancelled."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="choice-cancel")]
    """Escape cancels; Enter chooses."""

    def __init__(
        self, title: str, choices: Sequence[tuple[str, Any]], *, current: Any = None
    ) -> None:
        super().__init__()
        self.title_text = title
        self.choices = list(choices)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield OptionList(
                *[Option(label, id=str(i)) for i, (label, _) in enumerate(self.choices)],
                id="choices",
            )

    def on_mount(self) -> None:
        options = self.query_one("#choices", OptionList)
        for i, (_, value) in enumerate(self.choices):
            if value == self.current:
                options.highlighted = i
        options.focus()

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index][1])

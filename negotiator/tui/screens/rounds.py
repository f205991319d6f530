"""Provides running the rounds (chairs only): freezing the open round and opening the next one.

:class:`RoundsScreen` is the base of the screens that offer these actions (the declaration
screen and the dashboard).  Freezing first loads what is still open in the round (pending
paragraphs, bracketed text) in a worker and asks for a confirmation that lists it; opening
suggests the next name ("Rev.1" → "Rev.2").  Whether the user is a chair is known once the
app has checked the role (:attr:`NegotiatorApp.may_run_rounds`); the actions are disabled
for drafters and observers, and say why when called anyway (e.g. from the command palette).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Label, Static

from negotiator.domain.brackets import count_brackets
from negotiator.domain.model import Status
from negotiator.services.errors import NegotiatorError, PermissionDenied
from negotiator.tui import messages as m
from negotiator.tui.screens.modals import PromptModal

if TYPE_CHECKING:
    from negotiator.tui.app import NegotiatorApp

REVIEW_KEY = Binding(
    "f5", "app.review", "Review", tooltip="Review the changes between two rounds.", id="show-review"
)
DASHBOARD_KEY = Binding(
    "f6",
    "app.dashboard",
    "Dashboard",
    tooltip="Rounds, figures and coverage of the sources.",
    id="show-dashboard",
)
"""f5/f6 as shown in a screen's footer (the app binds them too, hidden, for every screen)."""

ROUND_ACTIONS = frozenset({"freeze_round", "open_round"})
"""The actions kept to chairs."""

_NUMBERED = re.compile(r"^(.*?)(\d+)$")


def suggest_round_name(names: Sequence[str]) -> str:
    """The name for the round after the last of ``names``: "Rev.1" → "Rev.2", else "Rev.1".

    A name ending in a number gets the next number; any other name (e.g. "First reading")
    is followed by "Rev.1".  The suggestion is never one of ``names`` (case-insensitive).
    """
    taken = {n.casefold() for n in names}
    match = _NUMBERED.match(names[-1].strip()) if names else None
    stem, number = (match.group(1), int(match.group(2)) + 1) if match else ("Rev.", 1)
    while f"{stem}{number}".casefold() in taken:
        number += 1
    return f"{stem}{number}"


def _labels(labels: Sequence[str], limit: int = 60) -> str:
    shown = ", ".join(labels[:limit])
    return shown + (f" and {len(labels) - limit} more" if len(labels) > limit else "")


class FreezeModal(ModalScreen[bool]):
    """Confirm freezing a round, listing what is still pending or bracketed in it."""

    BINDINGS = [
        Binding("escape,n", "dismiss(False)", "Cancel", id="freeze-cancel"),
        Binding("y", "dismiss(True)", "Freeze", show=False),
    ]
    """Escape or n cancels; y freezes."""

    def __init__(self, checked: m.FreezeChecked) -> None:
        super().__init__()
        self.checked = checked

    def compose(self) -> ComposeResult:
        c = self.checked
        name = c.round.name
        body = Text()
        body.append(
            f"A frozen round never changes again: {c.paragraphs} paragraphs as they stand now.\n\n"
        )
        if c.pending:
            body.append(f"Still pending: {len(c.pending)} paragraph", style="bold #e5a50a")
            body.append("s" if len(c.pending) != 1 else "", style="bold #e5a50a")
            body.append(f"\n{_labels(c.pending)}\n\n")
        else:
            body.append("No paragraph is pending.\n\n", style="#2ec27e")
        if c.bracketed:
            spans = sum(n for _, n in c.bracketed)
            body.append(
                f"Bracketed text: {spans} span{'s' if spans != 1 else ''} in "
                f"{len(c.bracketed)} paragraph{'s' if len(c.bracketed) != 1 else ''}",
                style="bold #e66100",
            )
            body.append(f"\n{_labels([f'{label} ({n})' for label, n in c.bracketed])}\n")
        else:
            body.append("No bracketed text.\n", style="#2ec27e")
        with Vertical(classes="dialog", id="freeze-dialog"):
            yield Label(f"Freeze round {name!r}?", classes="dialog-title")
            with VerticalScroll(id="freeze-body"):
                yield Static(body, id="freeze-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"Freeze {name} (y)", id="yes", variant="warning")
                yield Button("Cancel (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)


class RoundsScreen(Screen[None]):
    """A screen offering "freeze round" and "open next round" (chairs only).

    Subclasses say what they know of the latest round (:meth:`latest_round_state`) and handle
    :class:`~negotiator.tui.messages.RoundFrozen` / ``RoundOpened`` (both are also forwarded
    to the declaration screen, which must know whether it may edit).
    """

    @property
    def napp(self) -> NegotiatorApp:
        return self.app  # type: ignore[return-value]

    # ------------------------------------------------------------------ to override
    def latest_round_state(self) -> tuple[list[str], bool] | None:
        """The names of the rounds known here (in order) and whether the last is open."""
        return None

    def declaration_slug(self) -> str | None:
        return self.napp.declaration_slug

    # ------------------------------------------------------------------ role
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ROUND_ACTIONS and self.napp.may_run_rounds is False:
            return None  # shown disabled in the footer
        return True

    def _refuse_unless_chair(self, what: str) -> bool:
        """Notify the refusal (and return ``True``) when the role says not a chair."""
        if self.napp.may_run_rounds is False:
            self.notify(self.napp.role_refusal(what), severity="error", title="Chairs only")
            return True
        return False

    # ------------------------------------------------------------------ actions
    def action_freeze_round(self) -> None:
        if self._refuse_unless_chair("freeze rounds"):
            return
        state = self.latest_round_state()
        if state is not None and not state[1]:
            self.notify(f"Round {state[0][-1]!r} is already frozen; no round is open.")
            return
        self.notify("Checking what is still open in the round…", timeout=2)
        self._check_before_freeze()

    def action_open_round(self) -> None:
        if self._refuse_unless_chair("open rounds"):
            return
        state = self.latest_round_state()
        names = state[0] if state else []
        if state is not None and state[1]:
            self.notify(f"Round {names[-1]!r} is still open; freeze it first.", severity="warning")
            return

        def entered(name: str | None) -> None:
            if name and name.strip():
                self._open_round(name.strip())
            elif name is not None:
                self.notify("A round needs a name; none was opened.", severity="warning")

        self.app.push_screen(
            PromptModal(
                "Open the next round",
                value=suggest_round_name(names) if names else "Rev.1",
                placeholder="Name, e.g. Rev.1",
                help_text="Drafting continues from the text of the last round. Chairs only.",
            ),
            entered,
        )

    # ------------------------------------------------------------------ workers
    @work(thread=True, exclusive=True, group="freeze-check", exit_on_error=False)
    def _check_before_freeze(self) -> None:
        drafting = self.napp.backend.drafting
        slug = self.declaration_slug()
        try:
            rounds = drafting.round_list(slug)
            if not rounds or not rounds[-1].is_open:
                name = rounds[-1].name if rounds else "?"
                self.post_message(m.RoundRefused(f"Round {name!r} is already frozen.", "freeze"))
                return
            paragraphs = drafting.paragraphs(slug=slug)
        except NegotiatorError as exc:
            self.post_message(m.RoundRefused(str(exc), "freeze"))
            return
        live = [p for p in paragraphs if p.status is not Status.DELETED]
        pending = [p.label for p in live if p.status is Status.PENDING]
        bracketed = [(p.label, n) for p in live if (n := count_brackets(p.text))]
        self.post_message(m.FreezeChecked(rounds[-1], pending, bracketed, len(live)))

    @work(thread=True, group="rounds-write", exit_on_error=False)
    def _freeze_round(self, name: str) -> None:
        try:
            info = self.napp.backend.drafting.freeze_round(name, slug=self.declaration_slug())
        except NegotiatorError as exc:
            self.post_message(m.RoundRefused(str(exc), "freeze"))
            if isinstance(exc, PermissionDenied):
                self.napp.check_role()
            return
        self.post_message(m.RoundFrozen(info))

    @work(thread=True, group="rounds-write", exit_on_error=False)
    def _open_round(self, name: str) -> None:
        try:
            info = self.napp.backend.drafting.open_round(name, slug=self.declaration_slug())
        except NegotiatorError as exc:
            self.post_message(m.RoundRefused(str(exc), "open"))
            if isinstance(exc, PermissionDenied):
                self.napp.check_role()
            return
        self.post_message(m.RoundOpened(info))

    # ------------------------------------------------------------------ results
    @on(m.FreezeChecked)
    def _freeze_checked(self, message: m.FreezeChecked) -> None:
        name = message.round.name

        def answered(yes: bool | None) -> None:
            if yes:
                self._freeze_round(name)

        self.app.push_screen(FreezeModal(message), answered)

    @on(m.RoundRefused)
    def _round_refused(self, message: m.RoundRefused) -> None:
        title = "Not frozen" if message.action == "freeze" else "No round opened"
        self.notify(message.message, severity="error", title=title, timeout=8)

    def forward_to_main(self, message: m.RoundFrozen | m.RoundOpened) -> None:
        """Tell the declaration screen (when it is not this screen) that the round changed."""
        main = self.napp.main_screen
        if main is not self and main.is_mounted:
            main.post_message(type(message)(message.round))

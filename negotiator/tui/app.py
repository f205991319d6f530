"""Provides the negotiator app and its factory, :func:`make_app`.

The CLI calls ``make_app(db_url=..., user=..., declaration=...).run()`` when ``negotiator``
is run with no command.  Nothing here opens the database at import time.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from negotiator.tui.backend import Backend
from negotiator.tui.commands import NegotiatorCommands
from negotiator.tui.screens.declaration import DeclarationScreen
from negotiator.tui.screens.help import HelpScreen
from negotiator.tui.screens.modals import ConfirmModal

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


class NegotiatorApp(App[None]):
    """Drafting a declaration: paragraphs by round, their history and sources."""

    CSS_PATH: ClassVar[list[str]] = ["styles/global.tcss", "styles/app.tcss"]  # type: ignore[misc]
    TITLE = "negotiator"
    COMMANDS = App.COMMANDS | {NegotiatorCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            tooltip="Quit (asks first if edits are unsaved).",
            id="quit",
            priority=True,
        ),
        Binding(
            "f1,question_mark",
            "help",
            "Help",
            tooltip="Show the keys and what the app does.",
            id="help",
        ),
        Binding(
            "f8",
            "toggle_dark",
            "Light/dark",
            tooltip="Switch between the light and dark theme.",
            id="toggle-theme",
            show=False,
        ),
    ]
    """App-wide keys: quit, help, theme. The editing keys are on the declaration screen."""

    def __init__(self, backend: Backend, *, declaration: str | None = None) -> None:
        super().__init__()
        self.backend = backend
        """The database and services of this session (used only from workers)."""
        self.declaration_slug = declaration
        """The declaration shown (``None`` until chosen when there are several)."""
        self.main_screen = DeclarationScreen()

    def on_mount(self) -> None:
        self.push_screen(self.main_screen)

    async def action_quit(self) -> None:
        unsaved = self.main_screen.unsaved if self.main_screen.is_mounted else []
        if not unsaved:
            self.exit()
            return
        shown = ", ".join(unsaved[:6]) + (
            f" and {len(unsaved) - 6} more" if len(unsaved) > 6 else ""
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit()

        self.push_screen(
            ConfirmModal(
                f"Unsaved edits in {shown}.\n\nQuit and lose them?",
                yes="Quit without saving",
                no="Keep editing",
                title="Unsaved edits",
            ),
            answered,
        )

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def on_unmount(self) -> None:
        self.backend.db.dispose()


def make_app(
    *, db_url: str, user: str | None = None, declaration: str | None = None
) -> NegotiatorApp:
    """Build the app for a database URL (the schema is checked, and upgraded, on start).

    Args:
        db_url: SQLAlchemy URL of the database (``sqlite:///path`` for the embedded default).
        user: Name recorded as the author of versions and links (default: the login name).
        declaration: Slug of the declaration to show (default: the only one, or ask).
    """
    return NegotiatorApp(Backend.for_url(db_url, user=user), declaration=declaration)

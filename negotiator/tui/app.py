"""Provides the negotiator app and its factory, :func:`make_app`.

The CLI calls ``make_app(db_url=..., user=..., declaration=...).run()`` when ``negotiator``
is run with no command.  Nothing here opens the database at import time.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import ModalScreen

from negotiator.services.users import Role
from negotiator.tui import messages as m
from negotiator.tui.backend import Backend
from negotiator.tui.commands import NegotiatorCommands
from negotiator.tui.screens.declaration import DeclarationScreen
from negotiator.tui.screens.help import HelpScreen
from negotiator.tui.screens.modals import ConfirmModal

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


class NegotiatorApp(App[None]):
    """Drafting a declaration: paragraphs by round, their history and sources."""

    CSS_PATH: ClassVar[list[str]] = [  # type: ignore[misc]
        "styles/global.tcss",
        "styles/app.tcss",
        "styles/chair.tcss",
    ]
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
            "f5",
            "review",
            "Review",
            tooltip="Review the changes between two rounds.",
            id="review",
            show=False,
        ),
        Binding(
            "f6",
            "dashboard",
            "Dashboard",
            tooltip="Rounds, figures and coverage of the sources.",
            id="dashboard",
            show=False,
        ),
        Binding(
            "ctrl+e",
            "export",
            "Export",
            tooltip="Export the clean draft or a compilation text (docx, md, txt, html, Akoma Ntoso).",
            id="export",
            show=False,
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
    """App-wide keys: quit, help, review (f5), dashboard (f6), theme. The editing keys are on the
    declaration screen; each screen shows f5/f6 in its own footer (``REVIEW_KEY`` and
    ``DASHBOARD_KEY`` in :mod:`negotiator.tui.screens.rounds`)."""

    may_run_rounds: reactive[bool | None] = reactive(None, init=False)
    """Whether the user may freeze and open rounds (a chair, or a personal database);
    ``None`` until the role has been checked."""

    def __init__(self, backend: Backend, *, declaration: str | None = None) -> None:
        super().__init__()
        self.backend = backend
        """The database and services of this session (used only from workers)."""
        self.declaration_slug = declaration
        """The declaration shown (``None`` until chosen when there are several)."""
        self.main_screen = DeclarationScreen()
        self.role: Role | None = None
        self.team = False
        """Whether the database has a team (roles apply); known once the role is checked."""
        self.review_rounds: tuple[str, str] | None = None
        """The rounds last compared in the review (kept for the session)."""

    def on_mount(self) -> None:
        self.push_screen(self.main_screen)

    # ------------------------------------------------------------------ role
    @work(thread=True, exclusive=True, group="role", exit_on_error=False)
    def check_role(self) -> None:
        """Find the user's role (a chair may freeze and open rounds), once the schema is checked."""
        users = self.backend.users
        try:
            team = bool(users.users())
            role = users.role_of() if team else None
        except Exception:  # noqa: BLE001 - an unreadable database is reported by the main screen
            return
        self.post_message(m.RoleChecked(role, team))

    @on(m.RoleChecked)
    def _role_checked(self, message: m.RoleChecked) -> None:
        self.role, self.team = message.role, message.team
        self.may_run_rounds = not message.team or message.role is Role.CHAIR

    def watch_may_run_rounds(self) -> None:
        self.screen.refresh_bindings()

    def role_refusal(self, what: str) -> str:
        """Why the user may not do ``what`` (e.g. "freeze rounds")."""
        user = self.backend.user
        if self.team and self.role is None:
            return (
                f"{user!r} is not a member of this negotiating team: only chairs may {what}. "
                f"A chair adds you with: negotiator user add {user!r} --role drafter"
            )
        article = "an" if self.role is Role.OBSERVER else "a"
        role = self.role.value if self.role else "not a chair"
        return f"You ({user}) are {article} {role}: only chairs may {what}."

    # ------------------------------------------------------------------ screens
    def _chair_screen_allowed(self) -> bool:
        if isinstance(self.screen, ModalScreen):
            return False
        if self.main_screen.declaration is None:
            self.notify("No declaration is loaded yet.", severity="warning")
            return False
        return True

    def action_review(self) -> None:
        """Open the review of the changes between two rounds (f5)."""
        from negotiator.tui.screens.dashboard import DashboardScreen
        from negotiator.tui.screens.review import ReviewScreen

        if isinstance(self.screen, ReviewScreen) or not self._chair_screen_allowed():
            return
        if isinstance(self.screen, DashboardScreen):
            self.switch_screen(ReviewScreen())
        else:
            self.push_screen(ReviewScreen())

    def action_dashboard(self) -> None:
        """Open the dashboard: rounds, figures, coverage (f6)."""
        from negotiator.tui.screens.dashboard import DashboardScreen
        from negotiator.tui.screens.review import ReviewScreen

        if isinstance(self.screen, DashboardScreen) or not self._chair_screen_allowed():
            return
        if isinstance(self.screen, ReviewScreen):
            self.switch_screen(DashboardScreen())
        else:
            self.push_screen(DashboardScreen())

    @on(m.EditRequested)
    def _edit_requested(self, message: m.EditRequested) -> None:
        """Forward to the declaration screen, which owns the editor."""
        self.main_screen.post_message(m.EditRequested(message.paragraph_id, message.tab))

    # ------------------------------------------------------------------ import a round
    def action_import_round(self) -> None:
        """Import a draft file (.docx, .pdf, .md, .txt) as the next round (chairs)."""
        if not self._chair_screen_allowed():
            return
        if self.may_run_rounds is False:
            self.notify(self.role_refusal("import rounds"), severity="error", title="Chairs only")
            return
        assert self.main_screen.declaration is not None
        self._load_import_rounds(self.main_screen.declaration.slug)

    @work(thread=True, exclusive=True, group="import-round", exit_on_error=False)
    def _load_import_rounds(self, slug: str) -> None:
        names = [r.name for r in self.backend.drafting.round_list(slug)]
        self.call_from_thread(self._show_import_round, slug, names)

    def _show_import_round(self, slug: str, names: list[str]) -> None:
        from pathlib import Path

        from negotiator.tui.screens.import_round import ImportRoundScreen
        from negotiator.tui.screens.rounds import suggest_round_name

        screen = self.screen

        def imported(report: object) -> None:
            if report is None:
                return
            from negotiator.tui.screens.dashboard import DashboardScreen

            target = screen if isinstance(screen, DashboardScreen) else self.main_screen
            target.post_message(m.RoundOpened(report.round))  # type: ignore[attr-defined]

        self.push_screen(
            ImportRoundScreen(Path.cwd(), suggest_round_name(names) if names else "Rev.1", slug),
            imported,
        )

    # ------------------------------------------------------------------ export
    def action_export(self) -> None:
        """Open the export dialog (ctrl+e): the round names are read in a worker first."""
        if isinstance(self.screen, ModalScreen):
            return
        if self.main_screen.declaration is None:
            self.notify("No declaration is loaded yet.", severity="warning")
            return
        self._load_export_rounds(self.main_screen.declaration.slug)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _load_export_rounds(self, slug: str) -> None:
        rounds = [r.name for r in self.backend.drafting.round_list(slug)]
        self.post_message(m.ExportDialogReady(slug, rounds))

    @on(m.ExportDialogReady)
    def _export_dialog(self, message: m.ExportDialogReady) -> None:
        from negotiator.tui.screens.export import ExportModal, ExportRequest

        def chosen(request: ExportRequest | None) -> None:
            if request is not None:
                self._run_export(message.slug, request)

        self.push_screen(ExportModal(message.slug, message.rounds), chosen)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _run_export(self, slug: str, request: object) -> None:
        from negotiator.services.errors import NegotiatorError
        from negotiator.services.export import ExportService

        path = request.path  # type: ignore[attr-defined]
        try:
            data = ExportService(self.backend.db, user=self.backend.user).export(
                fmt=request.fmt,
                round_name=request.round_name,
                compare=request.compare,  # type: ignore[attr-defined]
                final=request.final,
                keep_labels=request.keep_labels,
                slug=slug,  # type: ignore[attr-defined]
            )
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        except (NegotiatorError, OSError) as exc:
            self.post_message(m.ExportFinished(str(path), 0, str(exc)))
            return
        self.post_message(m.ExportFinished(str(path), len(data)))

    @on(m.ExportFinished)
    def _export_finished(self, message: m.ExportFinished) -> None:
        if message.error:
            self.notify(message.error, title="Export refused", severity="error", timeout=12)
        else:
            self.notify(f"Wrote {message.path} ({message.size:,} bytes).", title="Exported")

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

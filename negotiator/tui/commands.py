"""Provides the command palette's own commands (ctrl+p): editing, rounds, links, navigation."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from negotiator.domain.model import Status

if TYPE_CHECKING:
    from textual.screen import Screen

    from negotiator.tui.screens.declaration import DeclarationScreen

Command = tuple[str, str, Callable[[], object]]


class NegotiatorCommands(Provider):
    """Commands of the declaration screen, and "Go to <label>" for every paragraph."""

    def _screen(self) -> DeclarationScreen | None:
        from negotiator.tui.screens.declaration import DeclarationScreen

        screen = self.screen
        return screen if isinstance(screen, DeclarationScreen) else None

    def _commands(self, screen: DeclarationScreen) -> list[tuple[str, str, Callable[[], object]]]:
        app = screen.app
        out: list[tuple[str, str, Callable[[], object]]] = [
            ("Save paragraph", "Save a new version of the paragraph (ctrl+s)", screen.action_save),
            (
                "Set status…",
                "Pending, agreed ad ref, agreed or deleted (ctrl+t)",
                screen.action_set_status,
            ),
            ("Set sponsor…", "Who proposed the paragraph (ctrl+o)", screen.action_set_sponsor),
            (
                "Insert paragraph after…",
                "A new paragraph with the next bis/ter label (ctrl+n)",
                screen.action_insert_after,
            ),
            (
                "Mark paragraph deleted",
                "It stays in the list, struck through (ctrl+r)",
                screen.action_mark_deleted,
            ),
            ("Link a source…", "Suggested sources first (ctrl+l)", screen.action_link_source),
            ("Remove highlighted link", "In the Sources tab (delete)", screen.action_unlink_source),
            ("Go to paragraph…", "By label, e.g. OP 21 bis (ctrl+g)", screen.action_go_to),
            (
                "Review changes between rounds",
                "Redline of every paragraph, step through the changes (f5)",
                app.action_review,  # type: ignore[attr-defined]
            ),
            (
                "Dashboard",
                "Rounds, length trend, agreement, coverage of the sources (f6)",
                app.action_dashboard,  # type: ignore[attr-defined]
            ),
            ("Clear filters", "Show every paragraph", screen.clear_filters),
            (
                "Show history",
                "Versions by round with word diffs (f2)",
                partial(screen.action_show_tab, "history-tab"),
            ),
            (
                "Show sources",
                "Linked sources with their full text (f3)",
                partial(screen.action_show_tab, "sources-tab"),
            ),
            (
                "Open next round…",
                "Chairs only: start the next round after a freeze",
                screen.action_open_round,
            ),
            (
                "Freeze round…",
                "Chairs only: freeze the open round (lists what is pending first)",
                screen.action_freeze_round,
            ),
            (
                "Import a round…",
                "Chairs only: a draft file (.docx, .pdf, .md, .txt) as the next round",
                screen.app.action_import_round,  # type: ignore[attr-defined]
            ),
            (
                "Load sample declaration",
                "The Kyoto Declaration, pillar I, with its sources",
                screen.action_load_sample,
            ),
            (
                "Export…",
                "Clean draft or compilation text: docx, md, txt, html, Akoma Ntoso (ctrl+e)",
                app.action_export,  # type: ignore[attr-defined]
            ),
            ("Toggle light/dark theme", "f8", app.action_toggle_dark),  # type: ignore[attr-defined]
            ("Help", "Keys and how the app works (f1)", app.action_help),  # type: ignore[attr-defined]
        ]
        for status in Status:
            out.append(
                (
                    f"Set status: {status.value}",
                    f"Mark the paragraph {status.value}",
                    partial(screen.set_status, status),
                )
            )
        for status in Status:
            out.append(
                (
                    f"Filter: {status.value} paragraphs",
                    "Only paragraphs with this status",
                    partial(setattr, screen, "filter_status", status),
                )
            )
        return out

    def _chair_commands(self, screen: Screen[None]) -> list[Command]:
        """Commands of the review screen and of the dashboard."""
        from negotiator.domain.diffing import KINDS
        from negotiator.tui.screens.dashboard import DashboardScreen
        from negotiator.tui.screens.review import ANY_CHANGE, ReviewScreen

        app = screen.app
        common: list[Command] = [
            (
                "Export…",
                "Clean draft or compilation text: docx, md, txt, html, Akoma Ntoso (ctrl+e)",
                app.action_export,  # type: ignore[attr-defined]
            ),
            ("Back to the declaration", "escape", app.pop_screen),
            ("Help", "Keys and how the app works (f1)", app.action_help),  # type: ignore[attr-defined]
            ("Toggle light/dark theme", "f8", app.action_toggle_dark),  # type: ignore[attr-defined]
        ]
        if isinstance(screen, ReviewScreen):
            out: list[Command] = [
                ("Next change", "n", partial(screen.action_step, 1)),
                ("Previous change", "p", partial(screen.action_step, -1)),
                (
                    "Toggle side by side",
                    "Inline redline or the two texts (s)",
                    screen.action_toggle_side,
                ),
                ("Show sources of the paragraph", "o", screen.action_sources),
                ("Edit the paragraph", "On the declaration screen (e)", screen.action_edit),
                ("Choose rounds", "Round A and round B (r)", screen.action_choose_rounds),
                ("Only changed paragraphs", "c", partial(screen.set_filter, kind=ANY_CHANGE)),
                ("Clear filters", "Every paragraph (x)", screen.action_clear_filters),
                ("Dashboard", "f6", app.action_dashboard),  # type: ignore[attr-defined]
            ]
            out += [
                (
                    f"Filter: {kind.replace('_', ' ')}",
                    "Only paragraphs changed this way",
                    partial(screen.set_filter, kind=kind),
                )
                for kind in KINDS
            ]
            return out + common
        if isinstance(screen, DashboardScreen):
            return [
                (
                    "Freeze round…",
                    "Chairs only: lists what is pending first (f)",
                    screen.action_freeze_round,
                ),
                ("Open next round…", "Chairs only (o)", screen.action_open_round),
                (
                    "Import a round…",
                    "Chairs only: a draft file (.docx, .pdf, .md, .txt) as the next round (i)",
                    app.action_import_round,  # type: ignore[attr-defined]
                ),
                ("Unreflected sources", "Of the highlighted group (u)", screen.action_unreflected),
                ("Refresh", "Load the figures again (r)", screen.action_refresh),
                ("Review changes between rounds", "f5", app.action_review),  # type: ignore[attr-defined]
                *common,
            ]
        return []

    async def discover(self) -> Hits:
        screen = self._screen()
        if screen is None:
            for name, help_text, callback in self._chair_commands(self.screen):
                yield DiscoveryHit(name, callback, help=help_text)
            return
        for name, help_text, callback in self._commands(screen)[:18]:
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        screen = self._screen()
        matcher = self.matcher(query)
        if screen is None:
            for name, help_text, callback in self._chair_commands(self.screen):
                score = matcher.match(name)
                if score > 0:
                    yield Hit(score, matcher.highlight(name), callback, help=help_text)
            return
        for name, help_text, callback in self._commands(screen):
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
        if len(query.strip()) >= 2:
            for p in screen.paragraphs:
                name = f"Go to {p.label}"
                score = matcher.match(name)
                if score > 0:
                    preview = p.text[:70] + ("…" if len(p.text) > 70 else "")
                    yield Hit(
                        score * 0.9,
                        matcher.highlight(name),
                        partial(screen.go_to_id, p.id),
                        help=preview,
                    )

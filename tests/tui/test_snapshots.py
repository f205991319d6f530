"""SVG snapshots of key screens (regenerate with --snapshot-update and review the pictures)."""

from __future__ import annotations

from negotiator.tui.screens.conflict import ConflictModal
from negotiator.tui.widgets.editor import ParagraphEditor
from negotiator.tui.widgets.history_view import HistoryView
from tests.tui.conftest import SIZE, keys_for, ready, wait_until


class TestDeclarationScreen:
    def test_editing_with_history_and_unbalanced_bracket(self, snap_compare, make_test_app) -> None:  # type: ignore[no-untyped-def]
        """OP 21 selected after a save: the list by section (status badges, link counts, a ●
        on OP 21 for its new unsaved edit), the editor with its brackets highlighted and an
        unbalanced '[' flagged in red under it, and the History tab showing v2 over v1 with
        '[and justice]' underlined green."""
        app = make_test_app()

        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await ready(pilot)
            await pilot.press("enter")
            editor = app.main_screen.query_one(ParagraphEditor)
            editor.move_cursor(editor.document.end)
            await pilot.press(*keys_for(" [and justice]"), "ctrl+s")
            history = app.main_screen.query_one(HistoryView)
            await wait_until(
                pilot, lambda: not app.main_screen.drafts and history.version_count == 2
            )
            app.clear_notifications()
            await pilot.press(*keys_for(" [open"))
            await pilot.pause()

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)

    def test_frozen_round_says_why(self, snap_compare, make_test_app, services) -> None:  # type: ignore[no-untyped-def]
        """The round is frozen: the notice over the editor says a chair must open the next
        round, the header says '(frozen)', and the editor is read-only."""
        services.drafting.freeze_round()
        app = make_test_app()

        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await ready(pilot)
            await pilot.pause()

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


class TestConflict:
    def test_both_texts_side_by_side(self, snap_compare, make_test_app, services) -> None:  # type: ignore[no-untyped-def]
        """Bob saved OP 21 meanwhile: the conflict dialog shows theirs (v2, bob) on the left
        with 'theirs' struck through and mine on the right with 'mine' underlined, and the
        three choices: keep mine, take theirs, keep editing."""
        first = services.drafting.paragraphs()[0]
        app = make_test_app()

        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await ready(pilot)
            await pilot.press("enter")
            editor = app.main_screen.query_one(ParagraphEditor)
            editor.move_cursor(editor.document.end)
            await pilot.press(*keys_for(" mine"))
            services.drafting.save_paragraph(first.id, base_version=1, text=first.text + " theirs")
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: isinstance(app.screen, ConflictModal))
            await pilot.pause()

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)

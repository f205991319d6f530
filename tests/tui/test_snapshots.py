"""SVG snapshots of key screens (regenerate with --snapshot-update and review the pictures)."""

from __future__ import annotations

import pytest

from negotiator.tui.screens.conflict import ConflictModal
from negotiator.tui.widgets.editor import ParagraphEditor
from negotiator.tui.widgets.history_view import HistoryView
from tests.tui.conftest import SIZE, keys_for, open_dashboard, open_review, ready, wait_until


@pytest.fixture(autouse=True)
def _fixed_times(monkeypatch: pytest.MonkeyPatch) -> None:
    """Versions and links are stamped with the time of the test run: show a fixed one."""
    monkeypatch.setattr(
        "negotiator.tui.widgets.history_view.when", lambda moment: "2026-01-01 09:00"
    )


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


class TestChairScreens:
    def test_review_inline_redline(self, snap_compare, make_test_app, revised) -> None:  # type: ignore[no-untyped-def]
        """The review of 'First reading' → 'Rev.1 (current)': the round selects, the summary
        (10 → 10 paragraphs, words removed/added, agreed shares, 1 added · 1 deleted · 1
        reworded ...), every paragraph in the list with a ● on the four changed ones, their
        kinds in colour and the redline from just before the first change; the cursor is on
        OP 23 bis (one 'n' from OP 22), whose detail below shows 'added' and its whole text
        underlined green."""
        app = make_test_app()

        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await ready(pilot)
            await open_review(pilot)
            await pilot.press("n")
            app.clear_notifications()
            await pilot.pause()

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)

    def test_review_side_by_side(self, snap_compare, make_test_app, revised) -> None:  # type: ignore[no-untyped-def]
        """OP 22 side by side: 'First reading' on the left with the removed words struck
        through in red, 'Rev.1 (current)' on the right with '[the collection of] reliable data
        and sound evaluation.' underlined green; the heading says reworded, status changed,
        brackets changed, status pending → ad ref, bracketed spans 0 → 1."""
        app = make_test_app()

        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await ready(pilot)
            await open_review(pilot)
            await pilot.press("s")
            await pilot.pause()

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)

    def test_dashboard(self, snap_compare, make_test_app, revised) -> None:  # type: ignore[no-untyped-def]
        """The dashboard: two rounds (First reading frozen, Rev.1 open) with paragraphs,
        words and a blue bar of the length, the agreed/ad ref share with a green bar, the
        pending count and the bracketed spans; three sparklines (words, paragraphs, agreed
        share) with their first → last figures; the coverage title with the totals, and the
        recommendations by region and the questions by agenda item/workshop, each with
        reflected/total and a share bar (red when low)."""
        app = make_test_app()

        async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
            await ready(pilot)
            await open_dashboard(pilot)
            await pilot.pause()

        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)

"""Nothing typed is lost: drafts per paragraph, quit warning, frozen rounds, conflicts."""

from __future__ import annotations

from negotiator.domain.model import Status
from negotiator.tui.screens.conflict import ConflictModal
from negotiator.tui.screens.modals import ConfirmModal
from negotiator.tui.widgets.editor import ParagraphEditor
from negotiator.tui.widgets.paragraph_table import ParagraphTable
from tests.tui.conftest import SIZE, keys_for, ready, wait_until


async def test_draft_survives_switching_paragraphs(make_test_app, services) -> None:  # type: ignore[no-untyped-def]
    first, second = services.drafting.paragraphs()[:2]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = app.main_screen
        editor = screen.query_one(ParagraphEditor)
        await pilot.press("enter")
        editor.move_cursor(editor.document.end)
        await pilot.press(*keys_for(" draft"))
        await pilot.press("escape", "down")  # to the list, next paragraph: no save in between
        await wait_until(pilot, lambda: screen.selected_id == second.id)
        assert editor.text == second.text
        table = screen.query_one(ParagraphTable)
        assert table.row_text(first.id).plain.startswith("● ")
        await pilot.press("up")
        await wait_until(pilot, lambda: screen.selected_id == first.id)
        assert editor.text == first.text + " draft"
        assert screen.unsaved == [first.label]
    assert len(services.drafting.history(first.id)) == 1, "a draft is not a save"


async def test_quit_warns_about_unsaved_edits(make_test_app, services) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter", *keys_for("x"))
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal), what="the warning")
        assert "Unsaved edits in OP 21" in str(app.screen.query_one(".dialog-body").render())
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running and app.screen is app.main_screen
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: not app.is_running, what="the app to exit")


async def test_quit_without_edits_does_not_ask(make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: not app.is_running, what="the app to exit")


async def test_frozen_round_cannot_be_edited_and_says_why(make_test_app, services) -> None:  # type: ignore[no-untyped-def]
    services.drafting.freeze_round()
    first = services.drafting.paragraphs()[0]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = app.main_screen
        notice = str(screen.query_one("#notice").render())
        assert "frozen" in notice and "chair must open the next round" in notice
        editor = screen.query_one(ParagraphEditor)
        assert editor.read_only
        await pilot.press("enter", *keys_for("abc"), "ctrl+s", "ctrl+t", "ctrl+r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert editor.text == first.text
        assert "(frozen)" in app.sub_title
    assert len(services.drafting.history(first.id)) == 1


async def test_open_next_round_from_the_palette_command(make_test_app, services) -> None:  # type: ignore[no-untyped-def]
    services.drafting.freeze_round()
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = app.main_screen
        screen.action_open_round()
        await pilot.pause()
        await pilot.press(*keys_for("Rev.1"), "enter")
        await wait_until(
            pilot,
            lambda: screen.round is not None and screen.round.name == "Rev.1" and screen.editable,
        )
        assert not screen.query_one(ParagraphEditor).read_only
    assert services.drafting.rounds()[-1].name == "Rev.1"


async def test_conflict_shows_both_texts_and_overwrites_nothing(make_test_app, services) -> None:  # type: ignore[no-untyped-def]
    first = services.drafting.paragraphs()[0]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = app.main_screen
        editor = screen.query_one(ParagraphEditor)
        await pilot.press("enter")
        editor.move_cursor(editor.document.end)
        await pilot.press(*keys_for(" mine"))
        # Bob saves the same paragraph behind the app's back.
        services.drafting.save_paragraph(first.id, base_version=1, text=first.text + " theirs")
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: isinstance(app.screen, ConflictModal), what="the conflict view"
        )
        modal = app.screen
        assert str(modal.query_one("#theirs-text").render()).endswith(" theirs")
        assert str(modal.query_one("#mine-text").render()).endswith(" mine")
        history = services.drafting.history(first.id)
        assert [v.text for v in history][-1] == first.text + " theirs", "nothing overwritten"
        assert len(history) == 2
        await pilot.press("e")  # keep editing: the draft stays
        await pilot.pause()
        assert editor.text == first.text + " mine"
        await pilot.press("ctrl+s")  # still based on v1: the conflict again
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictModal))
        await pilot.press("m")  # keep mine: saved on top of theirs
        await wait_until(
            pilot, lambda: len(services.drafting.history(first.id)) == 3, what="my save"
        )
        await wait_until(pilot, lambda: not screen.drafts)
    history = services.drafting.history(first.id)
    assert [v.text for v in history][1:] == [first.text + " theirs", first.text + " mine"]
    assert [v.author for v in history][1:] == ["bob", "tester"]


async def test_conflict_take_theirs_discards_my_draft(make_test_app, services) -> None:  # type: ignore[no-untyped-def]
    first = services.drafting.paragraphs()[0]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = app.main_screen
        editor = screen.query_one(ParagraphEditor)
        await pilot.press("enter", *keys_for("X"))
        services.drafting.save_paragraph(
            first.id, base_version=1, text="Their text.", status=Status.AGREED
        )
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ConflictModal))
        await pilot.press("t")
        await wait_until(pilot, lambda: screen.by_id[first.id].version_no == 2, what="the refresh")
        assert editor.text == "Their text."
        assert not screen.drafts
        assert " agreed " in screen.query_one(ParagraphTable).row_text(first.id).plain
    assert len(services.drafting.history(first.id)) == 2

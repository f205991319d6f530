"""Running the rounds: freezing (with what is still open listed), opening, chairs only."""

from __future__ import annotations

import pytest

from negotiator.domain.model import RoundStatus, Status
from negotiator.tui.screens.declaration import DeclarationScreen
from negotiator.tui.screens.modals import PromptModal
from negotiator.tui.screens.rounds import FreezeModal, suggest_round_name
from negotiator.tui.widgets.editor import ParagraphEditor
from tests.tui.conftest import SIZE, keys_for, make_team, open_dashboard, ready, wait_until


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["First reading"], "Rev.1"),
        (["First reading", "Rev.1"], "Rev.2"),
        (["Zero draft", "Rev.9"], "Rev.10"),
        (["Round 1"], "Round 2"),
        (["Rev.1", "rev.2", "Rev.1"], "Rev.3"),
        ([], "Rev.1"),
    ],
)
def test_suggested_round_name(names: list[str], expected: str) -> None:
    assert suggest_round_name(names) == expected


def messages(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(n.message) for n in app._notifications)


async def test_freeze_lists_pending_and_bracketed_then_editing_is_refused(
    make_test_app, services
) -> None:  # type: ignore[no-untyped-def]
    d = services.drafting
    first, second = d.paragraphs()[:2]
    d.save_paragraph(first.id, base_version=1, text=first.text + " [and justice] [for all]")
    d.save_paragraph(second.id, base_version=1, status=Status.AGREED)
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        dashboard = await open_dashboard(pilot)
        await pilot.press("f")
        await wait_until(
            pilot, lambda: isinstance(app.screen, FreezeModal), what="the confirmation"
        )
        text = str(app.screen.query_one("#freeze-text").render())
        assert "Freeze round 'First reading'?" in str(
            app.screen.query_one(".dialog-title").render()
        )
        assert "Still pending: 9 paragraphs" in text
        assert "OP 21, OP 23, OP 24" in text and "OP 22," not in text
        assert "Bracketed text: 2 spans in 1 paragraph" in text and "OP 21 (2)" in text
        await pilot.press("n")  # cancel: nothing frozen
        await pilot.pause()
        assert d.round_list()[-1].is_open
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(app.screen, FreezeModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: not d.round_list()[-1].is_open, what="the freeze")
        await wait_until(pilot, lambda: dashboard.figures[-1].status is RoundStatus.FROZEN)
        main = app.main_screen
        await wait_until(pilot, lambda: not main.editable, what="the declaration screen to know")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeclarationScreen)
        editor = main.query_one(ParagraphEditor)
        assert editor.read_only
        await pilot.press("enter", *keys_for("abc"), "ctrl+s")
        await pilot.pause()
        assert "frozen" in messages(app)
    assert len(d.history(first.id)) == 2, "nothing saved after the freeze"


async def test_open_next_round_with_suggested_name_then_editing_works(
    make_test_app, services
) -> None:  # type: ignore[no-untyped-def]
    d = services.drafting
    d.freeze_round()
    first = d.paragraphs()[0]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = app.main_screen
        assert not main.editable
        await open_dashboard(pilot)
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptModal))
        from textual.widgets import Input

        assert app.screen.query_one(Input).value == "Rev.1", "a sensible default"
        await pilot.press("enter")
        await wait_until(pilot, lambda: d.round_list()[-1].name == "Rev.1", what="the new round")
        await wait_until(pilot, lambda: main.editable and main.round.name == "Rev.1")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DeclarationScreen))
        editor = main.query_one(ParagraphEditor)
        await pilot.press("enter")
        editor.move_cursor(editor.document.end)
        await pilot.press(*keys_for(" in Rev.1"), "ctrl+s")
        await wait_until(pilot, lambda: len(d.history(first.id)) == 2, what="the save")
    assert d.history(first.id)[-1].round_name == "Rev.1"
    assert d.history(first.id)[-1].text.endswith(" in Rev.1")


async def test_open_round_refused_while_one_is_open(make_test_app, services) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_dashboard(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert "still open; freeze it first" in messages(app)
    assert [r.name for r in services.drafting.round_list()] == ["First reading"]


async def test_drafter_cannot_freeze_and_is_told_why(make_test_app, services) -> None:  # type: ignore[no-untyped-def]
    make_team(services, tester="drafter")
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await wait_until(pilot, lambda: app.may_run_rounds is not None, what="the role")
        assert app.may_run_rounds is False
        dashboard = await open_dashboard(pilot)
        # The keys are shown disabled; pressing them does nothing.
        assert dashboard.check_action("freeze_round", ()) is None
        assert dashboard.check_action("open_round", ()) is None
        await pilot.press("f")
        await pilot.pause()
        assert not isinstance(app.screen, FreezeModal)
        title = str(dashboard.query_one("#rounds-title").render())
        assert "You (tester) are a drafter: only chairs may freeze and open rounds" in title
        # From the command palette, the action says why.
        dashboard.action_freeze_round()
        await pilot.pause()
        assert "You (tester) are a drafter: only chairs may freeze rounds." in messages(app)
        # Had the role not been known yet, the service's refusal is shown just as clearly.
        app.may_run_rounds = None
        dashboard.action_freeze_round()
        await wait_until(pilot, lambda: isinstance(app.screen, FreezeModal))
        await pilot.press("y")
        await wait_until(
            pilot, lambda: "only chairs may open, freeze or import rounds" in messages(app)
        )
        await wait_until(pilot, lambda: app.may_run_rounds is False, what="the role checked again")
    assert services.drafting.round_list()[-1].is_open


async def test_freeze_from_the_declaration_screen_palette(make_test_app, services) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        main = app.main_screen
        main.action_freeze_round()
        await wait_until(pilot, lambda: isinstance(app.screen, FreezeModal))
        await pilot.press("y")
        await wait_until(pilot, lambda: not main.editable, what="the freeze")
        assert "(frozen)" in app.sub_title
    assert not services.drafting.round_list()[-1].is_open

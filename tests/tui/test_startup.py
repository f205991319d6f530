"""Start-up: the empty database offers the sample; help and the command palette."""

from __future__ import annotations

from negotiator.tui.commands import NegotiatorCommands
from negotiator.tui.screens.help import HelpScreen
from negotiator.tui.screens.modals import ConfirmModal
from negotiator.tui.widgets.editor import ParagraphEditor
from tests.tui.conftest import SIZE, ready, wait_until


async def test_empty_database_offers_the_sample(make_test_app, empty_url) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(empty_url)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(
            pilot,
            lambda: isinstance(app.screen, ConfirmModal) and app.screen.query(".dialog-body"),
            what="the offer",
        )
        assert "no declaration" in str(app.screen.query_one(".dialog-body").render())
        await pilot.press("y")
        await ready(pilot)
        screen = app.main_screen
        assert len(screen.paragraphs) == 10
        assert screen.paragraphs[0].label == "OP 21"
        assert screen.editable, "the sample's round is left open to try editing"
        assert screen.query_one(ParagraphEditor).text == screen.paragraphs[0].text


async def test_empty_database_declined_says_what_to_do(make_test_app, empty_url) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app(empty_url)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.press("n")
        await pilot.pause()
        assert "no declaration" in str(app.main_screen.query_one("#notice").render())


async def test_help_screen_opens_and_closes(make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is app.main_screen)


async def test_command_palette_offers_the_apps_commands(make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        provider = NegotiatorCommands(app.main_screen)
        names = [str(hit.text) async for hit in provider.discover()]
        assert "Open next round…" in names and "Link a source…" in names
        hits = [hit async for hit in provider.search("OP 25")]
        assert any("Go to OP 25" in str(hit.text) for hit in hits)
        go = next(hit for hit in hits if str(hit.text) == "Go to OP 25")
        go.command()
        await pilot.pause()
        assert app.main_screen.by_id[app.main_screen.selected_id].label == "OP 25"


async def test_theme_toggles_between_light_and_dark(make_test_app) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        dark = app.current_theme.dark
        await pilot.press("f8")
        assert app.current_theme.dark is not dark

"""The dashboard: figures per round, the length trend, coverage and unreflected sources."""

from __future__ import annotations

from textual.widgets import DataTable, OptionList, Sparkline

from negotiator.tui.screens.dashboard import DashboardScreen, UnreflectedModal, bar
from negotiator.tui.screens.declaration import DeclarationScreen
from negotiator.tui.screens.review import ReviewScreen
from tests.tui.conftest import SIZE, open_dashboard, ready, wait_until


def test_bar_of_block_characters() -> None:
    assert bar(1.0, 4) == "████"
    assert bar(0.0, 4) == "    "
    assert bar(0.5, 4) == "██  "
    assert bar(0.5625, 4) == "██▎ "


async def test_figures_per_round_and_trend(make_test_app, revised) -> None:  # type: ignore[no-untyped-def]
    figures = revised.drafting.round_figures()
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_dashboard(pilot)
        table = screen.query_one("#rounds-table", DataTable)
        assert table.row_count == 2
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(2)]
        assert rows[0][0] == "First reading" and rows[0][1] == "frozen"
        assert rows[1][0] == "Rev.1" and rows[1][1] == "open"
        assert rows[1][2] == str(figures[1].paragraphs)
        assert rows[1][3].split()[0] == str(figures[1].words)
        assert rows[1][4].startswith(f"{figures[1].agreed_share:>4.0%}")
        assert rows[1][6].startswith(
            f"{figures[1].bracketed_spans} in {figures[1].bracketed_paragraphs}"
        )
        words = screen.query_one("#words-spark", Sparkline)
        assert list(words.data) == [float(f.words) for f in figures]
        caption = str(screen.query_one("#words-caption").render())
        assert f"{figures[0].words} → {figures[1].words}" in caption
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeclarationScreen)


async def test_coverage_and_unreflected_sources_one_key_away(make_test_app, revised) -> None:  # type: ignore[no-untyped-def]
    coverage = revised.links.coverage()
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_dashboard(pilot)
        regions = screen.query_one("#regions-table", DataTable)
        questions = screen.query_one("#questions-table", DataTable)
        assert regions.row_count == len(coverage.regions)
        assert questions.row_count == len(coverage.questions)
        title = str(screen.query_one("#coverage-title").render())
        assert (
            f"recommendations {coverage.recommendations_reflected}/{coverage.recommendations_total}"
            in title
        )
        # u on the regions table: the first region's unreflected recommendations, with texts.
        regions.focus()
        await pilot.press("u")
        await wait_until(pilot, lambda: isinstance(app.screen, UnreflectedModal), what="the list")
        modal = app.screen
        group = coverage.regions[0]
        options = modal.query_one(OptionList)
        assert options.option_count == len(group.unreflected)
        assert options.get_option_at_index(0).id == group.unreflected[0]
        expected = revised.sources.source(group.unreflected[0]).text
        assert expected[:40] in str(options.get_option_at_index(0).prompt)
        await pilot.press("escape")
        await pilot.pause()
        # enter on a discussion-question group.
        questions.focus()
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, UnreflectedModal))
        assert app.screen.query_one(OptionList).option_count == len(
            coverage.questions[1].unreflected
        )


async def test_switch_between_review_and_dashboard(make_test_app, revised) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await open_dashboard(pilot)
        await pilot.press("f5")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await pilot.press("f6")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DeclarationScreen))
        assert len(app.screen_stack) == 2, "no screen left behind"

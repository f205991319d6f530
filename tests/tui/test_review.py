"""The review screen: choosing rounds, stepping through changes, filtering, sources."""

from __future__ import annotations

from negotiator.domain.model import Status
from negotiator.tui.screens.declaration import DeclarationScreen
from negotiator.tui.screens.review import ANY_CHANGE, ReviewScreen, SourcesModal
from negotiator.tui.widgets.change_list import ChangeList
from negotiator.tui.widgets.change_view import ChangeDetail
from tests.tui.conftest import SIZE, keys_for, open_review, ready, wait_until


def shown(screen: ReviewScreen) -> list[str]:
    """The labels of the rows the list shows."""
    return [c.label_b or c.label_a or "" for c in screen.query_one(ChangeList).changes]


def highlighted(screen: ReviewScreen) -> str | None:
    change = screen.current
    return None if change is None else change.label_b or change.label_a


async def test_defaults_to_last_frozen_round_and_current_text(make_test_app, revised) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_review(pilot)
        assert (screen.round_a, screen.round_b) == ("First reading", "Rev.1")
        assert shown(screen) == [
            "OP 21", "OP 22", "OP 23", "OP 23 bis", "OP 24", "OP 25",
            "OP 26", "OP 27", "OP 28", "OP 29", "OP 30",
        ]  # fmt: skip
        assert highlighted(screen) == "OP 22", "the cursor starts on the first change"
        change = screen.current
        assert (
            change is not None and "reworded" in change.kinds and "status_changed" in change.kinds
        )
        summary = str(screen.query_one("#review-summary").render())
        assert (
            "First reading → Rev.1" in summary and "1 added" in summary and "1 deleted" in summary
        )
        detail = screen.query_one(ChangeDetail).plain
        assert (
            "status pending → ad ref" in detail and "reliable data and sound evaluation" in detail
        )
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeclarationScreen)


async def test_step_to_next_and_previous_change(make_test_app, revised) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_review(pilot)
        seen = [highlighted(screen)]
        for _ in range(4):
            await pilot.press("n")
            seen.append(highlighted(screen))
        assert seen == ["OP 22", "OP 23 bis", "OP 25", "OP 27", "OP 27"], "unchanged ones skipped"
        await pilot.press("p", "p")
        assert highlighted(screen) == "OP 23 bis"
        assert "OP 23 bis" in screen.query_one(ChangeDetail).plain
        await pilot.press("down")
        assert highlighted(screen) == "OP 24", "arrows visit every paragraph"


async def test_filters_by_kind_status_section_and_sponsor(make_test_app, revised) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_review(pilot)
        screen.set_filter(kind="added")
        await pilot.pause()
        assert shown(screen) == ["OP 23 bis"]
        screen.set_filter(kind="sponsor_changed")
        await pilot.pause()
        assert shown(screen) == ["OP 27"]
        screen.set_filter(status=Status.DELETED)
        await pilot.pause()
        assert shown(screen) == ["OP 25"]
        screen.set_filter(section="Evidence-based crime prevention")
        await pilot.pause()
        assert shown(screen) == ["OP 22", "OP 23", "OP 23 bis"]
        screen.set_filter(sponsor="EU")
        await pilot.pause()
        assert shown(screen) == ["OP 27"]
        screen.set_filter(kind=ANY_CHANGE, status=Status.PENDING)
        await pilot.pause()
        assert shown(screen) == ["OP 23 bis", "OP 27"]
        await pilot.press("x")  # clear
        await pilot.pause()
        assert len(shown(screen)) == 11
        await pilot.press("c")  # changes only
        await pilot.pause()
        assert shown(screen) == ["OP 22", "OP 23 bis", "OP 25", "OP 27"]
        assert "4 of 11 shown" in str(screen.query_one("#review-summary").render())


async def test_choose_rounds_and_frozen_diffs_are_cached(make_test_app, revised) -> None:  # type: ignore[no-untyped-def]
    d = revised.drafting
    d.freeze_round()
    d.open_round("Rev.2")
    op21 = d.paragraphs()[0]
    d.save_paragraph(op21.id, base_version=op21.version_no, text=op21.text + " [Rev.2 words]")
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_review(pilot)
        assert (screen.round_a, screen.round_b) == ("Rev.1", "Rev.2")
        assert [
            c.label_b for c in screen.query_one(ChangeList).changes if c.kinds != ("unchanged",)
        ] == ["OP 21"]
        loads = screen.loads
        screen.choose_rounds("First reading", "Rev.1")  # two frozen rounds
        await wait_until(pilot, lambda: screen.loads > loads)
        assert screen.result is not None and not screen.result.cached
        assert highlighted(screen) == "OP 21", "the cursor stays on the paragraph it was on"
        # The selects choose too: round B back to the current text, then to Rev.1 again.
        loads = screen.loads
        from textual.widgets import Select

        screen.query_one("#round-b", Select).value = "Rev.2"
        await wait_until(pilot, lambda: screen.loads > loads)
        assert (screen.round_a, screen.round_b) == ("First reading", "Rev.2")
        assert {"OP 21", "OP 22"} <= {
            c.label_b for c in screen.query_one(ChangeList).changes if c.kinds != ("unchanged",)
        }
        loads = screen.loads
        screen.query_one("#round-b", Select).value = "Rev.1"
        await wait_until(pilot, lambda: screen.loads > loads)
        assert screen.result.cached, "the diff of two frozen rounds comes from the cache"
        await pilot.press("escape")
        await pilot.pause()
        screen = await open_review(pilot)
        assert (screen.round_a, screen.round_b) == ("First reading", "Rev.1"), "remembered"


async def test_side_by_side_toggle(make_test_app, revised) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_review(pilot)
        assert not screen.side_by_side
        await pilot.press("s")
        await pilot.pause()
        assert screen.side_by_side
        rendered = screen.query_one(ChangeDetail).plain
        assert "First reading" in rendered and "Rev.1 (current)" in rendered


async def test_sources_of_a_paragraph_and_jump_to_it(make_test_app, revised) -> None:  # type: ignore[no-untyped-def]
    op22 = next(p for p in revised.drafting.paragraphs() if p.label == "OP 22")
    links = revised.links.links(op22.id)
    assert links
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_review(pilot)
        assert highlighted(screen) == "OP 22"
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, SourcesModal), what="the sources")
        modal = app.screen
        assert modal.query_one("#review-sources").option_count == len(links)
        await pilot.press("e")  # edit it on the declaration screen
        await wait_until(pilot, lambda: isinstance(app.screen, DeclarationScreen))
        main = app.main_screen
        await wait_until(pilot, lambda: main.selected_id == op22.id)
        from textual.widgets import TabbedContent

        assert main.query_one(TabbedContent).active == "sources-tab"


async def test_review_from_the_command_palette(make_test_app, revised) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*keys_for("Review changes"))
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen), what="the review")

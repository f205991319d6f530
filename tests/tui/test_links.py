"""Linking a source through the picker (suggestions first) and removing a link."""

from __future__ import annotations

from negotiator.tui.screens.link_picker import LinkPickerModal
from negotiator.tui.widgets.paragraph_table import ParagraphTable
from negotiator.tui.widgets.sources_list import SourcesList
from tests.tui.conftest import SIZE, keys_for, ready, wait_until


async def test_link_through_the_picker_then_unlink(make_test_app, services) -> None:  # type: ignore[no-untyped-def]
    first = services.drafting.paragraphs()[0]
    before = {link.source.ref for link in services.links.links(first.id)}
    candidate = next(
        s for s in services.sources.sources(kind="recommendation") if s.ref not in before
    )
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = app.main_screen
        await pilot.press("ctrl+l")
        await wait_until(pilot, lambda: isinstance(app.screen, LinkPickerModal), what="the picker")
        picker = app.screen
        options = picker.query_one("#picker-options")
        # Suggested sources come first, under their own heading.
        assert "Suggested" in str(options.get_option_at_index(0).prompt)
        assert (
            picker.suggestions
            and options.get_option_at_index(1).id == picker.suggestions[0].source.ref
        )
        await pilot.press(*keys_for(candidate.ref))
        await wait_until(
            pilot,
            lambda: (
                options.highlighted is not None
                and options.get_option_at_index(options.highlighted).id == candidate.ref
            ),
        )
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: screen.link_counts.get(first.id) == len(before) + 1, what="the link"
        )
        assert candidate.ref in {link.source.ref for link in services.links.links(first.id)}
        table = screen.query_one(ParagraphTable)
        assert table.row_text(first.id).plain.split()[3] == str(len(before) + 1)
        sources = screen.query_one(SourcesList)
        assert candidate.ref in [
            sources.get_option_at_index(i).id for i in range(sources.option_count)
        ]
        # The Sources tab shows the full text; delete removes the highlighted link.
        await pilot.press("f3")
        sources.focus()
        sources.highlighted = [
            sources.get_option_at_index(i).id for i in range(sources.option_count)
        ].index(candidate.ref)
        await pilot.press("delete")
        await wait_until(
            pilot, lambda: screen.link_counts.get(first.id) == len(before), what="the unlink"
        )
        assert candidate.text in str(
            sources.get_option_at_index(0).prompt
        ) or candidate.ref not in [
            sources.get_option_at_index(i).id for i in range(sources.option_count)
        ]
    assert {link.source.ref for link in services.links.links(first.id)} == before

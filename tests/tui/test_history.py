"""The paragraph's history shows the audit trail: who saved each version and when, and the
links made and removed."""

from __future__ import annotations

from datetime import datetime

from negotiator.tui.widgets.history_view import HistoryView, when
from tests.tui.conftest import SIZE, ready, wait_until


async def test_history_shows_who_and_when_and_the_links(make_test_app, services) -> None:  # type: ignore[no-untyped-def]
    d = services.drafting
    op21 = d.paragraphs()[0]
    d.save_paragraph(op21.id, base_version=op21.version_no, text=op21.text + " [now]")
    services.links.unlink_paragraph(op21.id, "14th guide 66(a)")
    saved = d.history(op21.id)[-1]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        history = app.main_screen.query_one(HistoryView)
        await wait_until(pilot, lambda: history.version_count == 2)
        from rich.console import Console

        console = Console(width=200, record=True)
        console.print(history.content)
        text = console.export_text()
        assert f"by bob, {when(saved.created_at)}" in text
        assert "unlinked 14th guide 66(a)  by bob" in text
        assert "linked 14th guide 66(d)  by tester" in text


def test_when_is_local_minutes() -> None:
    from datetime import UTC

    moment = datetime(2026, 3, 7, 9, 30, 59, tzinfo=UTC)
    assert when(moment) == moment.astimezone().strftime("%Y-%m-%d %H:%M")

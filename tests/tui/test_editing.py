"""Selecting, editing and saving paragraphs; status, sponsor, insertion and deletion."""

from __future__ import annotations

from negotiator.domain.model import Status
from negotiator.tui.messages import ParagraphSaved
from negotiator.tui.screens.declaration import DeclarationScreen
from negotiator.tui.screens.modals import ChoiceModal, PromptModal
from negotiator.tui.widgets.editor import ParagraphEditor
from negotiator.tui.widgets.paragraph_table import ParagraphTable
from tests.tui.conftest import SIZE, keys_for, ready, wait_until


def _screen(app) -> DeclarationScreen:  # type: ignore[no-untyped-def]
    return app.main_screen


async def test_launch_lists_paragraphs_by_section_and_selects_the_first(
    make_test_app, services
) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = _screen(app)
        table = screen.query_one(ParagraphTable)
        first = services.drafting.paragraphs()[0]
        assert table.paragraph_id_at(0) is None, "the first row is a section heading"
        assert table.paragraph_id_at(1) == first.id
        assert screen.selected_id == first.id
        editor = screen.query_one(ParagraphEditor)
        assert editor.text == first.text
        assert not editor.read_only
        # the link count column shows the sample links
        row = table.row_text(first.id).plain
        assert row.startswith(f"  {first.label}") and " pending " in row
        assert row.split()[3] == str(len(services.links.links(first.id))), "the link count column"


async def test_moving_down_skips_section_rows_and_loads_history(make_test_app, services) -> None:  # type: ignore[no-untyped-def]
    paragraphs = services.drafting.paragraphs()
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("down")
        screen = _screen(app)
        await wait_until(pilot, lambda: screen.details_for == paragraphs[1].id)
        assert screen.query_one(ParagraphEditor).text == paragraphs[1].text


async def test_edit_and_save_adds_a_version(make_test_app, services) -> None:  # type: ignore[no-untyped-def]
    first = services.drafting.paragraphs()[0]
    seen: list[object] = []
    app = make_test_app()
    async with app.run_test(size=SIZE, message_hook=seen.append) as pilot:
        await ready(pilot)
        await pilot.press("enter")  # into the editor
        editor = _screen(app).query_one(ParagraphEditor)
        assert editor.has_focus
        editor.move_cursor(editor.document.end)
        await pilot.press(*keys_for(" [and justice]"))
        await pilot.press("ctrl+s")
        await wait_until(
            pilot, lambda: any(isinstance(m, ParagraphSaved) for m in seen), what="the save"
        )
        assert editor.has_focus and not editor.read_only, "the editor stays usable"
    history = services.drafting.history(first.id)
    assert [v.version_no for v in history] == [1, 2]
    assert history[-1].text == first.text + " [and justice]"
    assert history[-1].author == "tester"
    assert history[-1].round_name == "First reading"


async def test_unbalanced_brackets_are_flagged_and_not_saved(make_test_app, services) -> None:  # type: ignore[no-untyped-def]
    first = services.drafting.paragraphs()[0]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("enter", "end", *keys_for(" [open"))
        screen = _screen(app)
        status = str(screen.query_one("#bracket-status").render())
        assert "Unbalanced" in status and "never closed" in status
        editor = screen.query_one(ParagraphEditor)
        assert any(
            name == "bracket.unbalanced"
            for line in editor._highlights.values()
            for *_, name in line
        )
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press(*keys_for("]"))
        assert any(name == "bracket" for line in editor._highlights.values() for *_, name in line)
        assert "balanced" in str(screen.query_one("#bracket-status").render())
    assert len(services.drafting.history(first.id)) == 1


async def test_status_and_sponsor_are_saved(make_test_app, services) -> None:  # type: ignore[no-untyped-def]
    first = services.drafting.paragraphs()[0]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = _screen(app)
        await pilot.press("ctrl+t")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceModal))
        await pilot.press("down", "down", "enter")  # pending -> agreed ad ref -> agreed
        await wait_until(
            pilot, lambda: screen.by_id[first.id].status is Status.AGREED, what="status saved"
        )
        await pilot.press("ctrl+o")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptModal))
        await pilot.press(*keys_for("EU"), "enter")
        await wait_until(
            pilot, lambda: screen.by_id[first.id].sponsor == "EU", what="sponsor saved"
        )
        table = screen.query_one(ParagraphTable)
        row = table.row_text(first.id).plain
        assert " agreed " in row and " EU " in row
    view = services.drafting.paragraphs()[0]
    assert (view.status, view.sponsor, view.version_no) == (Status.AGREED, "EU", 3)


async def test_insert_after_gets_the_bis_label(make_test_app, services) -> None:  # type: ignore[no-untyped-def]
    first = services.drafting.paragraphs()[0]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: isinstance(app.screen, PromptModal))
        await pilot.press(*keys_for("Promote the rule of law."), "ctrl+s")
        screen = _screen(app)
        await wait_until(
            pilot,
            lambda: any(p.label == f"{first.label} bis" for p in screen.paragraphs),
            what="insert",
        )
        new = next(p for p in screen.paragraphs if p.label == f"{first.label} bis")
        assert screen.paragraphs.index(new) == 1, "right after the paragraph it follows"
        await wait_until(pilot, lambda: screen.selected_id == new.id)
        assert screen.query_one(ParagraphEditor).text == "Promote the rule of law."
    labels = [p.label for p in services.drafting.paragraphs()]
    assert labels[:2] == [first.label, f"{first.label} bis"]


async def test_mark_deleted_keeps_the_row_struck_through(make_test_app, services) -> None:  # type: ignore[no-untyped-def]
    first = services.drafting.paragraphs()[0]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+r")
        screen = _screen(app)
        await wait_until(pilot, lambda: screen.by_id[first.id].deleted, what="deletion")
        table = screen.query_one(ParagraphTable)
        row = table.row_text(first.id)
        struck = {
            row.plain[span.start : span.end].strip()
            for span in row.spans
            if "strike" in str(span.style)
        }
        assert first.label in struck and first.text[:300] in struck, "label and text struck through"
        assert " deleted " in row.plain
        assert table.paragraph_id_at(1) == first.id, "still listed"
        assert "marked deleted" in str(screen.query_one("#notice").render())
    assert services.drafting.paragraphs()[0].status is Status.DELETED

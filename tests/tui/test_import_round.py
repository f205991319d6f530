"""Import a round from the TUI: pick a Word/PDF draft, see what was matched."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from textual.widgets import Input, ProgressBar, Static

from negotiator.domain.draftfile import parse_draft
from negotiator.tui.screens.import_round import DraftTree, ImportRoundScreen
from tests.tui.conftest import ready, wait_until

REPO = Path(__file__).resolve().parents[2]


def sample_as_docx(path: Path) -> Path:
    """The sample draft as a Word file, with OP 22 reworded."""
    draft = parse_draft((REPO / "drafts" / "kyoto-pillar-1.md").read_text(encoding="utf-8"))
    document = Document()
    document.add_paragraph(draft.title or "Draft", style="Title")
    section = None
    for p in draft.paragraphs:
        if p.section != section:
            section = p.section
            document.add_heading(section, level=1)
        text = p.text + (" Reworded in Rev.1." if str(p.label) == "OP 22" else "")
        document.add_paragraph(f"{p.label}. {text}")
    document.save(str(path))
    return path


def test_the_picker_shows_folders_and_drafts_only(tmp_path: Path) -> None:
    for name in ("a.docx", "b.pdf", "c.md", "d.txt", "e.png", ".hidden.md"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    shown = DraftTree.filter_paths(None, sorted(tmp_path.iterdir()))  # type: ignore[arg-type]
    assert sorted(p.name for p in shown) == ["a.docx", "b.pdf", "c.md", "d.txt", "sub"]


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_import_a_word_draft_from_the_dashboard(
    make_test_app, services, tmp_path: Path, size: tuple[int, int]
) -> None:  # type: ignore[no-untyped-def]
    d = services.drafting
    d.freeze_round()
    docx = sample_as_docx(tmp_path / "rev1.docx")
    app = make_test_app()
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        await pilot.press("f6")
        await wait_until(pilot, lambda: type(app.screen).__name__ == "DashboardScreen")
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, ImportRoundScreen))
        screen = app.screen
        assert screen.query_one("#import-name", Input).value == "Rev.1"
        screen.query_one("#import-path", Input).value = str(docx)
        screen.start_import()
        await wait_until(pilot, lambda: screen.report is not None, what="the import")
        result = str(screen.query_one("#import-result", Static).render())
        assert "Round 'Rev.1' imported (open): 9 unchanged, 1 reworded" in result
        bar = screen.query_one("#import-progress", ProgressBar)
        assert bar.percentage == 1
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, ImportRoundScreen))
        await wait_until(pilot, lambda: app.main_screen.round.name == "Rev.1", what="reload")
    rounds = d.round_list()
    assert [r.name for r in rounds] == ["First reading", "Rev.1"] and rounds[-1].is_open


async def test_a_bad_file_is_refused_in_the_dialog(make_test_app, services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    d = services.drafting
    d.freeze_round()
    bad = tmp_path / "rev1.docx"
    bad.write_bytes(b"PK\x03\x04" + b"\0" * 64)
    app = make_test_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(pilot)
        app.action_import_round()
        await wait_until(pilot, lambda: isinstance(app.screen, ImportRoundScreen))
        screen = app.screen
        screen.query_one("#import-path", Input).value = str(bad)
        screen.start_import()
        result = screen.query_one("#import-result", Static)
        await wait_until(pilot, lambda: "nothing was changed" in str(result.render()))
        assert str(bad) in str(result.render()) and "not a Word document" in str(result.render())
    assert [r.name for r in d.round_list()] == ["First reading"]

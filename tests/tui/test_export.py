"""Export from the app: the dialog (ctrl+e or the palette), the file written, refusals shown."""

from __future__ import annotations

from pathlib import Path

import docx
from textual.widgets import Checkbox, Input, Select

from negotiator.tui.screens.export import ExportModal
from tests.tui.conftest import SIZE, ready, wait_until


def messages(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(n.message) for n in app._notifications)


async def test_export_clean_docx_and_compilation(make_test_app, revised, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+e")
        await wait_until(
            pilot, lambda: isinstance(app.screen, ExportModal), what="the export dialog"
        )
        dialog = app.screen
        assert dialog.query_one("#export-round", Select).value == "Rev.1"
        target = tmp_path / "out" / "clean.docx"
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await wait_until(pilot, target.exists, what="the .docx to be written")
        await wait_until(pilot, lambda: "Wrote" in messages(app))
        numbered = [p.text for p in docx.Document(str(target)).paragraphs if p.text[:2].isdigit()]
        assert [t.split(".")[0] for t in numbered] == [str(n) for n in range(21, 31)]

        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportModal))
        dialog = app.screen
        dialog.query_one("#export-kind", Select).value = "First reading"
        dialog.query_one("#export-format", Select).value = "html"
        await pilot.pause()
        path = Path(dialog.query_one("#export-path", Input).value)
        assert path.suffix == ".html"
        target = tmp_path / "compilation.html"
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await wait_until(pilot, target.exists, what="the compilation")
        page = target.read_text(encoding="utf-8")
        assert "<ins>" in page and "OP 23 bis" in page


async def test_final_export_refused_in_a_notification(
    make_test_app, revised, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    app = make_test_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, ExportModal))
        dialog = app.screen
        dialog.query_one("#export-final", Checkbox).value = True
        target = tmp_path / "final.docx"
        dialog.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "not a final text" in messages(app), what="the refusal")
        assert not target.exists()

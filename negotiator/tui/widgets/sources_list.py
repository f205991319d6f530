"""Provides the list of a paragraph's linked sources, each with its full text."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from negotiator.services.links import LinkView
from negotiator.services.sources import SourceView

KIND_STYLES = {
    "recommendation": "bold #1c71d8",
    "question": "bold #9141ac",
    "evidence": "bold #26a269",
}


def _cut(text: str, width: int | None) -> str:
    return text if width is None or len(text) <= width else text[: width - 1] + "…"


def source_prompt(source: SourceView, *, score: float | None = None, full: bool = True) -> Text:
    """A source as a list entry: kind, reference, document, then its text."""
    out = Text.assemble(
        (f"[{source.kind}] ", KIND_STYLES.get(source.kind, "bold")),
        (source.ref, "bold"),
        (
            f"  {_cut(source.document_title, None if full else 50)}",
            "dim",
        ),
    )
    if score is not None:
        out.append(f"  ★ suggested ({score:.0f})", style="italic #e5a50a")
    out.append("\n")
    body = source.text if full or len(source.text) < 160 else source.text[:160] + "…"
    out.append(body)
    return out


class SourcesList(OptionList):
    """The linked sources; the option id is the source's reference."""

    BINDINGS = [
        Binding(
            "delete,x",
            "screen.unlink_source",
            "Unlink",
            tooltip="Remove the link to the highlighted source.",
            id="unlink-source",
        ),
    ]
    """delete (or x) removes the highlighted link."""

    def show(self, links: Sequence[LinkView]) -> None:
        highlighted = self.highlighted
        self.clear_options()
        if not links:
            self.add_option(
                Option(
                    Text("No linked sources. Press ctrl+l to link one.", style="dim"), disabled=True
                )
            )
            return
        self.add_options([Option(source_prompt(link.source), id=link.source.ref) for link in links])
        if highlighted is not None:
            self.highlighted = min(highlighted, len(links) - 1)

    @property
    def selected_ref(self) -> str | None:
        if self.highlighted is None:
            return None
        option = self.get_option_at_index(self.highlighted)
        return None if option.disabled else option.id

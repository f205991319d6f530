"""Provides the link picker: suggested sources first, then every source, searchable."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from negotiator.services.links import Suggestion
from negotiator.services.sources import SourceView
from negotiator.tui.widgets.sources_list import source_prompt

MAX_SHOWN = 200


class LinkPickerModal(ModalScreen[str | None]):
    """Pick a source to link; dismisses with its reference, or ``None``."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="picker-cancel"),
        Binding("down", "focus_list", "To the list", show=False),
    ]
    """Type to search; down moves into the list, Enter links the highlighted source."""

    def __init__(
        self, label: str, suggestions: Sequence[Suggestion], sources: Sequence[SourceView]
    ) -> None:
        super().__init__()
        self.label = label
        self.suggestions = list(suggestions)
        self.sources = list(sources)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="picker-dialog"):
            yield Label(f"Link a source to {self.label}", classes="dialog-title")
            yield Input(
                placeholder="Search sources (words of the reference or text)", id="picker-search"
            )
            yield OptionList(id="picker-options")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#picker-search", Input).focus()

    def _fill(self, query: str) -> None:
        words = query.casefold().split()

        def matches(src: SourceView) -> bool:
            hay = f"{src.ref} {src.text} {src.kind}".casefold()
            return all(w in hay for w in words)

        options: list[Option] = []
        suggested = [s for s in self.suggestions if matches(s.source)]
        seen = {s.source.ref for s in suggested}
        if suggested:
            options.append(Option(Text("Suggested", style="bold reverse"), disabled=True))
            options += [
                Option(source_prompt(s.source, score=s.score, full=False), id=s.source.ref)
                for s in suggested
            ]
        rest = [s for s in self.sources if s.ref not in seen and matches(s)]
        if rest:
            title = "All sources" if not words else "Matching sources"
            more = (
                f" (first {MAX_SHOWN} of {len(rest)}; type to narrow)"
                if len(rest) > MAX_SHOWN
                else ""
            )
            options.append(Option(Text(title + more, style="bold reverse"), disabled=True))
            options += [Option(source_prompt(s, full=False), id=s.ref) for s in rest[:MAX_SHOWN]]
        if not options:
            options.append(Option(Text("No source matches.", style="dim"), disabled=True))
        option_list = self.query_one("#picker-options", OptionList)
        option_list.clear_options()
        option_list.add_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        option_list.highlighted = first

    @on(Input.Changed, "#picker-search")
    def _search(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#picker-search")
    def _submit(self) -> None:
        option_list = self.query_one("#picker-options", OptionList)
        if option_list.highlighted is not None:
            option = option_list.get_option_at_index(option_list.highlighted)
            if not option.disabled:
                self.dismiss(option.id)

    def action_focus_list(self) -> None:
        self.query_one("#picker-options", OptionList).focus()

    @on(OptionList.OptionSelected, "#picker-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

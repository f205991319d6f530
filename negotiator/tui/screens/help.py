"""Provides the help screen: what the app does and its keys."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """\
# negotiator: drafting a declaration

The **left** pane lists the paragraphs of the latest round by section: label, status
(pending, ad ref = agreed ad referendum, agreed, deleted), sponsor, number of linked sources
(`Src`) and the text. A `●` marks a paragraph with unsaved edits. The **right** pane edits the
selected paragraph; below it are its **History** (versions by round; deletions struck through
in red, insertions underlined in green) and its **Sources**.

Square brackets mark contested text: matched brackets are highlighted, an unbalanced one is
shown in red and named under the editor. A text with unbalanced brackets cannot be saved.

Unsaved text is kept per paragraph while you move around; quitting asks first. Saving adds a
version in the open round. If someone saved the same paragraph meanwhile, you get both texts
side by side and choose; nothing is overwritten. A frozen round cannot be edited: a chair
opens the next round (command palette, *Open next round*).

| Key | Where | Does |
|---|---|---|
| `↑` `↓` `PgUp` `PgDn` | list | move between paragraphs |
| `[` `]` | list | previous / next section |
| `enter` | list | edit the paragraph |
| `escape` | editor | back to the list |
| `ctrl+g` | anywhere | go to a paragraph by label (e.g. `OP 21 bis`) |
| `ctrl+f` | anywhere | search the text (filters the list) |
| `ctrl+s` | anywhere | save the paragraph (a new version) |
| `ctrl+t` | anywhere | set the status |
| `ctrl+o` | anywhere | set the sponsor |
| `ctrl+n` | anywhere | insert a new paragraph after this one (next bis/ter label) |
| `ctrl+r` | anywhere | mark the paragraph deleted (it stays, struck through) |
| `ctrl+l` | anywhere | link a source (suggested sources first) |
| `delete` | sources | remove the highlighted link |
| `f2` / `f3` | anywhere | show history / sources |
| `f5` | anywhere | **review**: what changed between two rounds |
| `f6` | anywhere | **dashboard**: rounds, length, agreement, coverage of the sources |
| `f8` | anywhere | switch light / dark theme |
| `ctrl+p` | anywhere | command palette (all of the above, and more) |
| `f1` `?` | anywhere (`?` not in the editor) | this help |
| `ctrl+q` | anywhere | quit (asks if edits are unsaved) |

In the **review** (`f5`): `n` / `p` next / previous change, `s` redline inline or side by side,
`c` changed paragraphs only, `x` clear the filters (kind, status, section, sponsor), `r` choose
the rounds, `o` the paragraph's sources, `e` edit it here, `escape` back.

On the **dashboard** (`f6`): `f` freezes the open round (after listing what is still pending or
bracketed), `o` opens the next round (a name is suggested), both for chairs only; `enter` or `u`
on a region or agenda item lists the sources the text does not reflect yet; `escape` back.

The mouse works too: click a row, a tab, a button.
"""


class HelpScreen(ModalScreen[None]):
    """The help text and key table."""

    BINDINGS = [
        Binding("escape,q,f1,question_mark", "dismiss(None)", "Close help", id="help-close")
    ]
    """Escape, q, f1 or ? closes the help."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="help-dialog"):
            yield Markdown(HELP, id="help-text")

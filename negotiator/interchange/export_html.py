"""Provides the standalone HTML exports: the clean text and the compilation text.

Every text is escaped (``html.escape``, quotes included) after dropping the characters XML
cannot carry, and void elements are self-closed, so the page parses as HTML and as XML alike.
Each paragraph has ``dir="auto"``: Arabic paragraphs run right to left on their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from negotiator.interchange.export_model import (
    CleanParagraph,
    CompiledParagraph,
    ExportMeta,
    by_section,
    display_segments,
    one_line,
    xml_safe,
)

STYLE = """
body { font-family: 'Times New Roman', Georgia, serif; max-width: 46em; margin: 2em auto;
       line-height: 1.5; }
h1 { font-size: 1.35em; text-align: center; } h2 { font-size: 1.1em; margin-top: 1.6em; }
p.para { margin: .8em 0; } p.numbered { padding-left: 2.5em; text-indent: -2.5em; }
span.num { display: inline-block; min-width: 2.5em; text-indent: 0; }
.label { font-weight: bold; } .notes { font-family: sans-serif; font-size: .85em; color: #555; }
ins { text-decoration: underline; font-weight: bold; color: #005a00; }
del { text-decoration: line-through; color: #a00000; }
div.para { margin: 1em 0; } div.new { border-left: 3px solid #2a2; padding-left: .6em; }
div.deleted { border-left: 3px solid #c22; padding-left: .6em; color: #666; }
""".strip()


def _e(text: str) -> str:
    return escape(xml_safe(text), quote=True)


def _page(meta: ExportMeta, body: list[str], *, title: str) -> str:
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"/>'
        f"<title>{_e(title)}</title><style>\n{STYLE}\n</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def _preface(meta: ExportMeta) -> list[str]:
    blocks = [b for b in meta.preface.split("\n\n") if b.strip()]
    return [f'<p class="preface" dir="auto">{_e(one_line(b))}</p>' for b in blocks]


def clean_html(meta: ExportMeta, paragraphs: Sequence[CleanParagraph]) -> str:
    """The clean text: title, preface, sections and numbered paragraphs (``id`` = paragraph uid)."""
    title = one_line(meta.title)
    body = [f'<h1 dir="auto">{_e(title)}</h1>', *_preface(meta)]
    for section, run in by_section(paragraphs):
        if section:
            body.append(f'<h2 dir="auto">{_e(one_line(section))}</h2>')
        for p in run:
            if p.number is None:
                body.append(f'<p class="para" id="{_e(p.uid)}" dir="auto">{_e(p.text)}</p>')
            else:
                body.append(
                    f'<p class="para numbered" id="{_e(p.uid)}" dir="auto">'
                    f'<span class="num">{p.number}.</span>{_e(p.text)}</p>'
                )
    return _page(meta, body, title=title)


def _tracked(p: CompiledParagraph) -> str:
    parts = []
    for op, raw in display_segments(p.segments):
        text = _e(raw)
        parts.append(
            f"<del>{text}</del>"
            if op == "delete"
            else f"<ins>{text}</ins>"
            if op == "insert"
            else text
        )
    return "".join(parts)


def compilation_html(meta: ExportMeta, paragraphs: Sequence[CompiledParagraph]) -> str:
    """The compilation text: each paragraph's label and notes, then its tracked changes."""
    title = one_line(meta.title)
    body = [
        f'<h1 dir="auto">{_e(title)}</h1>',
        *_preface(meta),
        '<p class="legend">Compilation text: '
        f"<b>{_e(meta.round_name or 'current round')}</b> compared with "
        f"<b>{_e(meta.compare_name or '')}</b>. Insertions are <ins>underlined</ins>, "
        "deletions <del>struck through</del>.</p>",
    ]
    for section, run in by_section(paragraphs):
        if section:
            body.append(f'<h2 dir="auto">{_e(one_line(section))}</h2>')
        for p in run:
            classes = " ".join(["para", *(_e(m) for m in p.marks)])
            notes = f' <span class="notes">({_e("; ".join(p.notes))})</span>' if p.notes else ""
            body.append(
                f'<div class="{classes}" id="{_e(p.uid)}"><p class="head">'
                f'<span class="label">{_e(p.label)}</span>'
                f'{notes}</p><p class="text" dir="auto">{_tracked(p)}</p></div>'
            )
    return _page(meta, body, title=f"{title}: {meta.round_name} compared with {meta.compare_name}")

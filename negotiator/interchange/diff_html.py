"""Provides a round diff as a standalone HTML page (every text escaped)."""

from __future__ import annotations

from html import escape

from negotiator.domain.diffing import KINDS, ParagraphChange, RoundDiff

STYLE = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 60em; margin: 2em auto; line-height: 1.5; }
h1 { font-size: 1.4em; } table.summary { border-collapse: collapse; margin-bottom: 2em; }
table.summary td, table.summary th { border: 1px solid #ccc; padding: .2em .6em; text-align: right; }
.change { display: grid; grid-template-columns: 11em 1fr; gap: 1em; padding: .6em 0; border-top: 1px solid #eee; }
.margin { font-family: sans-serif; font-size: .85em; color: #444; }
.kind { display: inline-block; border-radius: 3px; padding: 0 .3em; margin: .1em 0; background: #eee; }
.kind-added { background: #d4f4d4; } .kind-deleted { background: #f8d0d0; } .kind-moved { background: #dde6ff; }
del { color: #b00000; text-decoration: line-through; } ins { color: #006400; text-decoration: underline; }
.section { font-weight: bold; margin-top: 1.5em; }
"""


def _text(change: ParagraphChange) -> str:
    parts = []
    for op in change.ops:
        text = escape(op.text)
        parts.append(
            f"<del>{text}</del>"
            if op.op == "delete"
            else f"<ins>{text}</ins>"
            if op.op == "insert"
            else text
        )
    return "".join(parts)


def _label(change: ParagraphChange) -> str:
    if change.label_a and change.label_b and change.label_a != change.label_b:
        return f"{escape(change.label_a)} &rarr; {escape(change.label_b)}"
    return escape(change.label_b or change.label_a or "")


def diff_to_html(diff: RoundDiff, *, title: str, name_a: str, name_b: str) -> str:
    """A page with the summary figures, then every change with its label and kinds in a margin."""
    s = diff.summary
    counts = "".join(
        f"<tr><th>{escape(k.replace('_', ' '))}</th><td>{v}</td></tr>" for k, v in s.counts.items()
    )
    figures = (
        f"<tr><th>words added / removed</th><td>{s.words_added} / {s.words_removed}</td></tr>"
        f"<tr><th>words in {escape(name_a)} / {escape(name_b)}</th><td>{s.words_a} / {s.words_b}</td></tr>"
        f"<tr><th>agreed (incl. ad ref) in {escape(name_a)} / {escape(name_b)}</th>"
        f"<td>{s.agreed_or_ad_ref_share_a:.0%} / {s.agreed_or_ad_ref_share_b:.0%}</td></tr>"
    )
    body = []
    section = None
    for change in diff.changes:
        current = change.section_b if change.section_b is not None else change.section_a
        if current != section:
            section = current
            body.append(f'<div class="section">{escape(section or "")}</div>')
        kinds = "".join(
            f'<span class="kind kind-{k}">{escape(k.replace("_", " "))}</span><br>'
            for k in change.kinds
            if k in KINDS
        )
        status = ""
        if change.status_a != change.status_b and change.status_a and change.status_b:
            status = f"<br>{escape(change.status_a.value)} &rarr; {escape(change.status_b.value)}"
        body.append(
            f'<div class="change" id="{escape(change.uid)}"><div class="margin"><b>{_label(change)}</b><br>'
            f"{kinds}{status}</div><div>{_text(change)}</div></div>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<h1>{escape(title)}</h1><p>Changes from <b>{escape(name_a)}</b> to <b>{escape(name_b)}</b>.</p>"
        f'<table class="summary">{counts}{figures}</table>{"".join(body)}</body></html>\n'
    )

"""Provides the plain-text and Markdown exports: clean text, compilation text, labelled draft.

* :func:`clean_markdown` / :func:`clean_text`: the clean numbered text (for e-mail).
* :func:`compilation_markdown` / :func:`compilation_text`: labels, sponsors, statuses and
  tracked changes (Markdown: ``<ins>inserted</ins>`` and ``<del>deleted</del>``, which Markdown
  renders underlined and struck through whatever punctuation the change starts or ends with,
  where ``**``/``~~`` break on a change like ``[``; plain text: ``{+inserted+}`` and
  ``{-deleted-}``, braces because square brackets belong to the text).
* :func:`labelled_draft`: the negotiation labels, statuses and sponsors in the draft format
  that ``round import`` reads (:func:`negotiator.domain.draftfile.format_draft`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from negotiator.domain.draftfile import DraftDocument, DraftParagraph, format_draft
from negotiator.domain.labels import Label
from negotiator.domain.model import ParagraphSnapshot
from negotiator.interchange.export_model import (
    CleanParagraph,
    CompiledParagraph,
    ExportMeta,
    by_section,
    display_segments,
    in_document_order,
    one_line,
)

# A line that Markdown would read as a heading, quote, list item, rule or code fence.
_MD_BLOCK_START = re.compile(r"^(#|>|[-*+](\s|$)|\d{1,9}[.)](\s|$)|=+\s*$|`{3}|~{3})")


def _md_block(text: str) -> str:
    return "\\" + text if _MD_BLOCK_START.match(text) else text


def _preface_blocks(preface: str) -> list[str]:
    return [one_line(b) for b in re.split(r"\n\s*\n", preface) if b.strip()]


def clean_markdown(meta: ExportMeta, paragraphs: Sequence[CleanParagraph]) -> str:
    """The clean text as Markdown: ``# title``, the preface, ``## sections``, ``21. text``."""
    out = [f"# {one_line(meta.title)}", ""]
    for block in _preface_blocks(meta.preface):
        out += [_md_block(block), ""]
    for section, run in by_section(paragraphs):
        if section:
            out += [f"## {one_line(section)}", ""]
        for p in run:
            out += [f"{p.number}. {p.text}" if p.number is not None else _md_block(p.text), ""]
    return "\n".join(out)


def _underlined(text: str, char: str) -> list[str]:
    return [text, char * max(len(text), 3)]


def clean_text(meta: ExportMeta, paragraphs: Sequence[CleanParagraph]) -> str:
    """The clean text as plain text: the title and sections underlined, ``21. text``."""
    out = [*_underlined(one_line(meta.title), "="), ""]
    for block in _preface_blocks(meta.preface):
        out += [block, ""]
    for section, run in by_section(paragraphs):
        if section:
            out += [*_underlined(one_line(section), "-"), ""]
        for p in run:
            out += [f"{p.number}. {p.text}" if p.number is not None else p.text, ""]
    return "\n".join(out)


# --------------------------------------------------------------------------- compilation


def _marked(p: CompiledParagraph, insert: tuple[str, str], delete: tuple[str, str]) -> str:
    parts = []
    for op, text in display_segments(p.segments):
        if op == "equal":
            parts.append(text)
        else:
            left, right = insert if op == "insert" else delete
            parts.append(f"{left}{text}{right}")
    return "".join(parts)


def _compilation_intro(meta: ExportMeta) -> str:
    return (
        f"Compilation text: {meta.round_name or 'current round'} compared with {meta.compare_name}."
    )


def compilation_markdown(meta: ExportMeta, paragraphs: Sequence[CompiledParagraph]) -> str:
    """Every paragraph: ``**label**`` and its notes in italics, then the tracked text."""
    out = [f"# {one_line(meta.title)}", ""]
    for block in _preface_blocks(meta.preface):
        out += [_md_block(block), ""]
    out += [
        f"*{_compilation_intro(meta)} Insertions are <ins>underlined</ins>, "
        "deletions <del>struck through</del>.*",
        "",
    ]
    for section, run in by_section(paragraphs):
        if section:
            out += [f"## {one_line(section)}", ""]
        for p in run:
            notes = f" — *{'; '.join(p.notes)}*" if p.notes else ""
            out += [f"**{p.label}**{notes}", ""]
            text = _marked(p, ("<ins>", "</ins>"), ("<del>", "</del>"))
            out += [_md_block(text) if text else "*(no text)*", ""]
    return "\n".join(out)


def compilation_text(meta: ExportMeta, paragraphs: Sequence[CompiledParagraph]) -> str:
    """Plain text: ``OP 5 bis (new; sponsor: EU; status: pending)`` then the tracked text."""
    out = [*_underlined(one_line(meta.title), "="), ""]
    for block in _preface_blocks(meta.preface):
        out += [block, ""]
    out += [
        f"({_compilation_intro(meta)} Insertions are marked {{+like this+}}, "
        "deletions {-like this-}.)",
        "",
    ]
    for section, run in by_section(paragraphs):
        if section:
            out += [*_underlined(one_line(section), "-"), ""]
        for p in run:
            notes = f" ({'; '.join(p.notes)})" if p.notes else ""
            out.append(f"{p.label}{notes}")
            out += [_marked(p, ("{+", "+}"), ("{-", "-}")), ""]
    return "\n".join(out)


# --------------------------------------------------------------------------- labelled draft


def labelled_document(meta: ExportMeta, snapshots: Iterable[ParagraphSnapshot]) -> DraftDocument:
    """A round as a :class:`DraftDocument`: every paragraph, deleted ones too, status and sponsor.

    Labels must be unique in a draft file. A deleted paragraph whose label a paragraph still in
    the text has taken again (or an earlier deleted one already uses) is left out: re-importing
    the file leaves it deleted, untouched, so nothing changes either way.

    Raises:
        ValueError: a label is not a negotiation label, or two live paragraphs share one.
    """
    ordered = in_document_order(snapshots)
    labels: list[Label] = []
    for p in ordered:
        try:
            labels.append(Label.parse(p.label))
        except ValueError:
            raise ValueError(f"paragraph {p.uid} has no usable label ({p.label!r})") from None
    live: dict[Label, ParagraphSnapshot] = {}
    for p, label in zip(ordered, labels, strict=True):
        if not p.deleted:
            if label in live:
                raise ValueError(f"two paragraphs still in the text share the label {label}")
            live[label] = p
    taken: set[Label] = set()
    out: list[DraftParagraph] = []
    for p, label in zip(ordered, labels, strict=True):
        if p.deleted and (label in live or label in taken):
            continue
        taken.add(label)
        out.append(DraftParagraph(label, p.section, p.text, 0, p.status, p.sponsor))
    return DraftDocument(meta.title, meta.preface, tuple(out))


def labelled_draft(meta: ExportMeta, snapshots: Iterable[ParagraphSnapshot]) -> str:
    """The round in the draft format, labels (bis, ter...) statuses and sponsors kept.

    ``parse_draft(labelled_draft(meta, round))`` gives back every paragraph's label, text,
    status and sponsor, so importing it as the next round changes nothing.
    """
    return format_draft(labelled_document(meta, snapshots))

"""Provides the Word (.docx) exports, with python-docx: the clean text and the compilation text.

Real Word styles: the title in ``Title``, sections in ``Heading 1``, the preface in ``Normal``,
numbered paragraphs in ``Numbered Paragraph`` (hanging indent, the clean number as a text prefix
``21.`` then a tab) and unnumbered ones in ``Unnumbered Paragraph``. The compilation text gives
each paragraph a ``Paragraph Label`` line (label in bold, notes in italics), then its text in
``Compilation Text`` with insertions underlined and bold and deletions struck through, as run
formatting. Paragraphs whose text starts right to left (Arabic) are marked bidi.

Text is passed through :func:`~negotiator.interchange.export_model.xml_safe` (Word files are XML).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from negotiator.interchange.export_model import (
    CleanParagraph,
    CompiledParagraph,
    ExportMeta,
    by_section,
    display_segments,
    is_rtl,
    one_line,
    xml_safe,
)

NUMBERED = "Numbered Paragraph"
UNNUMBERED = "Unnumbered Paragraph"
LABEL = "Paragraph Label"
TRACKED = "Compilation Text"
PREFACE = "Normal"


def _new_document(meta: ExportMeta):  # type: ignore[no-untyped-def]
    doc = Document()
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(8)
    for name, hanging in ((NUMBERED, True), (UNNUMBERED, False), (TRACKED, False)):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        fmt = style.paragraph_format
        if hanging:
            fmt.left_indent = Pt(36)
            fmt.first_line_indent = Pt(-36)
        else:
            fmt.first_line_indent = Pt(36) if name == UNNUMBERED else None
    label = styles.add_style(LABEL, WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = normal
    label.paragraph_format.keep_with_next = True
    label.paragraph_format.space_after = Pt(2)
    props = doc.core_properties
    props.title = xml_safe(one_line(meta.title))
    props.author = "negotiator"
    props.last_modified_by = "negotiator"
    props.comments = xml_safe(f"Round {meta.round_name}" if meta.round_name else "")
    return doc


def _bidi(paragraph: Paragraph) -> None:
    paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))


def _heading_and_preface(doc, meta: ExportMeta) -> None:  # type: ignore[no-untyped-def]
    doc.add_paragraph(xml_safe(one_line(meta.title)), style="Title")
    for block in meta.preface.split("\n\n"):
        if block.strip():
            p = doc.add_paragraph(xml_safe(one_line(block)), style=PREFACE)
            if is_rtl(block):
                _bidi(p)


def _save(doc) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def clean_docx(meta: ExportMeta, paragraphs: Sequence[CleanParagraph]) -> bytes:
    """The clean text as a Word document (the bytes of the .docx file)."""
    doc = _new_document(meta)
    _heading_and_preface(doc, meta)
    numbered, unnumbered = doc.styles[NUMBERED], doc.styles[UNNUMBERED]
    for section, run in by_section(paragraphs):
        if section:
            doc.add_heading(xml_safe(one_line(section)), level=1)
        for para in run:
            text = xml_safe(para.text)
            if para.number is None:
                p = doc.add_paragraph(text, style=unnumbered)
            else:
                p = doc.add_paragraph(f"{para.number}.\t{text}", style=numbered)
            if is_rtl(para.text):
                _bidi(p)
    return _save(doc)


def compilation_docx(meta: ExportMeta, paragraphs: Sequence[CompiledParagraph]) -> bytes:
    """The compilation text as a Word document: label line, then the text with tracked changes."""
    doc = _new_document(meta)
    _heading_and_preface(doc, meta)
    intro = doc.add_paragraph(
        xml_safe(
            f"Compilation text: {meta.round_name or 'current round'} "
            f"compared with {meta.compare_name}. "
        ),
        style=PREFACE,
    )
    legend = intro.add_run("Insertions are underlined and bold")
    legend.underline = legend.bold = True
    intro.add_run(", ")
    legend = intro.add_run("deletions struck through")
    legend.font.strike = True
    intro.add_run(".")
    label_style, tracked_style = doc.styles[LABEL], doc.styles[TRACKED]
    grey = RGBColor(0x55, 0x55, 0x55)
    for section, run in by_section(paragraphs):
        if section:
            doc.add_heading(xml_safe(one_line(section)), level=1)
        for para in run:
            head = doc.add_paragraph(style=label_style)
            head.add_run(xml_safe(para.label)).bold = True
            if para.notes:
                notes = head.add_run(xml_safe(f"  ({'; '.join(para.notes)})"))
                notes.italic = True
                notes.font.color.rgb = grey
            body = doc.add_paragraph(style=tracked_style)
            rtl = is_rtl("".join(o.text for o in para.segments))
            if rtl:
                _bidi(body)
            for op, text in display_segments(para.segments):
                r = body.add_run(xml_safe(text))
                if op == "insert":
                    r.underline = True
                    r.bold = True
                elif op == "delete":
                    r.font.strike = True
                if rtl:
                    r.font.rtl = True
    return _save(doc)

"""Provides the Word (.docx) exports, with python-docx: the clean text and the compilation text.

Both are laid out as a UN draft: A4, Times New Roman 12 pt, black headings, the opening words of
preambular paragraphs in italics ("*Recognizing* that ..."), operative paragraphs numbered (the
clean number as a text prefix ``21.`` then a tab, in ``Numbered Paragraph``, hanging indent), a
header with the declaration's title and "Draft", then the round and its date, a footer "Page X of Y"
(real ``PAGE`` / ``NUMPAGES`` fields) and the core properties set (title, subject, author = the
user who exports, created = now; nothing left from python-docx's template).

The compilation text gives each paragraph a ``Paragraph Label`` line (label in bold, then its
notes: sponsor, status and what changed in them, visible), then its text in ``Compilation Text``
with the changes since the earlier round as **Word tracked changes**: every insertion a
``w:ins``, every deletion a ``w:del`` (``w:delText``), credited (``w:author``) to the paragraph's
sponsor, else to the user who saved the version, and dated (``w:date``) when it was saved. A
paragraph new (or restored) or deleted as a whole is an inserted or deleted paragraph, its
label line and paragraph marks included. The revisions are the exact word ops, spaces and all, so
*Accept All* in Word gives the later round's text and *Reject All* the earlier one's. Each text
paragraph carries a bookmark named by the paragraph's stable uid (``para_7``).

Text is passed through :func:`~negotiator.interchange.export_model.xml_safe` (Word files are XML);
paragraphs whose text starts right to left (Arabic) are marked bidi.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from negotiator.domain.diffing import DiffOp
from negotiator.domain.model import ParagraphKind
from negotiator.interchange.export_model import (
    CleanParagraph,
    CompiledParagraph,
    ExportMeta,
    by_section,
    is_rtl,
    one_line,
    opening_words,
    xml_safe,
)

NUMBERED = "Numbered Paragraph"
UNNUMBERED = "Unnumbered Paragraph"
LABEL = "Paragraph Label"
TRACKED = "Compilation Text"
PREFACE = "Normal"
HEADING = "Heading 1"
FONT = "Times New Roman"
BLACK = RGBColor(0, 0, 0)
GREY = RGBColor(0x40, 0x40, 0x40)
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Mm(210), Mm(297), Mm(25)


# --------------------------------------------------------------------------- the document


def _plain_font(style: Any, *, size: float, bold: bool | None = None) -> None:
    """Times New Roman in black at ``size`` points: theme fonts and colours removed."""
    rpr = style.element.get_or_add_rPr()
    for child in list(rpr):
        if child.tag in (qn("w:rFonts"), qn("w:color"), qn("w:sz"), qn("w:szCs")):
            rpr.remove(child)
    style.font.name = FONT
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)
    style.font.size = Pt(size)
    style.font.color.rgb = BLACK
    if bold is not None:
        style.font.bold = bold
        style.font.italic = False


def _styles(doc: Any) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    _plain_font(normal, size=12)
    normal.paragraph_format.space_after = Pt(8)
    title = styles["Title"]
    _plain_font(title, size=14, bold=True)
    ppr = title.element.get_or_add_pPr()
    for child in list(ppr):
        if child.tag in (qn("w:pBdr"), qn("w:contextualSpacing")):
            ppr.remove(child)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(12)
    title.paragraph_format.space_after = Pt(12)
    heading = styles[HEADING]
    _plain_font(heading, size=12, bold=True)
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.space_after = Pt(6)
    heading.paragraph_format.keep_with_next = True
    for name in (NUMBERED, UNNUMBERED, TRACKED):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        fmt = style.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if name == NUMBERED:
            fmt.left_indent = Mm(10)
            fmt.first_line_indent = Mm(-10)
            fmt.tab_stops.add_tab_stop(Mm(10))
        elif name == UNNUMBERED:
            fmt.first_line_indent = Mm(10)
    label = styles.add_style(LABEL, WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = normal
    label.paragraph_format.keep_with_next = True
    label.paragraph_format.space_after = Pt(2)


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A real Word field (``PAGE``, ``NUMPAGES``): begin, instruction, separate, result, end."""

    def char(kind: str) -> None:
        run = OxmlElement("w:r")
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        run.append(mark)
        paragraph._p.append(run)

    char("begin")
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run.append(instr)
    paragraph._p.append(run)
    char("separate")
    paragraph.add_run(shown)
    char("end")


def _page(doc: Any, meta: ExportMeta, what: str) -> None:
    """A4 with 25 mm margins; header: the title and "Draft", then the round and its date;
    footer: Page X of Y."""
    section = doc.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    section.header_distance = section.footer_distance = Mm(12)
    for name in ("Header", "Footer"):  # the template's tab stops are for US Letter
        style = doc.styles[name]
        _plain_font(style, size=10)
        style.paragraph_format.tab_stops.clear_all()
        style.paragraph_format.tab_stops.add_tab_stop(
            PAGE_WIDTH - 2 * MARGIN, WD_TAB_ALIGNMENT.RIGHT
        )
    title = one_line(meta.title)
    header = section.header.paragraphs[0]
    header.style = doc.styles["Header"]
    header.add_run(xml_safe(title if len(title) <= 90 else title[:87] + "..."))
    header.add_run("\tDraft")
    second = section.header.add_paragraph(style=doc.styles["Header"])
    second.add_run(xml_safe(f"{what}\t{meta.long_date}"))
    second.paragraph_format.space_after = Pt(6)
    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _field(footer, "NUMPAGES", "1")


def _properties(doc: Any, meta: ExportMeta, subject: str) -> None:
    """Core properties: every field python-docx's template fills is overwritten."""
    moment = (meta.generated_at or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    props = doc.core_properties
    props.title = xml_safe(one_line(meta.title))
    props.subject = xml_safe(subject)
    props.author = props.last_modified_by = xml_safe(meta.user) or "negotiator"
    props.created = props.modified = moment.replace(tzinfo=None)
    props.revision = 1
    props.comments = props.keywords = props.category = ""
    props.content_status = "Draft"
    props.language = "en"


def _new_document(meta: ExportMeta, what: str, subject: str) -> Any:
    doc = Document()
    _styles(doc)
    _page(doc, meta, what)
    _properties(doc, meta, subject)
    return doc


def _bidi(paragraph: Paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(OxmlElement("w:bidi"))


def _heading_and_preface(doc: Any, meta: ExportMeta) -> None:
    doc.add_paragraph(xml_safe(one_line(meta.title)), style="Title")
    for block in meta.preface.split("\n\n"):
        if block.strip():
            p = doc.add_paragraph(xml_safe(one_line(block)), style=PREFACE)
            if is_rtl(block):
                _bidi(p)


def _save(doc: Any) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- runs


def _run(text: str, *, italic: bool = False, rtl: bool = False, deleted: bool = False) -> Any:
    """A ``w:r`` holding ``text`` (tabs and line breaks as Word's own elements); in a deletion
    its text elements are ``w:delText``."""
    run = OxmlElement("w:r")
    if italic or rtl:
        rpr = OxmlElement("w:rPr")
        if italic:
            rpr.append(OxmlElement("w:i"))
        if rtl:
            rpr.append(OxmlElement("w:rtl"))
        run.append(rpr)
    run.text = xml_safe(text)
    if deleted:
        for t in run.findall(qn("w:t")):
            t.tag = qn("w:delText")
    return run


class _Revisions:
    """Makes the ``w:ins`` / ``w:del`` marks of one document (each with its own ``w:id``)."""

    def __init__(self) -> None:
        self.next_id = 1

    def mark(self, tag: str, author: str, saved_at: datetime | None) -> Any:
        el = OxmlElement(tag)
        el.set(qn("w:id"), str(self.next_id))
        self.next_id += 1
        el.set(qn("w:author"), xml_safe(author) or "negotiator")
        if saved_at is not None:
            el.set(qn("w:date"), saved_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
        return el

    def paragraph_mark(self, paragraph: Paragraph, tag: str, author: str, when: Any) -> None:
        """The paragraph mark itself inserted or deleted (``w:pPr/w:rPr/w:ins|w:del``)."""
        rpr = OxmlElement("w:rPr")
        rpr.append(self.mark(tag, author, when))
        paragraph._p.get_or_add_pPr().append(rpr)

    def bookmark(self, paragraph: Paragraph, name: str) -> None:
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(self.next_id))
        start.set(qn("w:name"), name[:40])
        end.set(qn("w:id"), str(self.next_id))
        self.next_id += 1
        ppr = paragraph._p.pPr
        if ppr is not None:
            ppr.addnext(start)
        else:
            paragraph._p.insert(0, start)
        paragraph._p.append(end)


def _italic_spans(
    ops: Sequence[DiffOp], prefix_a: int, prefix_b: int
) -> Iterator[tuple[str, str, bool]]:
    """``ops`` cut where the opening words end on either side: ``(op, text, italic)``.

    Equal and inserted text counts along the later text, deleted text along the earlier one,
    so the opening words are italic in both rounds' texts.
    """
    pos_a = pos_b = 0
    for op in ops:
        text = op.text
        while text:
            pos, limit = (pos_a, prefix_a) if op.op == "delete" else (pos_b, prefix_b)
            if pos < limit:
                cut = min(len(text), limit - pos)
                piece, italic = text[:cut], True
            else:
                piece, italic = text, False
            text = text[len(piece) :]
            if op.op in ("equal", "delete"):
                pos_a += len(piece)
            if op.op in ("equal", "insert"):
                pos_b += len(piece)
            yield op.op, piece, italic


# --------------------------------------------------------------------------- clean text


def clean_docx(meta: ExportMeta, paragraphs: Sequence[CleanParagraph]) -> bytes:
    """The clean text as a Word document (the bytes of the .docx file)."""
    doc = _new_document(meta, meta.round_label, f"Draft, {meta.round_label}, {meta.long_date}")
    _heading_and_preface(doc, meta)
    doc.add_paragraph(xml_safe(f"{meta.round_label}, {meta.long_date}. Draft."), style=PREFACE)
    numbered, unnumbered = doc.styles[NUMBERED], doc.styles[UNNUMBERED]
    marks = _Revisions()
    for section, run in by_section(paragraphs):
        if section:
            doc.add_heading(xml_safe(one_line(section)), level=1)
        for para in run:
            text = xml_safe(para.text)
            rtl = is_rtl(para.text)
            if para.number is None:
                p = doc.add_paragraph(style=unnumbered)
            else:
                p = doc.add_paragraph(f"{para.number}.\t", style=numbered)
            if rtl:
                _bidi(p)
            opening = opening_words(text) if para.kind is ParagraphKind.PREAMBULAR else 0
            if opening:
                p._p.append(_run(text[:opening], italic=True, rtl=rtl))
            p._p.append(_run(text[opening:], rtl=rtl))
            marks.bookmark(p, para.uid)
    return _save(doc)


# --------------------------------------------------------------------------- compilation text


def _label_line(doc: Any, para: CompiledParagraph) -> Paragraph:
    head = doc.add_paragraph(style=doc.styles[LABEL])
    head.add_run(xml_safe(para.label)).bold = True
    if para.notes:
        notes = head.add_run(xml_safe(f"  ({'; '.join(para.notes)})"))
        notes.italic = True
        notes.font.color.rgb = GREY
    return head


def _wrap_runs(paragraph: Paragraph, mark: Any) -> None:
    """Every run of ``paragraph`` moved inside ``mark`` (a ``w:ins`` or ``w:del``)."""
    runs = paragraph._p.findall(qn("w:r"))
    if not runs:
        return
    runs[0].addprevious(mark)
    for run in runs:
        if mark.tag == qn("w:del"):
            for t in run.findall(qn("w:t")):
                t.tag = qn("w:delText")
        mark.append(run)


def compilation_docx(meta: ExportMeta, paragraphs: Sequence[CompiledParagraph]) -> bytes:
    """The compilation text as a Word document: label lines, then texts with tracked changes."""
    older = meta.compare_name or "the earlier round"
    what = f"{meta.round_label} compared with {older}"
    doc = _new_document(meta, what, f"Compilation text: {what}")
    _heading_and_preface(doc, meta)
    doc.add_paragraph(
        xml_safe(
            f"Compilation text: {meta.round_label} ({meta.long_date}) compared with {older}. "
            "The changes are tracked changes: accepting them all gives the text of "
            f"{meta.round_label}, rejecting them all that of {older}. Each paragraph's first "
            "line gives its label, sponsor and status and what changed in them."
        ),
        style=PREFACE,
    )
    tracked_style = doc.styles[TRACKED]
    revisions = _Revisions()
    for section, run in by_section(paragraphs):
        if section:
            doc.add_heading(xml_safe(one_line(section)), level=1)
        for para in run:
            author = para.change_author or meta.user
            when = para.saved_at
            whole = None
            if para.live_b and not para.live_a:
                whole = "w:ins"
            elif para.live_a and not para.live_b:
                whole = "w:del"
            head = _label_line(doc, para)
            if whole:
                _wrap_runs(head, revisions.mark(whole, author, when))
                revisions.paragraph_mark(head, whole, author, when)
            if not (para.live_a or para.live_b):
                continue  # deleted before the comparison: the label line says so
            body = doc.add_paragraph(style=tracked_style)
            text_a = "".join(o.text for o in para.revisions if o.op != "insert")
            text_b = "".join(o.text for o in para.revisions if o.op != "delete")
            rtl = is_rtl(text_b or text_a)
            if rtl:
                _bidi(body)
            preambular = para.kind is ParagraphKind.PREAMBULAR
            spans = _italic_spans(
                para.revisions,
                opening_words(text_a) if preambular else 0,
                opening_words(text_b) if preambular else 0,
            )
            p = body._p
            current: Any = None  # the open w:ins / w:del, if the previous span was one
            current_op = "equal"
            for op, text, italic in spans:
                if op == "equal":
                    p.append(_run(text, italic=italic, rtl=rtl))
                    current, current_op = None, "equal"
                    continue
                if current is None or current_op != op:
                    current = revisions.mark("w:ins" if op == "insert" else "w:del", author, when)
                    current_op = op
                    p.append(current)
                current.append(_run(text, italic=italic, rtl=rtl, deleted=op == "delete"))
            if whole:
                revisions.paragraph_mark(body, whole, author, when)
            revisions.bookmark(body, para.uid)
    return _save(doc)

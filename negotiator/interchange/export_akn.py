"""Provides the Akoma Ntoso (OASIS LegalDocML 3.0) export of a declaration.

The document is a ``statement`` (name "declaration")::

    <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
      <statement name="declaration">
        <meta><identification source="#negotiator">FRBRWork, FRBRExpression, FRBRManifestation
              </identification><references>TLCOrganization negotiator</references></meta>
        <preface><longTitle><p><docTitle>title</docTitle></p></longTitle></preface>
        <preamble><formula name="enactingFormula"><p>the declaration's opening</p></formula>
                  <recitals><recital eId="para_3"><p>Recognizing ...</p></recital></recitals>
        </preamble>
        <mainBody><section eId="sec_1"><heading>pillar</heading>
                    <paragraph eId="para_7"><num>21.</num><content><p>text</p></content></paragraph>
        </section></mainBody>
      </statement>
    </akomaNtoso>

Preambular paragraphs go to the preamble as recitals, operative ones to the main body, grouped
by section. ``eId``\\ s come from the paragraph's stable uid (``para_7``), never from its number,
so references survive renumbering; sections are ``sec_1``, ``sec_2``... in order.

The compilation text uses the same skeleton with the negotiation labels as ``num``, tracked
changes as the inline ``ins``/``del`` elements, and sponsor and status in an ``authorialNote``.

Built with :mod:`xml.etree.ElementTree` (which escapes ``<``, ``&`` and quotes) after dropping
the characters XML 1.0 forbids; right-to-left text is left exactly as it is.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from typing import Any

from negotiator.domain.model import ParagraphKind
from negotiator.interchange.export_model import (
    CleanParagraph,
    CompiledParagraph,
    ExportMeta,
    by_section,
    display_segments,
    one_line,
    xml_safe,
)

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_NOT_ID = re.compile(r"[^A-Za-z0-9_.-]+")
# Elements whose content is text (mixed content): never re-indented.
_INLINE_HOLDERS = {"p", "num", "heading", "docTitle", "ins", "del", "authorialNote"}


def _id(value: str, default: str) -> str:
    """An ``eId`` / path segment: letters, digits, ``_ . -``, starting with a letter."""
    cleaned = _NOT_ID.sub("_", value).strip("_") or default
    return cleaned if cleaned[0].isalpha() else f"{default}_{cleaned}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, {k.rstrip("_"): xml_safe(v) for k, v in attrs.items()})
    if text is not None:
        el.text = xml_safe(text)
    return el


def _indent(el: ET.Element, level: int = 0) -> None:
    """Pretty-print structure only: text inside paragraphs keeps every space it has."""
    if el.tag in _INLINE_HOLDERS or not len(el):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        _indent(child, level + 1)
        child.tail = pad
    el[-1].tail = "\n" + "  " * level


def _meta(doc: ET.Element, meta: ExportMeta, *, compilation: bool) -> None:
    slug = _id(meta.slug, "declaration")
    version = _id(meta.round_name or "current", "round")
    if compilation:
        version += "-compared-with-" + _id(meta.compare_name or "", "round")
    work = f"/akn/un/statement/declaration/{slug}"
    expression = f"{work}/{meta.language}@{meta.date}.{version}"
    m = _sub(doc, "meta")
    ident = _sub(m, "identification", source="#negotiator")
    frbr = _sub(ident, "FRBRWork")
    _sub(frbr, "FRBRthis", value=f"{work}/!main")
    _sub(frbr, "FRBRuri", value=work)
    _sub(frbr, "FRBRdate", date=meta.date, name="Generation")
    _sub(frbr, "FRBRauthor", href="#negotiator")
    _sub(frbr, "FRBRcountry", value="un")
    _sub(frbr, "FRBRname", value=one_line(meta.title))
    frbr = _sub(ident, "FRBRExpression")
    _sub(frbr, "FRBRthis", value=f"{expression}/!main")
    _sub(frbr, "FRBRuri", value=expression)
    _sub(frbr, "FRBRdate", date=meta.date, name="Generation")
    _sub(frbr, "FRBRauthor", href="#negotiator")
    _sub(frbr, "FRBRlanguage", language=meta.language)
    frbr = _sub(ident, "FRBRManifestation")
    _sub(frbr, "FRBRthis", value=f"{expression}/!main.xml")
    _sub(frbr, "FRBRuri", value=f"{expression}.akn")
    _sub(frbr, "FRBRdate", date=meta.date, name="Generation")
    _sub(frbr, "FRBRauthor", href="#negotiator")
    refs = _sub(m, "references", source="#negotiator")
    _sub(
        refs,
        "TLCOrganization",
        eId="negotiator",
        href="/ontology/organization/negotiator",
        showAs="negotiator",
    )


def _skeleton(meta: ExportMeta, *, compilation: bool) -> tuple[ET.Element, ET.Element]:
    root = ET.Element("akomaNtoso", {"xmlns": AKN_NS})
    doc = _sub(root, "statement", name="declaration")
    _meta(doc, meta, compilation=compilation)
    preface = _sub(doc, "preface")
    long_title = _sub(preface, "longTitle")
    _sub(_sub(long_title, "p"), "docTitle", one_line(meta.title))
    return root, doc


def _preamble(doc: ET.Element, meta: ExportMeta) -> ET.Element:
    preamble = _sub(doc, "preamble")
    blocks = [one_line(b) for b in meta.preface.split("\n\n") if b.strip()]
    if blocks:
        formula = _sub(preamble, "formula", name="enactingFormula")
        for block in blocks:
            _sub(formula, "p", block)
    return preamble


def _serialise(root: ET.Element) -> str:
    _indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _finish(doc: ET.Element, preamble: ET.Element, body: ET.Element) -> None:
    if not len(preamble):  # the preamble is optional, but not empty
        doc.remove(preamble)
    if not len(body):  # mainBody needs content
        _sub(body, "p")


def _container(body: ET.Element, section: str, counter: dict[str, int]) -> ET.Element:
    if not section:
        return body
    counter["n"] = counter.get("n", 0) + 1
    sec = _sub(body, "section", eId=f"sec_{counter['n']}")
    _sub(sec, "heading", one_line(section))
    return sec


def _document(
    meta: ExportMeta,
    paragraphs: Sequence[CleanParagraph] | Sequence[CompiledParagraph],
    *,
    compilation: bool,
    fill: Callable[[ET.Element, Any], None],
) -> str:
    """The skeleton with every paragraph placed: preambular ones as recitals in the preamble,
    operative ones in their section of the main body; ``fill(element, p)`` writes its num and text
    (``p`` under a recital, ``content/p`` under a paragraph)."""
    root, doc = _skeleton(meta, compilation=compilation)
    preamble = _preamble(doc, meta)  # before mainBody, as the schema orders them
    body = _sub(doc, "mainBody")
    counter: dict[str, int] = {}
    recitals: ET.Element | None = None
    for section, run in by_section(paragraphs):  # type: ignore[arg-type]
        container: ET.Element | None = None
        for p in run:
            eid = _id(p.uid, "para")
            marks = getattr(p, "marks", ())
            attrs = {"class": " ".join(marks)} if marks else {}
            if p.kind is ParagraphKind.PREAMBULAR:
                if recitals is None:
                    recitals = _sub(preamble, "recitals", eId="recs")
                fill(_sub(recitals, "recital", eId=eid, **attrs), p)
                continue
            if container is None:
                container = _container(body, section, counter)
            fill(_sub(container, "paragraph", eId=eid, **attrs), p)
    _finish(doc, preamble, body)
    return _serialise(root)


def _text_holder(element: ET.Element) -> ET.Element:
    """Where a paragraph's text goes: ``p`` in a recital, ``content/p`` in a paragraph."""
    return (
        _sub(element, "p")
        if element.tag.endswith("recital")
        else _sub(_sub(element, "content"), "p")
    )


def clean_akn(meta: ExportMeta, paragraphs: Sequence[CleanParagraph]) -> str:
    """The clean text as an Akoma Ntoso ``statement`` (UTF-8 XML text)."""

    def fill(element: ET.Element, p: CleanParagraph) -> None:
        if p.number is not None:
            _sub(element, "num", f"{p.number}.")
        _text_holder(element).text = xml_safe(p.text)

    return _document(meta, paragraphs, compilation=False, fill=fill)


def _tracked(p_el: ET.Element, paragraph: CompiledParagraph) -> None:
    last: ET.Element | None = None
    for op, raw in display_segments(paragraph.segments):
        text = xml_safe(raw)
        if op == "equal":
            if last is None:
                p_el.text = (p_el.text or "") + text
            else:
                last.tail = (last.tail or "") + text
        else:
            last = _sub(p_el, "ins" if op == "insert" else "del", text)
    if paragraph.notes:
        note = _sub(p_el, "authorialNote", marker="*", placement="side")
        _sub(note, "p", "; ".join(paragraph.notes))


def compilation_akn(meta: ExportMeta, paragraphs: Sequence[CompiledParagraph]) -> str:
    """The compilation text as Akoma Ntoso: labels as ``num``, changes as ``ins``/``del``."""

    def fill(element: ET.Element, p: CompiledParagraph) -> None:
        _sub(element, "num", p.label)
        _tracked(_text_holder(element), p)

    return _document(meta, paragraphs, compilation=True, fill=fill)

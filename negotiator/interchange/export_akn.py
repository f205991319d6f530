"""Provides the Akoma Ntoso (OASIS LegalDocML 3.0) export of a declaration.

The document is a ``statement`` (name "declaration")::

    <akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
      <statement name="declaration">
        <meta><identification source="#negotiator">FRBRWork, FRBRExpression, FRBRManifestation
              </identification><references>TLCOrganization negotiator, sponsors;
              TLCConcept statuses</references></meta>
        <preface eId="preface"><longTitle><p><docTitle>title</docTitle></p></longTitle>
                 <p><docStage>Rev.1</docStage>, <docDate date="2021-03-07">7 March 2021</docDate>,
                    <docStatus>Draft</docStatus></p></preface>
        <preamble eId="preamble"><formula name="enactingFormula"><p>the opening</p></formula>
                  <recitals eId="recs"><recital eId="rec_1" wId="para_3" GUID="...">
                  <p>Recognizing ...</p></recital></recitals>
        </preamble>
        <mainBody><section eId="sec_1"><heading>pillar</heading>
                    <paragraph eId="para_21" wId="para_7" GUID="..."><num>21.</num>
                    <content><p>text</p></content></paragraph>
        </section></mainBody>
      </statement>
    </akomaNtoso>

FRBR IRIs follow the Akoma Ntoso naming convention (``/akn/un/statement/declaration/...``): the
work is ``/akn/un/statement/declaration/{work date}/{slug}``, its date the day the declaration
was created (the same for every round); each round is an expression
``{work}/eng@{round date};{round}`` (a compilation text:
``eng@{date};{round}-compared-with-{earlier round}``); the manifestation adds ``.akn``.

``eId``\\ s are in the convention's form: ``preface``, ``preamble``, ``recs`` and ``rec_N``
for the preambular paragraphs, ``sec_N`` for the sections and ``para_N`` for the operative
paragraphs (numbered through the whole declaration, like articles, so not prefixed by their
section): the clean number in the clean text, the negotiation label in the compilation text
(``OP 22 bis`` -> ``para_22bis``). The paragraph's stable identity, which survives renumbering,
is kept in ``wId`` (its uid, ``para_7``) and ``GUID`` (a UUID derived from the work and the uid).

The compilation text uses the same skeleton with the negotiation labels as ``num``, tracked
changes as the inline ``ins``/``del`` elements; each paragraph's sponsor and status are
metadata: ``refersTo`` points at a ``TLCOrganization`` (the sponsor) and a ``TLCConcept`` (the
status) in the references; what changed (new, moved, formerly OP 4, the former status or
sponsor) stays in an ``authorialNote`` and the ``class`` attribute. Brackets are kept as text.

Built with :mod:`xml.etree.ElementTree` (which escapes ``<``, ``&`` and quotes) after dropping
the characters XML 1.0 forbids; right-to-left text is left exactly as it is.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from typing import Any

from negotiator.domain.labels import SUFFIXES, Label
from negotiator.domain.model import ParagraphKind, Status
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
_NOT_COMPONENT = re.compile(r"[^a-z0-9]+")
# Elements whose content is text (mixed content): never re-indented.
_INLINE_HOLDERS = {"p", "num", "heading", "docTitle", "ins", "del", "authorialNote"}


def _id(value: str, default: str) -> str:
    """An ``eId`` / ``wId``: letters, digits, ``_ . -``, starting with a letter."""
    cleaned = _NOT_ID.sub("_", value).strip("_") or default
    return cleaned if cleaned[0].isalpha() else f"{default}_{cleaned}"


def iri_component(value: str, default: str) -> str:
    """A component of an FRBR IRI: lower case letters and digits joined by ``-``
    (``"Rev.1"`` -> ``"rev-1"``, ``"First reading"`` -> ``"first-reading"``)."""
    cleaned = _NOT_COMPONENT.sub("-", value.lower()).strip("-")
    return cleaned or default


def frbr_uris(meta: ExportMeta, *, compilation: bool) -> tuple[str, str]:
    """``(work IRI, expression IRI)`` of an export, in the Akoma Ntoso naming convention."""
    slug = iri_component(meta.slug, "declaration")
    version = iri_component(meta.round_name or "current", "current")
    if compilation:
        version += "-compared-with-" + iri_component(meta.compare_name or "", "earlier")
    work = f"/akn/un/statement/declaration/{meta.work_date or meta.date}/{slug}"
    return work, f"{work}/{meta.language}@{meta.date};{version}"


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


class _References:
    """The TLC references of the document: sponsors (organisations) and statuses (concepts)."""

    def __init__(self) -> None:
        self.sponsors: dict[str, str] = {}  # name -> eId
        self.statuses: dict[Status, str] = {}

    def sponsor(self, name: str) -> str:
        if name not in self.sponsors:
            base = "sponsor_" + iri_component(name, "x").replace("-", "_")
            eid, n = base, 1
            while eid in self.sponsors.values():
                n += 1
                eid = f"{base}_{n}"
            self.sponsors[name] = eid
        return self.sponsors[name]

    def status(self, status: Status) -> str:
        return self.statuses.setdefault(status, "status_" + status.value.replace(" ", "_"))

    def write(self, refs: ET.Element) -> None:
        for name, eid in self.sponsors.items():
            _sub(
                refs,
                "TLCOrganization",
                eId=eid,
                href=f"/ontology/organization/un/{eid[len('sponsor_') :]}",
                showAs=one_line(name),
            )
        for status, eid in self.statuses.items():
            _sub(
                refs,
                "TLCConcept",
                eId=eid,
                href=f"/ontology/concept/negotiator/status/{iri_component(status.value, 'x')}",
                showAs=status.value,
            )


def _meta(doc: ET.Element, meta: ExportMeta, *, compilation: bool) -> ET.Element:
    """The ``meta`` block; returns its ``references`` (the TLC entries are added at the end)."""
    work, expression = frbr_uris(meta, compilation=compilation)
    m = _sub(doc, "meta")
    ident = _sub(m, "identification", source="#negotiator")
    frbr = _sub(ident, "FRBRWork")
    _sub(frbr, "FRBRthis", value=f"{work}/!main")
    _sub(frbr, "FRBRuri", value=work)
    _sub(frbr, "FRBRdate", date=meta.work_date or meta.date, name="creation")
    _sub(frbr, "FRBRauthor", href="#negotiator")
    _sub(frbr, "FRBRcountry", value="un")
    _sub(frbr, "FRBRsubtype", value="declaration")
    _sub(frbr, "FRBRnumber", value=iri_component(meta.slug, "declaration"))
    _sub(frbr, "FRBRname", value=one_line(meta.title))
    frbr = _sub(ident, "FRBRExpression")
    _sub(frbr, "FRBRthis", value=f"{expression}/!main")
    _sub(frbr, "FRBRuri", value=expression)
    _sub(frbr, "FRBRdate", date=meta.date, name=one_line(meta.round_label))
    _sub(frbr, "FRBRauthor", href="#negotiator")
    _sub(frbr, "FRBRlanguage", language=meta.language)
    frbr = _sub(ident, "FRBRManifestation")
    _sub(frbr, "FRBRthis", value=f"{expression}/!main.xml")
    _sub(frbr, "FRBRuri", value=f"{expression}.akn")
    _sub(frbr, "FRBRdate", date=meta.date, name="generation")
    _sub(frbr, "FRBRauthor", href="#negotiator")
    refs = _sub(m, "references", source="#negotiator")
    _sub(
        refs,
        "TLCOrganization",
        eId="negotiator",
        href="/ontology/organization/negotiator",
        showAs="negotiator",
    )
    return refs


def _skeleton(meta: ExportMeta, *, compilation: bool) -> tuple[ET.Element, ET.Element, ET.Element]:
    root = ET.Element("akomaNtoso", {"xmlns": AKN_NS})
    doc = _sub(root, "statement", name="declaration")
    refs = _meta(doc, meta, compilation=compilation)
    preface = _sub(doc, "preface", eId="preface")
    long_title = _sub(preface, "longTitle")
    _sub(_sub(long_title, "p"), "docTitle", one_line(meta.title))
    # What this is: the round, its date and "Draft" (a compilation says what it compares).
    line = _sub(preface, "p")
    stage = _sub(line, "docStage", one_line(meta.round_label))
    if compilation:
        stage.tail = xml_safe(f" compared with {one_line(meta.compare_name or '')}, ")
    else:
        stage.tail = ", "
    date = _sub(line, "docDate", meta.long_date, date=meta.date)
    date.tail = ", "
    _sub(line, "docStatus", "Draft")
    return root, doc, refs


def _preamble(doc: ET.Element, meta: ExportMeta) -> ET.Element:
    preamble = _sub(doc, "preamble", eId="preamble")
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


def _local_id(p: CleanParagraph | CompiledParagraph, ordinal: int) -> str:
    """``22``, ``22bis``: the clean number, else the label's number and suffix, else the order."""
    number = getattr(p, "number", None)
    if number is not None:
        return str(number)
    label = getattr(p, "label", None)
    if label:
        try:
            parsed = Label.parse(label)
        except ValueError:
            pass
        else:
            return f"{parsed.number}{SUFFIXES[parsed.suffix] if parsed.suffix else ''}"
    return str(ordinal)


def _document(
    meta: ExportMeta,
    paragraphs: Sequence[CleanParagraph] | Sequence[CompiledParagraph],
    *,
    compilation: bool,
    fill: Callable[[ET.Element, Any, _References], None],
) -> str:
    """The skeleton with every paragraph placed: preambular ones as recitals in the preamble,
    operative ones in their section of the main body; ``fill(element, p, refs)`` writes its num
    and text (``p`` under a recital, ``content/p`` under a paragraph)."""
    root, doc, refs_el = _skeleton(meta, compilation=compilation)
    work, _ = frbr_uris(meta, compilation=False)
    preamble = _preamble(doc, meta)  # before mainBody, as the schema orders them
    body = _sub(doc, "mainBody")
    counter: dict[str, int] = {}
    recitals: ET.Element | None = None
    used: set[str] = set()
    ordinals = {ParagraphKind.PREAMBULAR: 0, ParagraphKind.OPERATIVE: 0}
    refs = _References()
    for section, run in by_section(paragraphs):  # type: ignore[arg-type]
        container: ET.Element | None = None
        for p in run:
            ordinals[p.kind] += 1
            prefix = "rec" if p.kind is ParagraphKind.PREAMBULAR else "para"
            local = re.sub(r"[^A-Za-z0-9]", "", _local_id(p, ordinals[p.kind]))
            eid = f"{prefix}_{local or ordinals[p.kind]}"
            if eid in used:  # a deleted paragraph whose label was taken again
                n = 2
                while f"{eid}-{n}" in used:
                    n += 1
                eid = f"{eid}-{n}"
            used.add(eid)
            attrs = {
                "eId": eid,
                "wId": _id(p.uid, "para"),
                "GUID": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{work}#{p.uid}")),
            }
            marks = getattr(p, "marks", ())
            if marks:
                attrs["class"] = " ".join(marks)
            if p.kind is ParagraphKind.PREAMBULAR:
                if recitals is None:
                    recitals = _sub(preamble, "recitals", eId="recs")
                fill(_sub(recitals, "recital", **attrs), p, refs)
                continue
            if container is None:
                container = _container(body, section, counter)
            fill(_sub(container, "paragraph", **attrs), p, refs)
    refs.write(refs_el)
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

    def fill(element: ET.Element, p: CleanParagraph, refs: _References) -> None:
        if p.number is not None:
            _sub(element, "num", f"{p.number}.")
        _text_holder(element).text = xml_safe(p.text)

    return _document(meta, paragraphs, compilation=False, fill=fill)


_METADATA_NOTE = re.compile(r"^(sponsor: |status: )")


def _change_notes(paragraph: CompiledParagraph) -> list[str]:
    """The notes that say what changed (the sponsor and status themselves are metadata)."""
    out = []
    for note in paragraph.notes:
        if note.startswith("sponsor: "):
            if "(was " in note:
                out.append("sponsor " + note[note.index("(was ") + 1 : -1])
            continue
        if note.startswith("status: "):
            if "→" in note:
                out.append("status was " + note[len("status: ") :].split(" →")[0])
            continue
        out.append(note)
    return out


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
    notes = _change_notes(paragraph)
    if notes:
        note = _sub(p_el, "authorialNote", marker="*", placement="side")
        _sub(note, "p", "; ".join(notes))


def compilation_akn(meta: ExportMeta, paragraphs: Sequence[CompiledParagraph]) -> str:
    """The compilation text as Akoma Ntoso: labels as ``num``, changes as ``ins``/``del``,
    sponsors and statuses as references (``refersTo``)."""

    def fill(element: ET.Element, p: CompiledParagraph, refs: _References) -> None:
        targets = [f"#{refs.status(p.status)}"]
        if p.sponsor:
            targets.insert(0, f"#{refs.sponsor(p.sponsor)}")
        element.set("refersTo", " ".join(targets))
        _sub(element, "num", p.label)
        _tracked(_text_holder(element), p)

    return _document(meta, paragraphs, compilation=True, fill=fill)

"""The pure exporters on a small hand-made declaration: golden files, read-back, hostile text.

Golden files live in tests/data/export/. After a deliberate change of an output, rewrite them
with ``NEGOTIATOR_UPDATE_GOLDEN=1 pytest tests/unit/test_export_formats.py`` and review the diff.
"""

from __future__ import annotations

import io
import json
import os
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document
from docx.text.run import Run
from hypothesis import given, settings
from hypothesis import strategies as st

from negotiator.domain.diffing import diff_rounds
from negotiator.domain.model import ParagraphKind, ParagraphSnapshot, Status
from negotiator.interchange.export_akn import AKN_NS, clean_akn, compilation_akn
from negotiator.interchange.export_docx import clean_docx, compilation_docx
from negotiator.interchange.export_html import clean_html, compilation_html
from negotiator.interchange.export_model import (
    ExportMeta,
    clean_paragraphs,
    compile_changes,
    one_line,
    xml_safe,
)
from negotiator.interchange.export_text import (
    clean_markdown,
    clean_text,
    compilation_markdown,
    compilation_text,
    labelled_draft,
)

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "export"
UPDATE = os.environ.get("NEGOTIATOR_UPDATE_GOLDEN") == "1"
A = f"{{{AKN_NS}}}"

PP, OP = ParagraphKind.PREAMBULAR, ParagraphKind.OPERATIVE
PI, PII = "Pillar I: Prevention", "Pillar II: Justice"
ARABIC = "تعزيز التعاون الدولي في مجال العدالة الجنائية؛"

META = ExportMeta(
    title="Draft Declaration on Crime Prevention",
    preface="We, the Heads of State and Government, gathered in Kyoto,",
    first_number=21,
    slug="test-decl",
    round_name="Rev.1",
    compare_name="First reading",
    date="2021-03-07",
)


def snap(
    pid: int,
    label: str,
    section: str,
    position: int,
    text: str,
    status: Status = Status.PENDING,
    sponsor: str | None = None,
    kind: ParagraphKind = OP,
) -> ParagraphSnapshot:
    return ParagraphSnapshot(
        pid, f"para_{pid}", label, kind, section, position, text, status, sponsor
    )


ROUND_A = [
    snap(1, "PP 1", "", 0, "Recognizing that crime prevention is essential,", kind=PP),
    snap(
        2,
        "PP 2",
        "",
        1,
        "Noting with concern the links between crime and poverty,",
        Status.AGREED,
        kind=PP,
    ),
    snap(
        3, "OP 21", PI, 2, "Develop crime prevention strategies that address the causes of crime;"
    ),
    snap(4, "OP 22", PI, 3, "Promote a culture of lawfulness;", sponsor="G77 and China"),
    snap(
        5,
        "OP 23",
        PI,
        4,
        "Mainstream a gender perspective into crime prevention policies;",
        sponsor="Japan",
    ),
    snap(6, "OP 24", PI, 5, "Strengthen access to justice for all;", sponsor="AGNU"),
    snap(7, "OP 25", PII, 6, ARABIC, sponsor="Group of Arab States"),
    snap(8, "OP 26", PII, 7, "Combat wildlife crime;"),
]

ROUND_B = [
    snap(
        1,
        "PP 1",
        "",
        0,
        "Recognizing that crime prevention [is essential][is a priority],",
        Status.AGREED_AD_REF,
        kind=PP,
    ),
    snap(
        2,
        "PP 2",
        "",
        1,
        "Noting with concern the links between crime and poverty,",
        Status.AGREED,
        kind=PP,
    ),
    snap(
        3,
        "OP 21",
        PI,
        2,
        "Develop crime prevention strategies that address the root causes of crime;",
        Status.AGREED,
    ),
    snap(
        9, "OP 21 bis", PI, 3, "Enhance data collection [, including on cybercrime];", sponsor="EU"
    ),
    snap(4, "OP 22", PI, 4, "Promote a culture of lawfulness;", Status.DELETED, "G77 and China"),
    snap(
        5,
        "OP 23",
        PI,
        5,
        "Mainstream a gender perspective into crime prevention policies;",
        Status.AGREED_AD_REF,
        "Norway",
    ),
    snap(6, "OP 23 bis", PII, 6, "Strengthen [access to justice] for all;", sponsor="AGNU"),
    snap(7, "OP 24", PII, 7, ARABIC, sponsor="Group of Arab States"),
]


def clean() -> list:  # type: ignore[type-arg]
    return clean_paragraphs(
        ROUND_B, first_number=META.first_number, number_preambular=META.number_preambular
    )


def compiled() -> list:  # type: ignore[type-arg]
    return compile_changes(diff_rounds(ROUND_A, ROUND_B))


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not UPDATE:
            pytest.fail(
                f"golden file {path} was missing and has been written: review it and run again"
            )
    assert actual == path.read_text(encoding="utf-8"), f"output differs from {path}"


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_summary(data: bytes) -> list[dict[str, object]]:
    """The document as read back by python-docx: style, text and runs per paragraph.

    A run is ``[text]`` or ``[text, marks]``, marks among bold, italic, ``ins``/``del`` (a
    tracked insertion or deletion, with its author); ``mark`` is a tracked paragraph mark.
    """
    doc = Document(io.BytesIO(data))
    out: list[dict[str, object]] = []
    for p in doc.paragraphs:
        runs: list[list[object]] = []
        for child in p._p:
            tracked = child.tag in (f"{W}ins", f"{W}del")
            elements = list(child.iter(f"{W}r")) if tracked else [child]
            for r in elements:
                if r.tag != f"{W}r":
                    continue
                run = Run(r, p)
                marks = [m for m, on in (("bold", run.bold), ("italic", run.italic)) if on]
                if tracked:
                    marks.append(f"{child.tag[len(W) :]} by {child.get(f'{W}author')}")
                text = "".join(
                    "\t" if t.tag == f"{W}tab" else t.text or ""
                    for t in r
                    if t.tag in (f"{W}t", f"{W}delText", f"{W}tab")
                )
                runs.append([text, marks] if marks else [text])
        entry: dict[str, object] = {"style": p.style.name, "runs": runs}
        mark = p._p.find(f"{W}pPr/{W}rPr/*")
        if mark is not None and mark.tag in (f"{W}ins", f"{W}del"):
            entry["mark"] = mark.tag[len(W) :]
        out.append(entry)
    return out


def docx_json(data: bytes) -> str:
    """:func:`docx_summary` as JSON, one paragraph a line (the .docx golden files)."""
    lines = (json.dumps(p, ensure_ascii=False) for p in docx_summary(data))
    return "[\n" + ",\n".join(lines) + "\n]\n"


# ----------------------------------------------------------------------------- golden files


@pytest.mark.parametrize(
    ("name", "render"),
    [
        ("clean.md", lambda: clean_markdown(META, clean())),
        ("clean.txt", lambda: clean_text(META, clean())),
        ("clean.html", lambda: clean_html(META, clean())),
        ("clean.akn.xml", lambda: clean_akn(META, clean())),
        ("compilation.md", lambda: compilation_markdown(META, compiled())),
        ("compilation.txt", lambda: compilation_text(META, compiled())),
        ("compilation.html", lambda: compilation_html(META, compiled())),
        ("compilation.akn.xml", lambda: compilation_akn(META, compiled())),
        ("labelled.md", lambda: labelled_draft(META, ROUND_B)),
        ("clean.docx.json", lambda: docx_json(clean_docx(META, clean()))),
        ("compilation.docx.json", lambda: docx_json(compilation_docx(META, compiled()))),
    ],
)
def test_golden(name: str, render) -> None:  # type: ignore[no-untyped-def]
    check_golden(name, render())


def test_outputs_are_deterministic() -> None:
    assert clean_akn(META, clean()) == clean_akn(META, clean())
    assert docx_summary(clean_docx(META, clean())) == docx_summary(clean_docx(META, clean()))


# ----------------------------------------------------------------------------- clean text


def test_clean_numbering_skips_deleted_resolves_bis_and_starts_at_first_number() -> None:
    numbered = [(p.uid, p.number) for p in clean()]
    assert numbered == [
        ("para_1", None),
        ("para_2", None),  # preambular: unnumbered
        ("para_3", 21),
        ("para_9", 22),
        ("para_5", 23),
        ("para_6", 24),
        ("para_7", 25),
    ]
    text = clean_text(META, clean())
    assert "bis" not in text and "OP " not in text and "Promote a culture" not in text
    assert "EU" not in text and "pending" not in text
    assert "22. Enhance data collection [, including on cybercrime];" in text  # brackets stay


def test_clean_numbering_of_preambular_paragraphs_when_the_declaration_numbers_them() -> None:
    numbers = [p.number for p in clean_paragraphs(ROUND_B, first_number=1, number_preambular=True)]
    assert numbers == [1, 2, 3, 4, 5, 6, 7]


def test_clean_docx_gives_exactly_the_paragraphs_in_order() -> None:
    doc = Document(io.BytesIO(clean_docx(META, clean())))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    assert paragraphs == [
        ("Title", META.title),
        ("Normal", META.preface),
        ("Normal", "Rev.1, 7 March 2021. Draft."),
        ("Unnumbered Paragraph", ROUND_B[0].text),
        ("Unnumbered Paragraph", ROUND_B[1].text),
        ("Heading 1", PI),
        ("Numbered Paragraph", f"21.\t{ROUND_B[2].text}"),
        ("Numbered Paragraph", f"22.\t{ROUND_B[3].text}"),
        ("Numbered Paragraph", f"23.\t{ROUND_B[5].text}"),
        ("Heading 1", PII),
        ("Numbered Paragraph", f"24.\t{ROUND_B[6].text}"),
        ("Numbered Paragraph", f"25.\t{ARABIC}"),
    ]
    # The Arabic paragraph is marked right to left.
    arabic = doc.paragraphs[-1]._p
    assert (
        arabic.pPr is not None
        and arabic.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi")
        is not None
    )
    assert doc.core_properties.title == META.title


def test_clean_akn_structure_and_stable_eids() -> None:
    root = ET.fromstring(clean_akn(META, clean()))
    assert root.tag == f"{A}akomaNtoso"
    statement = root.find(f"{A}statement")
    assert statement is not None and statement.get("name") == "declaration"
    assert [c.tag for c in statement] == [f"{A}meta", f"{A}preface", f"{A}preamble", f"{A}mainBody"]
    ident = statement.find(f"{A}meta/{A}identification")
    assert ident is not None
    assert [c.tag for c in ident] == [f"{A}FRBRWork", f"{A}FRBRExpression", f"{A}FRBRManifestation"]
    assert statement.findtext(f"{A}preface/{A}longTitle/{A}p/{A}docTitle") == META.title
    assert statement.findtext(f"{A}preamble/{A}formula/{A}p") == META.preface
    recitals = statement.findall(f"{A}preamble/{A}recitals/{A}recital")
    assert [(r.get("eId"), r.get("wId")) for r in recitals] == [
        ("rec_1", "para_1"),
        ("rec_2", "para_2"),
    ]
    sections = statement.findall(f"{A}mainBody/{A}section")
    assert [s.findtext(f"{A}heading") for s in sections] == [PI, PII]
    paras = statement.findall(f".//{A}paragraph")
    assert [(p.get("eId"), p.get("wId"), p.findtext(f"{A}num")) for p in paras] == [
        ("para_21", "para_3", "21."),
        ("para_22", "para_9", "22."),
        ("para_23", "para_5", "23."),
        ("para_24", "para_6", "24."),
        ("para_25", "para_7", "25."),
    ]
    assert paras[-1].findtext(f"{A}content/{A}p") == ARABIC


# ----------------------------------------------------------------------------- compilation text


def test_compilation_marks_and_notes() -> None:
    by_uid = {p.uid: p for p in compiled()}
    assert [p.label for p in compiled()] == [
        "PP 1",
        "PP 2",
        "OP 21",
        "OP 21 bis",
        "OP 22",
        "OP 23",
        "OP 23 bis",
        "OP 24",
        "OP 26",
    ]
    assert by_uid["para_9"].marks == ("new",)
    assert by_uid["para_4"].marks == ("deleted",) and by_uid["para_4"].segments[0].op == "delete"
    assert by_uid["para_8"].marks == ("deleted",) and by_uid["para_8"].label == "OP 26"
    assert by_uid["para_6"].marks == ("moved", "relabelled")
    assert "formerly OP 24" in by_uid["para_6"].notes
    assert f"moved from section “{PI}”" in by_uid["para_6"].notes
    assert "sponsor: Norway (was Japan)" in by_uid["para_5"].notes
    assert "status: pending → agreed ad ref" in by_uid["para_5"].notes
    assert by_uid["para_2"].marks == () and by_uid["para_2"].notes == ("status: agreed",)


def test_compilation_docx_tracks_changes_as_word_revisions() -> None:
    summary = {i: p for i, p in enumerate(docx_summary(compilation_docx(META, compiled())))}
    texts = {i: "".join(str(r[0]) for r in p["runs"]) for i, p in summary.items()}  # type: ignore[attr-defined]
    i = next(k for k, t in texts.items() if t == "OP 21  (status: pending → agreed)")
    assert summary[i]["style"] == "Paragraph Label"
    body = summary[i + 1]
    assert body["style"] == "Compilation Text"
    assert [r for r in body["runs"] if len(r) > 1] == [["root ", ["ins by negotiator"]]]  # type: ignore[union-attr]
    j = next(k for k, t in texts.items() if t.startswith("OP 22  (deleted"))
    assert summary[j]["mark"] == summary[j + 1]["mark"] == "del"
    assert summary[j + 1]["runs"] == [
        ["Promote a culture of lawfulness;", ["del by G77 and China"]]
    ]
    pp1 = summary[next(k for k, t in texts.items() if t.startswith("PP 1  ")) + 1]
    assert pp1["runs"] == [
        ["Recognizing", ["italic"]],
        [" that crime prevention "],
        ["[", ["ins by negotiator"]],
        ["is essential"],
        ["][is a priority]", ["ins by negotiator"]],
        [","],
    ]


def test_compilation_akn_uses_ins_and_del() -> None:
    root = ET.fromstring(compilation_akn(META, compiled()))
    para = next(p for p in root.iter(f"{A}paragraph") if p.get("wId") == "para_3")
    assert para.findtext(f"{A}num") == "OP 21" and para.get("eId") == "para_21"
    p = para.find(f"{A}content/{A}p")
    assert p is not None and [i.text for i in p.findall(f"{A}ins")] == ["root"]
    deleted = next(p for p in root.iter(f"{A}paragraph") if p.get("wId") == "para_8")
    assert deleted.get("class") == "deleted"
    assert deleted.findtext(f"{A}content/{A}p/{A}del") == "Combat wildlife crime;"


# ----------------------------------------------------------------------------- hostile text

HOSTILE = (
    "a < b && c > d \"quoted\" 'single' ]]> <!-- x --> &amp; "
    "\x00\x01\x08\x0b\x0c\x1f\x7f \ufffe\uffff " + ARABIC
)


def hostile_rounds(
    text: str,
) -> tuple[ExportMeta, list[ParagraphSnapshot], list[ParagraphSnapshot]]:
    meta = ExportMeta(
        title=f"T {text}",
        preface=text,
        slug=text,
        round_name=text,
        compare_name=text,
        first_number=1,
    )
    a = [snap(1, "OP 1", text, 0, "x"), snap(2, "PP 1", "", 1, text, kind=PP)]
    b = [
        snap(1, "OP 1", text, 0, f"{text} y {text}", sponsor=text),
        snap(2, "PP 1", "", 1, text, kind=PP),
        snap(3, "OP 1 bis", text, 2, text),
    ]
    return meta, a, b


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def _own_text(p: ET.Element) -> str:
    """A ``p``'s text with its inline changes, without the side notes."""
    parts = [p.text or ""]
    for child in p:
        if child.tag != f"{A}authorialNote":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def test_hostile_text_in_akn_is_well_formed_and_comes_back() -> None:
    meta, a, b = hostile_rounds(HOSTILE)
    safe = xml_safe(HOSTILE)
    assert "\x00" not in safe and "\ufffe" not in safe and ARABIC in safe
    for xml in (
        clean_akn(meta, clean_paragraphs(b)),
        compilation_akn(meta, compile_changes(diff_rounds(a, b))),
    ):
        root = ET.fromstring(xml.encode("utf-8"))
        assert root.findtext(f".//{A}docTitle") == one_line(f"T {safe}")
        ps = [_own_text(p) for p in root.iter(f"{A}p")]
        assert any(p == safe for p in ps)
        assert any(safe in p for p in ps)
        for el in root.iter():
            assert all(not (ord(c) < 32 and c not in "\t\n\r") for c in (el.text or ""))


def test_hostile_text_in_html_is_escaped_and_well_formed() -> None:
    meta, a, b = hostile_rounds(HOSTILE)
    safe = xml_safe(HOSTILE)
    for html in (
        clean_html(meta, clean_paragraphs(b)),
        compilation_html(meta, compile_changes(diff_rounds(a, b))),
    ):
        parser = _Text()
        parser.feed(html)
        parser.close()
        assert safe in parser.chunks  # a whole text node, so no markup leaked out of it
        root = ET.fromstring(html.encode("utf-8"))  # also well-formed XML
        body = root.find("body")
        assert body is not None and safe in "".join(body.itertext())
        assert "<!-- x -->" not in html and "]]>" not in html and '"quoted"' not in html


def test_hostile_text_in_docx_opens_back() -> None:
    meta, a, b = hostile_rounds(HOSTILE)
    safe = xml_safe(HOSTILE)
    doc = Document(io.BytesIO(clean_docx(meta, clean_paragraphs(b))))
    texts = [p.text for p in doc.paragraphs]
    assert f"1.\t{safe} y {safe}" in texts and safe in texts
    summary = docx_summary(compilation_docx(meta, compile_changes(diff_rounds(a, b))))
    assert any(safe in "".join(str(r[0]) for r in p["runs"]) for p in summary)  # type: ignore[attr-defined]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=40), st.text(max_size=20))
def test_any_text_gives_well_formed_akn_and_html(text: str, section: str) -> None:
    meta = ExportMeta(title=text or "t", preface=text)
    b = [
        snap(1, "OP 1", section, 0, text or "x", sponsor=text or None),
        snap(2, "PP 1", section, 1, text or "y", kind=PP),
    ]
    a = [snap(1, "OP 1", "", 0, "z")]
    root = ET.fromstring(clean_akn(meta, clean_paragraphs(b)).encode("utf-8"))
    content = [p for p in root.iter(f"{A}paragraph")]
    expected = (
        xml_safe(text or "x").replace("\r\n", "\n").replace("\r", "\n")
    )  # XML line-end normalisation
    assert "".join(content[0].find(f"{A}content/{A}p").itertext()) == expected  # type: ignore[union-attr]
    ET.fromstring(compilation_akn(meta, compile_changes(diff_rounds(a, b))).encode("utf-8"))
    ET.fromstring(clean_html(meta, clean_paragraphs(b)).encode("utf-8"))
    ET.fromstring(compilation_html(meta, compile_changes(diff_rounds(a, b))).encode("utf-8"))

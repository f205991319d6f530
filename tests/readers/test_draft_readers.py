"""Drafts as they are circulated: Word with its own numbering, its PDF, a PDF in UN layout."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from negotiator.domain.draftfile import DraftDocument, DraftFormatError, parse_draft
from negotiator.domain.readers import read_draft, sniff_kind
from tests.readers.drafts import EXPECTED_MD, UN_EXPECTED_MD, build_un_pdf


def _summary(document: DraftDocument) -> tuple[object, ...]:
    return (
        document.title,
        document.preface,
        [(str(p.label), p.section, p.text, p.status, p.sponsor) for p in document.paragraphs],
    )


def test_word_numbering_headings_sub_items_and_tracked_changes(word_draft: Path) -> None:
    read = read_draft(word_draft.read_bytes(), str(word_draft))
    assert read.kind == "docx"
    assert _summary(read.document) == _summary(parse_draft(EXPECTED_MD))
    doc = read.document
    assert doc.title == "Draft Abu Dhabi Declaration"
    assert [str(p.label) for p in doc.paragraphs] == [
        "OP 21",
        "OP 22",
        "OP 23",
        "OP 24",
        "OP 25 bis",
    ]
    assert [p.section for p in doc.paragraphs] == ["I. Crime prevention"] * 2 + [
        "II. Criminal justice systems"
    ] * 3
    op21 = " ".join(doc.paragraphs[0].text.split())
    assert op21 == (
        "Develop, implement and evaluate crime prevention strategies that address the root "
        "causes of crime, including by: (a) strengthening the role of local authorities in "
        "crime prevention; (b) promoting evidence-based practices;"
    )
    # the insertion is in, the deletion out; the header and footer are not text of the draft
    assert doc.paragraphs[1].text == (
        "Strengthen national and regional capacities to collect and analyse data on crime."
    )
    assert read.tracked_changes == 2
    assert "the file carried 2 tracked changes: read with all of them accepted" in read.notes
    assert "A/CONF.240" not in repr(doc) and "V.26" not in repr(doc)


def test_the_same_draft_saved_as_pdf_imports_the_same(
    word_draft: Path, word_draft_pdf: Path
) -> None:
    from_word = read_draft(word_draft.read_bytes(), str(word_draft))
    from_pdf = read_draft(word_draft_pdf.read_bytes(), str(word_draft_pdf))
    assert from_pdf.kind == "pdf"
    assert _summary(from_pdf.document) == _summary(from_word.document)


def test_a_pdf_in_un_layout(tmp_path: Path) -> None:
    """Headers with the symbol and page number, job numbers, numbers in the margin, words
    hyphenated at line ends, bold headings, footnote calls and footnote blocks."""
    pdf = build_un_pdf(tmp_path / "L1.pdf")
    read = read_draft(pdf.read_bytes(), str(pdf))
    assert _summary(read.document) == _summary(parse_draft(UN_EXPECTED_MD))
    assert "2 footnotes left out" in read.notes
    texts = " ".join(p.text for p in read.document.paragraphs)
    for artefact in ("A/CONF", "V.26", "See A/CONF.234/16", "causes1", "compre-"):
        assert artefact not in texts
    assert "comprehensive" in texts and "evidence-based" in texts and "effective" in texts


def test_kind_is_told_from_the_content_not_the_name(word_draft: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "draft.md"
    renamed.write_bytes(word_draft.read_bytes())
    assert read_draft(renamed.read_bytes(), str(renamed)).kind == "docx"
    text = tmp_path / "draft.pdf"
    text.write_text(EXPECTED_MD, encoding="utf-8")
    assert sniff_kind(text.read_bytes()) == "text"
    assert read_draft(text.read_bytes(), str(text)).kind == "text"


def _zip(names: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _encrypted_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Times", size=11)
    pdf.text(20, 20, "21. Secret text.")
    pdf.set_encryption(owner_password="owner", user_password="user")
    return bytes(pdf.output())


def _image_pdf(tmp_path: Path) -> bytes:
    from fpdf import FPDF
    from PIL import Image

    image = tmp_path / "scan.png"
    Image.new("RGB", (200, 100), "white").save(image)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=100)
    return bytes(pdf.output())


def _empty_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    return bytes(pdf.output())


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda _: _zip({"hello.txt": b"hi"}), "not a Word document (.docx)"),
        (lambda _: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "save it as .docx"),
        (lambda _: _encrypted_pdf(), "encrypted"),
        (_image_pdf, "no text layer (scanned page images): OCR is not done"),
        (lambda _: _empty_pdf(), "no text layer"),
        (lambda _: b"%PDF-1.7\n garbage", "damaged"),
    ],
)
def test_bad_files_are_refused_naming_the_file(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "rev1.docx"
    data = make(tmp_path)
    with pytest.raises(DraftFormatError) as info:
        read_draft(data, str(path))
    assert str(path) in str(info.value) and message in str(info.value)


def test_an_error_names_the_word_paragraph(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_paragraph("21. Develop [strategies.")
    path = tmp_path / "bad.docx"
    document.save(str(path))
    with pytest.raises(DraftFormatError) as info:
        read_draft(path.read_bytes(), str(path))
    assert f"{path}: Word paragraph 1: unbalanced brackets in OP 21" in str(info.value)


def test_a_source_pdf_error_names_the_page(tmp_path: Path) -> None:
    from fpdf import FPDF

    from negotiator.domain.sources.base import SourceFormatError
    from negotiator.domain.sources.detect import parse_source_pdf

    pdf = FPDF()
    pdf.set_font("Times", size=11)
    pdf.add_page()
    pdf.text(20, 30, "Discussion guide for the Fifteenth Congress")
    pdf.add_page()
    for y, text in (
        (30, "C. Questions for discussion"),
        (40, "66. Participants in the Congress may wish to consider"),
        (45, "the following questions:"),
        (55, "(a) What are good practices in crime prevention and"),
        (60, "how can they be shared?"),
        (70, "(a) What are the good practices, again?"),
    ):
        pdf.text(20, y, text)
    path = tmp_path / "guide.pdf"
    pdf.output(str(path))
    with pytest.raises(SourceFormatError) as info:
        parse_source_pdf(path.read_bytes(), str(path), kind="guide")
    assert str(info.value).startswith(f"{path}: page 2: ")
    assert "question (a) out of order" in str(info.value)


def test_numbering_from_the_list_style_and_bullets_inside_a_paragraph(tmp_path: Path) -> None:
    from docx import Document

    document = Document()
    document.add_heading("Follow-up", 1)
    document.add_paragraph("Decide to review progress:", style="List Number")
    document.add_paragraph("every two years;", style="List Bullet")
    document.add_paragraph("Request the Secretariat to report.", style="List Number")
    path = tmp_path / "styles.docx"
    document.save(str(path))
    read = read_draft(path.read_bytes(), str(path))
    assert [
        (str(p.label), p.section, " ".join(p.text.split())) for p in read.document.paragraphs
    ] == [
        ("OP 1", "Follow-up", "Decide to review progress: every two years;"),
        ("OP 2", "Follow-up", "Request the Secretariat to report."),
    ]
    assert read.notes == ()

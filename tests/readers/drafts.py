"""Builds the draft files the reader tests import: a Word document with Word's own numbering,
its PDF (LibreOffice headless) and a PDF with the artefacts of a UN document (fpdf2)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

_W = nsdecls("w")
_DATE = 'w:author="Chair" w:date="2026-03-01T10:00:00Z"'

#: The draft as the text format reads it (what the Word file must import as).
EXPECTED_MD = """\
# Draft Abu Dhabi Declaration

We, the Heads of State and Government, ministers and representatives of Member States,

## I. Crime prevention

21. Develop, implement and evaluate crime prevention strategies that address the root
causes of crime, including by:
(a) strengthening the role of local authorities in crime prevention;
(b) promoting evidence-based practices;

22. Strengthen national and regional capacities to collect and analyse data on crime.

## II. Criminal justice systems

23. Ensure access to justice for all, with [particular attention to] women and children.

24. Promote the use of non-custodial measures, in line with the Tokyo Rules.

25 bis. Foster a culture of lawfulness.
"""


def _numbering(document) -> None:  # type: ignore[no-untyped-def]
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {_W} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
        '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="567" w:hanging="567"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
        '<w:lvlText w:val="(%2)"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="1134" w:hanging="567"/></w:pPr></w:lvl>'
        "</w:abstractNum>"
    )
    nums = numbering.findall(qn("w:num"))
    if nums:
        nums[0].addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(
        parse_xml(
            f'<w:num {_W} w:numId="90"><w:abstractNumId w:val="90"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="21"/></w:lvlOverride></w:num>'
        )
    )


def _numbered(document, text: str, level: int = 0):  # type: ignore[no-untyped-def]
    paragraph = document.add_paragraph(text)
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = 90
    return paragraph


def build_docx(path: Path) -> Path:
    """A draft with automatic numbering from 21, headings, (a)/(b) sub-items, a typed number
    and two tracked changes (an insertion and a deletion)."""
    document = Document()
    _numbering(document)
    document.add_paragraph("Draft Abu Dhabi Declaration", style="Title")
    document.add_paragraph(
        "We, the Heads of State and Government, ministers and representatives of Member States,"
    )
    document.add_heading("I. Crime prevention", level=1)
    _numbered(
        document,
        "Develop, implement and evaluate crime prevention strategies that address the root "
        "causes of crime, including by:",
    )
    _numbered(document, "strengthening the role of local authorities in crime prevention;", 1)
    _numbered(document, "promoting evidence-based practices;", 1)
    p22 = _numbered(document, "Strengthen ")
    p22._p.append(
        parse_xml(
            f'<w:ins {_W} w:id="1" {_DATE}><w:r><w:t xml:space="preserve">national and </w:t>'
            "</w:r></w:ins>"
        )
    )
    p22._p.append(
        parse_xml(
            f'<w:del {_W} w:id="2" {_DATE}><w:r><w:delText xml:space="preserve">local </w:delText>'
            "</w:r></w:del>"
        )
    )
    p22.add_run("regional capacities to collect and analyse data on crime.")
    document.add_heading("II. Criminal justice systems", level=1)
    _numbered(
        document,
        "Ensure access to justice for all, with [particular attention to] women and children.",
    )
    run_para = _numbered(document, "")
    run_para.add_run("Promote the use of ")
    run_para.add_run("non-custodial measures").bold = True
    run_para.add_run(", in line with the ")
    run_para.add_run("Tokyo Rules").italic = True
    run_para.add_run(".")
    document.add_paragraph("25 bis. Foster a culture of lawfulness.")  # typed by hand
    section = document.sections[0]
    section.header.paragraphs[0].text = "A/CONF.240/L.1"
    section.footer.paragraphs[0].text = "V.26-01234"
    # Show the final text (changes accepted) so a PDF printed from it shows the same text.
    settings = document.settings.element
    settings.append(parse_xml(f'<w:revisionView {_W} w:markup="0" w:insDel="0"/>'))
    document.save(str(path))
    return path


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(source: Path, outdir: Path) -> Path:
    """Converts a file to PDF with LibreOffice headless (its own profile in ``outdir``)."""
    exe = soffice()
    assert exe is not None
    profile = outdir / "lo-profile"
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    out = outdir / (source.stem + ".pdf")
    assert out.is_file(), f"LibreOffice made no PDF of {source}"
    return out


#: What the UN-layout PDF below must import as.
UN_EXPECTED_MD = """\
# Draft political declaration of the Fifteenth Congress

## A. Crime prevention

21. Develop comprehensive crime prevention strategies that address the root causes of crime
and are evidence-based and non-custodial where possible.

22. Strengthen the collection of data on crime, including through [regional] cooperation,
and share good practices.

## B. Criminal justice

23. Ensure that criminal justice systems are accessible, accountable and effective, and that
the rights of victims and witnesses are protected at all stages of criminal proceedings.

24. Promote restorative justice:
(a) in the juvenile justice system;
(b) in cases of domestic violence, where appropriate.

25. Review the use of pretrial detention and reduce prison overcrowding.
"""

# (margin number or None, [printed lines]) per block; headings are ("H", text).
_UN_PAGES: list[list[tuple[str | None, object]]] = [
    [
        ("T", "Draft political declaration of the Fifteenth Congress"),
        ("H", "A. Crime prevention"),
        (
            "21.",
            [
                "Develop compre-",
                "hensive crime prevention strategies that address the root causes^1 of",
                "crime and are evidence-",
                "based and non-",
                "custodial where possible.",
            ],
        ),
        ("22.", ["Strengthen the collection of data on crime, including through [regional]"]),
    ],
    [
        (None, ["cooperation, and share good practices.^2"]),
        ("H", "B. Criminal justice"),
        (
            "23.",
            [
                "Ensure that criminal justice systems are accessible, accountable and effec-",
                "tive, and that the rights of victims and witnesses are protected at all stages of",
                "criminal proceedings.",
            ],
        ),
    ],
    [
        ("24.", ["Promote restorative justice:"]),
        ("(a)", ["in the juvenile justice system;"]),
        ("(b)", ["in cases of domestic violence, where appropriate."]),
        ("25.", ["Review the use of pretrial detention and reduce prison overcrowding."]),
    ],
]
_UN_NOTES = {
    0: ["1 See A/CONF.234/16, para. 21.", "  and the report of the regional meetings."],
    1: ["2 General Assembly resolution 75/1."],
}


def build_un_pdf(path: Path, *, pages: int = 1) -> Path:
    """A PDF laid out like a UN document: page headers with the symbol and page number, a job
    number in the footer, numbers in the margin, hyphenated line ends, bold headings, footnote
    calls and footnote blocks.  ``pages`` repeats the three pages (with new numbers) for a
    longer document."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    page_no = 0
    offset = 0
    for repeat in range(pages):
        for index, blocks in enumerate(_UN_PAGES):
            page_no += 1
            pdf.add_page()
            pdf.set_font("Times", size=9)
            pdf.text(20, 12, "A/CONF.240/L.1")
            pdf.text(185, 12, str(page_no))
            pdf.text(20, 287, f"V.26-0{1234 + page_no}")
            y = 30.0
            for number, content in blocks:
                if number in ("T", "H"):
                    if number == "T" and repeat:
                        continue
                    pdf.set_font("Times", "B", 14 if number == "T" else 11)
                    y += 4
                    pdf.text(20, y, str(content))
                    y += 8
                    continue
                pdf.set_font("Times", size=11)
                if number is not None:
                    label = number
                    if number[0].isdigit():
                        label = f"{int(number[:-1]) + offset}."
                    x_text = 40.0 if number.startswith("(") else 32.0
                    pdf.text(20 if not number.startswith("(") else 32, y, label)
                else:
                    x_text = 32.0
                assert isinstance(content, list)
                for line in content:
                    x = x_text
                    for piece_index, piece in enumerate(str(line).split("^")):
                        text = piece
                        if piece_index:  # a footnote call: a small raised digit
                            pdf.set_font("Times", size=6)
                            pdf.text(x, y - 1.8, piece[0])
                            x += pdf.get_string_width(piece[0])
                            pdf.set_font("Times", size=11)
                            text = piece[1:]
                        pdf.text(x, y, text)
                        x += pdf.get_string_width(text)
                    y += 5.5
                y += 3
            notes = _UN_NOTES.get(index, [])
            if notes:
                pdf.set_font("Times", size=8)
                pdf.line(20, 262, 70, 262)
                for k, note in enumerate(notes):
                    pdf.text(20, 267 + 4 * k, note)
        offset += 5
    pdf.output(str(path))
    return path

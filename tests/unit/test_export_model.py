"""Clean numbering, the final check, tracked-change display and text hygiene of the exporters."""

from __future__ import annotations

from negotiator.domain.diffing import DiffOp, diff_rounds
from negotiator.domain.model import ParagraphKind, ParagraphSnapshot, Status
from negotiator.interchange.export_model import (
    ExportMeta,
    clean_paragraphs,
    compile_changes,
    display_segments,
    final_problems,
    is_rtl,
    xml_safe,
)
from negotiator.interchange.export_text import clean_markdown, labelled_document

PP, OP = ParagraphKind.PREAMBULAR, ParagraphKind.OPERATIVE


def snap(
    pid: int,
    label: str,
    text: str = "text",
    status: Status = Status.PENDING,
    *,
    position: int | None = None,
    kind: ParagraphKind = OP,
    section: str = "",
) -> ParagraphSnapshot:
    return ParagraphSnapshot(
        pid,
        f"para_{pid}",
        label,
        kind,
        section,
        pid if position is None else position,
        text,
        status,
    )


def test_clean_numbers_from_21_with_bis_ter_and_deleted_paragraphs() -> None:
    round_ = [
        snap(1, "PP 1", kind=PP),
        snap(2, "OP 21"),
        snap(3, "OP 21 bis"),
        snap(4, "OP 21 ter", status=Status.DELETED),
        snap(5, "OP 22"),
        snap(6, "OP 22 bis"),
        snap(7, "OP 23", status=Status.DELETED),
        snap(8, "OP 24"),
    ]
    out = clean_paragraphs(round_, first_number=21)
    assert [(p.uid, p.number) for p in out] == [
        ("para_1", None),
        ("para_2", 21),
        ("para_3", 22),
        ("para_5", 23),
        ("para_6", 24),
        ("para_8", 25),
    ]


def test_clean_text_follows_positions_not_the_input_order() -> None:
    round_ = [snap(1, "OP 2", "second", position=5), snap(2, "OP 1", "first", position=1)]
    assert [(p.number, p.text) for p in clean_paragraphs(round_)] == [(1, "first"), (2, "second")]


def test_preambular_numbered_with_the_rest_when_asked() -> None:
    round_ = [snap(1, "PP 1", kind=PP), snap(2, "PP 2", kind=PP), snap(3, "OP 1")]
    assert [p.number for p in clean_paragraphs(round_, number_preambular=True)] == [1, 2, 3]
    assert [p.number for p in clean_paragraphs(round_)] == [None, None, 1]


def test_final_problems_list_brackets_and_statuses_but_not_deleted_paragraphs() -> None:
    round_ = [
        snap(1, "OP 1", "agreed text", Status.AGREED),
        snap(2, "OP 1 bis", "[bracketed] text", Status.AGREED),
        snap(3, "OP 2", "text", Status.AGREED_AD_REF),
        snap(4, "OP 3", "[still] open", Status.PENDING),
        snap(5, "OP 4", "[gone]", Status.DELETED),
    ]
    problems = final_problems(round_)
    assert [str(p) for p in problems] == [
        "OP 1 bis (brackets)",
        "OP 2 (agreed ad ref)",
        "OP 3 (brackets, pending)",
    ]
    assert final_problems([snap(1, "OP 1", "done", Status.AGREED)]) == []


def test_display_segments_keep_marks_on_words() -> None:
    ops = (
        DiffOp("equal", "a"),
        DiffOp("insert", " new "),
        DiffOp("equal", "b"),
        DiffOp("delete", "  "),
        DiffOp("insert", " "),
        DiffOp("delete", "old "),
    )
    assert display_segments(ops) == [
        ("equal", "a "),
        ("insert", "new"),
        ("equal", " b "),
        ("delete", "old"),
        ("equal", " "),
    ]


def test_compilation_of_a_paragraph_deleted_before_the_comparison() -> None:
    a = [snap(1, "OP 1", "gone", Status.DELETED), snap(2, "OP 2", "kept")]
    b = [snap(1, "OP 1", "gone", Status.DELETED), snap(2, "OP 2", "kept")]
    first, second = compile_changes(diff_rounds(a, b))
    assert first.deleted and first.notes == ("deleted before this comparison",)
    assert [(s.op, s.text) for s in first.segments] == [("delete", "gone")]
    assert not second.deleted and second.notes == ("status: pending",)


def test_compilation_of_a_restored_paragraph() -> None:
    a = [snap(1, "OP 1", "back", Status.DELETED)]
    b = [snap(1, "OP 1", "back", Status.PENDING)]
    (only,) = compile_changes(diff_rounds(a, b))
    assert only.marks == ("restored",) and not only.deleted


def test_xml_safe_and_rtl() -> None:
    assert xml_safe("a\x00b\x0bc\td\ne\rf\ufffeg\ud800h") == "abc\td\ne\rfgh"
    assert xml_safe("تعزيز 中文 é") == "تعزيز 中文 é"
    assert is_rtl("  [تعزيز] the") and not is_rtl("The تعزيز") and not is_rtl("123 ...")


def test_clean_markdown_escapes_unnumbered_text_that_looks_like_markup() -> None:
    round_ = [
        snap(1, "PP 1", "# not a heading", kind=PP),
        snap(2, "PP 2", "1. not a list", kind=PP),
        snap(3, "OP 1"),
    ]
    md = clean_markdown(ExportMeta(title="T"), clean_paragraphs(round_))
    assert "\n\\# not a heading\n" in md and "\n\\1. not a list\n" in md and "\n1. text\n" in md


def test_labelled_document_leaves_out_a_deleted_paragraph_whose_label_was_reused() -> None:
    round_ = [
        snap(1, "OP 5", "old", Status.DELETED),
        snap(2, "OP 5", "new"),
        snap(3, "OP 6", "x", Status.DELETED),
        snap(4, "OP 6", "y", Status.DELETED),
    ]
    doc = labelled_document(ExportMeta(title="T"), round_)
    assert [(str(p.label), p.text) for p in doc.paragraphs] == [("OP 5", "new"), ("OP 6", "x")]


def test_labelled_document_refuses_two_live_paragraphs_with_one_label() -> None:
    import pytest

    with pytest.raises(ValueError, match="share the label OP 5"):
        labelled_document(ExportMeta(title="T"), [snap(1, "OP 5"), snap(2, "OP 5")])
    with pytest.raises(ValueError, match="no usable label"):
        labelled_document(ExportMeta(title="T"), [snap(1, "")])


def test_pure_exporters_import_no_framework() -> None:
    import subprocess
    import sys

    modules = ", ".join(
        f"negotiator.interchange.export_{m}" for m in ("model", "text", "html", "akn", "docx")
    )
    forbidden = ["sqlalchemy", "textual", "rich", "negotiator.storage", "negotiator.services"]
    code = f"import sys, {modules}; print(','.join(m for m in {forbidden!r} if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == ""

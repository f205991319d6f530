"""The diff use case: rounds fetched from a real database, diffs of frozen rounds cached."""

from __future__ import annotations

from negotiator.domain.model import Status
from negotiator.services.diffs import DiffService, filter_changes
from negotiator.services.drafting import DraftingService


def test_diff_between_rounds_and_current(db, sample_document) -> None:  # type: ignore[no-untyped-def]
    drafting = DraftingService(db, user="chair")
    drafting.create_declaration(sample_document, slug="kyoto", freeze=True)
    drafting.open_round("Rev.1")
    op22 = drafting.paragraph("OP 22")
    drafting.save_paragraph(
        op22.id,
        base_version=1,
        text=op22.text.replace("Enhance", "Enhance [and strengthen]"),
        status=Status.AGREED_AD_REF,
    )
    drafting.insert_paragraph_after(op22.id, "New paragraph on cybercrime.")
    service = DiffService(db)
    result = service.diff("First reading", "current")
    assert (result.round_a.name, result.round_b.name, result.cached) == (
        "First reading",
        "Rev.1",
        False,
    )
    kinds = {c.label_b: c.kinds for c in result.diff.changes if c.kinds != ("unchanged",)}
    assert kinds == {
        "OP 22": ("reworded", "status_changed", "brackets_changed"),
        "OP 22 bis": ("added",),
    }
    op = next(c for c in result.diff.changes if c.label_b == "OP 22")
    assert [(o.op, o.text) for o in op.ops if o.op != "equal"] == [("insert", "[and strengthen] ")]
    # Default A is the round before the latest.
    assert service.diff(None).round_a.name == "First reading"
    # An open round is never cached.
    assert service.diff("First reading", "current").cached is False
    drafting.freeze_round()
    first = service.diff("First reading", "Rev.1")
    second = service.diff("First reading", "Rev.1")
    assert (first.cached, second.cached) == (False, True)
    assert second.diff is first.diff
    shown = filter_changes(second.diff, only_changed=True, section="evidence")
    assert {c.label_b for c in shown.changes} == {"OP 22", "OP 22 bis"}
    assert filter_changes(second.diff, section="youth", only_changed=True).changes == ()

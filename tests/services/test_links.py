"""Links, coverage and suggestions on a real database with a small hand-made source set."""

from __future__ import annotations

from pathlib import Path

import pytest

from negotiator.domain.draftfile import parse_draft
from negotiator.domain.model import Status
from negotiator.services.drafting import DraftingService
from negotiator.services.errors import NotFound
from negotiator.services.links import LinksService
from negotiator.services.sources import SourcesService

MAPPING = """\
"A mapping exercise": compilation of the recommendations of the regional preparatory meetings

Crime prevention (agenda item 3)

Evidence-based crime prevention
•
Improve the collection of crime statistics and data on victimization. [AP 26(f)]
•
Gather reliable statistics on crime and justice. [LAC 28(e)]
•
Develop national statistical indicators on crime. [E 16(d)]

Youth and children
•
Empower youth through sports programmes and education. [A 29(a)]
•
Protect children from recruitment by gangs. [AP 13(a)]
"""

DRAFT = """\
# Test

## Pillar I

OP 1. Enhance crime prevention through the collection and analysis of data and statistics on crime.

OP 2. Empower youth through sports and educational programmes.

OP 3. Prevent domestic violence.
"""


@pytest.fixture
def links(db, tmp_path: Path) -> LinksService:  # type: ignore[no-untyped-def]
    path = tmp_path / "mapping.txt"
    path.write_text(MAPPING, encoding="utf-8")
    SourcesService(db).import_files([path])
    DraftingService(db, user="alice").create_declaration(parse_draft(DRAFT), slug="t", freeze=True)
    return LinksService(db, user="alice")


def test_link_survives_rewording_and_relabelling(links: LinksService) -> None:
    made = links.link("OP 1", ["AP 26(f)", "lac 28 (e)"], note="data")
    assert [(c.ref, c.changed) for c in made] == [("AP 26(f)", True), ("LAC 28(e)", True)]
    assert [c.changed for c in links.link("OP 1", ["AP 26(f)"])] == [False]
    # Rev.1 rewords OP 1 and relabels it OP 2 (a renumbered clean text with a new OP 1).
    doc = parse_draft(
        DRAFT.replace(
            "OP 1. Enhance crime prevention",
            "OP 0. Prevent cybercrime.\n\nOP 1. Enhance [evidence-based] crime prevention",
        )
    )
    links.drafting.import_round(doc, name="Rev.1")
    para = links.drafting.paragraph("OP 1")
    assert para.text.startswith("Enhance [evidence-based]")
    found = links.links(para.id)
    assert [(lk.source.ref, lk.note, lk.created_by) for lk in found] == [
        ("AP 26(f)", "data", "alice"),
        ("LAC 28(e)", "data", "alice"),
    ]


def test_unknown_ref_refused_with_suggestions(links: LinksService) -> None:
    with pytest.raises(NotFound, match=r"'AP 26\(g\)' \(did you mean: AP 26\(f\)"):
        links.link("OP 1", ["LAC 28(e)", "AP 26(g)"])
    assert links.links(links.drafting.paragraph("OP 1").id) == []  # all or nothing


def test_coverage_counts_exact(links: LinksService) -> None:
    links.link("OP 1", ["AP 26(f)", "LAC 28(e)"])
    links.link("OP 2", ["A 29(a)"])
    report = links.coverage()
    assert (report.recommendations_total, report.recommendations_reflected) == (5, 3)
    regions = {g.name: (g.reflected, g.total, g.unreflected) for g in report.regions}
    assert regions == {
        "Asia and the Pacific": (1, 2, ("AP 13(a)",)),
        "Latin America and the Caribbean": (1, 1, ()),
        "Europe": (0, 1, ("E 16(d)",)),
        "Africa": (1, 1, ()),
    }
    themes = {g.name.split(" / ")[-1]: (g.reflected, g.total) for g in report.themes}
    assert themes == {"Evidence-based crime prevention": (2, 3), "Youth and children": (1, 2)}
    # A deleted paragraph reflects nothing; an unlinked source is no longer reflected.
    links.drafting.open_round("Rev.1")
    op2 = links.drafting.paragraph("OP 2")
    links.drafting.save_paragraph(op2.id, base_version=op2.version_no, status=Status.DELETED)
    links.unlink("OP 1", "LAC 28(e)")
    assert links.coverage().recommendations_reflected == 1
    # The earlier round still has OP 2 standing.
    assert links.coverage(round_name="First reading").recommendations_reflected == 2


def test_suggestions_rank_the_obvious_match_first_and_skip_linked(links: LinksService) -> None:
    top = [s.source.ref for s in links.suggest("OP 2", top=3)]
    assert top[0] == "A 29(a)"
    data = [s.source.ref for s in links.suggest("OP 1", top=3)]
    assert set(data[:3]) == {"AP 26(f)", "LAC 28(e)", "E 16(d)"}
    links.link("OP 1", ["AP 26(f)"])
    assert "AP 26(f)" not in [s.source.ref for s in links.suggest("OP 1")]
    assert links.suggest("OP 1", kind="question") == []


def test_top_zero_suggests_nothing(links: LinksService) -> None:
    assert links.suggest("OP 2", top=0) == []
    assert len(links.suggest("OP 2", top=1)) == 1

"""Proposals by delegations: tabling, each status transition, stale detection, roles, the
chair's compromise and the audit trail, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from negotiator.domain.draftfile import parse_draft
from negotiator.domain.model import Status
from negotiator.domain.proposals import DelegationKind, ProposalKind, ProposalStatus
from negotiator.services.audit import AuditService
from negotiator.services.drafting import DraftingService
from negotiator.services.errors import (
    AlreadyExists,
    ConflictError,
    FrozenRoundError,
    InvalidText,
    NotFound,
    PermissionDenied,
)
from negotiator.services.proposals import ProposalError, ProposalsService
from negotiator.services.users import UsersService

DRAFT = """# Test declaration

## Pillar I

PP 1. Recognizing the role of crime prevention,

OP 5. States shall develop national strategies.

OP 6. Enhance cooperation among Member States.
"""


@pytest.fixture
def team(db):  # type: ignore[no-untyped-def]
    UsersService(db, user="chair").ensure_first_chair()
    users = UsersService(db, user="chair")
    users.add("dora", "drafter")
    users.add("dave", "drafter")
    users.add("olga", "observer")
    drafting = DraftingService(db, user="chair")
    drafting.create_declaration(parse_draft(DRAFT), slug="t")
    chair = ProposalsService(db, user="chair")
    chair.add_delegation("EU")
    chair.add_delegation("Norway", member_of=[])
    chair.add_delegation("G77 and China")
    chair.add_delegation("Iceland")
    chair.add_delegation("USA")
    chair.add_delegation("Japan")
    return db


def para(db, label="OP 5"):  # type: ignore[no-untyped-def]
    return DraftingService(db).paragraph(label)


def test_delegations_list_groups_first_and_refuses_duplicates(team) -> None:  # type: ignore[no-untyped-def]
    service = ProposalsService(team, user="dora")
    service.add_delegation("African Group")
    service.add_delegation("Kenya", member_of=["african group", "G77 and China"])
    listed = service.delegations()
    groups = [d.name for d in listed if d.kind is DelegationKind.GROUP]
    assert groups == ["African Group", "EU", "G77 and China"]
    assert listed[0].kind is DelegationKind.GROUP
    kenya = next(d for d in listed if d.name == "Kenya")
    assert kenya.groups == ("African Group", "G77 and China")
    with pytest.raises(AlreadyExists):
        service.add_delegation("kenya")
    with pytest.raises(ProposalError, match="not a group"):
        service.add_delegation("Chile", member_of=["Kenya"])
    with pytest.raises(PermissionDenied):
        ProposalsService(team, user="olga").add_delegation("Peru")


def test_table_each_kind_and_list(team) -> None:  # type: ignore[no-untyped-def]
    service = ProposalsService(team, user="dora")
    op5 = para(team)
    amend = service.table(
        op5.id,
        delegations=["EU", "norway", "Iceland"],
        kind="amend",
        text="States should  develop national strategies.",
        note="shall -> should",
    )
    assert amend.delegations == ("EU", "Norway", "Iceland")
    assert amend.by == "EU, joined by Norway and Iceland"
    assert amend.text == "States should develop national strategies."
    assert (amend.status, amend.stale, amend.base_version, amend.round_name) == (
        ProposalStatus.OPEN,
        False,
        1,
        "First reading",
    )
    delete = service.table(op5.id, delegations=["G77 and China"], kind=ProposalKind.DELETE)
    retain = service.table(op5.id, delegations=["USA"], kind="retain")
    after = service.table(op5.id, delegations=["Japan"], kind="add-after", text="Japan's text.")
    assert delete.line == "G77 and China: delete"
    assert retain.line == "USA: retain"
    assert after.line == "Japan: new paragraph after OP 5: Japan's text."
    listed = service.proposals("OP 5")
    assert [p.id for p in listed] == [amend.id, delete.id, retain.id, after.id]
    assert [p.id for p in service.proposals(status="open")] == [p.id for p in listed]
    assert service.proposals(delegation="norway") == [amend]
    assert service.open_counts() == {op5.id: 4}
    assert service.open_by_delegation()["EU"] == 1


def test_bad_proposals_are_refused_and_nothing_is_written(team) -> None:  # type: ignore[no-untyped-def]
    service = ProposalsService(team, user="dora")
    op5 = para(team)
    with pytest.raises(NotFound, match=r"no delegation 'Norwey'.*did you mean: Norway"):
        service.table(op5.id, delegations=["EU", "Norwey"], kind="amend", text="x")
    with pytest.raises(ProposalError, match="needs its text"):
        service.table(op5.id, delegations=["EU"], kind="amend", text="  ")
    with pytest.raises(ProposalError, match="takes no text"):
        service.table(op5.id, delegations=["EU"], kind="delete", text="nope")
    with pytest.raises(InvalidText, match="unbalanced brackets"):
        service.table(op5.id, delegations=["EU"], kind="amend", text="States [shall develop")
    with pytest.raises(ProposalError, match="named twice"):
        service.table(op5.id, delegations=["EU", "eu"], kind="retain")
    with pytest.raises(ProposalError, match="at least one delegation"):
        service.table(op5.id, delegations=[], kind="retain")
    with pytest.raises(ProposalError, match="unknown proposal kind"):
        service.table(op5.id, delegations=["EU"], kind="bracket")
    with pytest.raises(ProposalError, match="base version 3 does not exist"):
        service.table(op5.id, delegations=["EU"], kind="retain", base_version=3)
    assert service.proposals() == []


def test_roles(team) -> None:  # type: ignore[no-untyped-def]
    op5 = para(team)
    with pytest.raises(PermissionDenied, match="observer"):
        ProposalsService(team, user="olga").table(op5.id, delegations=["EU"], kind="retain")
    p = ProposalsService(team, user="dora").table(op5.id, delegations=["EU"], kind="retain")
    drafter = ProposalsService(team, user="dora")
    with pytest.raises(PermissionDenied, match="only chairs may accept"):
        drafter.accept(p.id)
    with pytest.raises(PermissionDenied, match="only chairs"):
        drafter.reject(p.id)
    with pytest.raises(PermissionDenied, match="only chairs"):
        drafter.compromise(op5.id, [p.id], base_version=1, text="x y")
    with pytest.raises(PermissionDenied):
        ProposalsService(team, user="olga").withdraw(p.id)
    assert drafter.withdraw(p.id).status is ProposalStatus.WITHDRAWN


def test_accept_amend_makes_the_others_stale(team) -> None:  # type: ignore[no-untyped-def]
    drafter, chair = ProposalsService(team, user="dora"), ProposalsService(team, user="chair")
    op5 = para(team)
    amend = drafter.table(op5.id, delegations=["EU"], kind="amend", text="States should act.")
    other = drafter.table(op5.id, delegations=["USA"], kind="retain")
    accepted = chair.accept(amend.id)
    assert (accepted.status, accepted.taken_in_version, accepted.decided_by) == (
        ProposalStatus.ACCEPTED,
        2,
        "chair",
    )
    now = para(team)
    assert (now.text, now.version_no, now.author) == ("States should act.", 2, "chair")
    still = chair.proposal(other.id)
    assert (still.status, still.stale, still.base_text, still.current_text) == (
        ProposalStatus.OPEN,
        True,
        "States shall develop national strategies.",
        "States should act.",
    )
    with pytest.raises(ProposalError, match="accepted already|is accepted"):
        chair.reject(amend.id)


def test_stale_amend_cannot_be_accepted_outright(team) -> None:  # type: ignore[no-untyped-def]
    drafter, chair = ProposalsService(team, user="dora"), ProposalsService(team, user="chair")
    op5 = para(team)
    p = drafter.table(op5.id, delegations=["EU"], kind="amend", text="States should act.")
    DraftingService(team, user="dave").save_paragraph(op5.id, base_version=1, text="Other text.")
    assert chair.proposal(p.id).stale
    with pytest.raises(ProposalError, match="stale.*--compromise-of"):
        chair.accept(p.id)
    assert para(team).text == "Other text."
    # a status change alone does not make a proposal stale
    q = drafter.table(op5.id, delegations=["USA"], kind="retain")
    DraftingService(team, user="chair").save_paragraph(op5.id, base_version=2, sponsor="Mexico")
    assert not chair.proposal(q.id).stale


def test_accept_delete_retain_and_add_after(team) -> None:  # type: ignore[no-untyped-def]
    drafter, chair = ProposalsService(team, user="dora"), ProposalsService(team, user="chair")
    op5, op6 = para(team), para(team, "OP 6")
    retain = drafter.table(op5.id, delegations=["USA"], kind="retain")
    assert chair.accept(retain.id).taken_in_version == 1
    assert para(team).version_no == 1
    after = drafter.table(op5.id, delegations=["Japan", "EU"], kind="add-after", text="New text.")
    accepted = chair.accept(after.id)
    bis = DraftingService(team).paragraph("OP 5 bis")
    assert (bis.text, bis.sponsor, accepted.new_paragraph_id) == ("New text.", "Japan", bis.id)
    delete = drafter.table(op6.id, delegations=["G77 and China"], kind="delete")
    chair.accept(delete.id)
    assert para(team, "OP 6").status is Status.DELETED
    rejected = chair.reject(drafter.table(op5.id, delegations=["EU"], kind="retain").id)
    assert (rejected.status, rejected.decided_by) == (ProposalStatus.REJECTED, "chair")


def test_compromise_takes_in_some_and_leaves_the_others_open_and_stale(team) -> None:  # type: ignore[no-untyped-def]
    drafter, chair = ProposalsService(team, user="dora"), ProposalsService(team, user="chair")
    op5 = para(team)
    eu = drafter.table(
        op5.id, delegations=["EU", "Norway"], kind="amend", text="States should develop strategies."
    )
    usa = drafter.table(op5.id, delegations=["USA"], kind="amend", text="States should act.")
    g77 = drafter.table(op5.id, delegations=["G77 and China"], kind="delete")
    result = chair.compromise(
        op5.id, [eu.id, usa.id], base_version=1, text="States should develop strategies."
    )
    assert result.paragraph.text == "States should develop strategies."
    assert {p.id: p.status for p in result.taken} == {
        eu.id: ProposalStatus.ACCEPTED,
        usa.id: ProposalStatus.PARTLY_TAKEN,
    }
    assert [p.id for p in result.stale] == [g77.id]
    assert chair.proposal(g77.id).status is ProposalStatus.OPEN
    log = [
        (e.user, e.action, e.detail)
        for e in AuditService(team).log("OP 5")
        if e.action.startswith("proposal")
    ]
    assert ("dora", "proposal tabled", f"#{g77.id} G77 and China: delete") in log
    assert (
        "chair",
        "proposal partly taken",
        f"#{usa.id} USA in version 2, a compromise of #{eu.id}, #{usa.id}",
    ) in log
    assert (
        "chair",
        "proposal accepted",
        f"#{eu.id} EU, joined by Norway in version 2, a compromise of #{eu.id}, #{usa.id}",
    ) in log
    taken = chair.taken_in(None, None)
    assert sorted(p.id for p in taken[op5.id]) == [eu.id, usa.id]


def test_compromise_refusals_leave_everything_as_it_was(team) -> None:  # type: ignore[no-untyped-def]
    drafter, chair = ProposalsService(team, user="dora"), ProposalsService(team, user="chair")
    op5, op6 = para(team), para(team, "OP 6")
    a = drafter.table(op5.id, delegations=["EU"], kind="amend", text="A text.")
    b = drafter.table(op6.id, delegations=["EU"], kind="amend", text="B text.")
    with pytest.raises(ProposalError, match="not on the paragraph"):
        chair.compromise(op5.id, [a.id, b.id], base_version=1, text="C text.")
    drafter.withdraw(b.id)
    with pytest.raises(ProposalError, match="withdrawn"):
        chair.compromise(op6.id, [b.id], base_version=1, text="C text.")
    with pytest.raises(ConflictError):
        chair.compromise(op5.id, [a.id], base_version=7, text="C text.")
    with pytest.raises(ProposalError, match="names the proposals"):
        chair.compromise(op5.id, [], base_version=1, text="C text.")
    assert para(team).version_no == 1 and para(team, "OP 6").version_no == 1
    assert chair.proposal(a.id).status is ProposalStatus.OPEN


def test_tabling_needs_an_open_round(team) -> None:  # type: ignore[no-untyped-def]
    DraftingService(team, user="chair").freeze_round()
    with pytest.raises(FrozenRoundError):
        ProposalsService(team, user="dora").table(para(team).id, delegations=["EU"], kind="retain")


def test_open_at_a_frozen_round_stays_as_it_was(team) -> None:  # type: ignore[no-untyped-def]
    drafter, chair = ProposalsService(team, user="dora"), ProposalsService(team, user="chair")
    op5 = para(team)
    p = drafter.table(op5.id, delegations=["EU"], kind="retain")
    drafting = DraftingService(team, user="chair")
    drafting.freeze_round()
    drafting.open_round("Rev.1")
    chair.reject(p.id)
    assert [x.id for x in chair.open_at_round("First reading")[op5.uid]] == [p.id]
    assert chair.open_at_round("Rev.1") == {}

"""Roles per command and the audit trail, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from negotiator.domain.draftfile import parse_draft
from negotiator.domain.model import Status
from negotiator.services.audit import AuditService
from negotiator.services.drafting import DraftingService
from negotiator.services.errors import NegotiatorError, PermissionDenied
from negotiator.services.links import LinksService
from negotiator.services.sources import SourcesService
from negotiator.services.users import UsersService

MAPPING = (
    '"A mapping exercise": recommendations\n\nGeneral issues: messages\n\nBe concise. [AP 62(a)]\n'
)


@pytest.fixture
def team(db, sample_document, tmp_path):  # type: ignore[no-untyped-def]
    UsersService(db, user="chair").ensure_first_chair()
    users = UsersService(db, user="chair")
    users.add("dora", "drafter")
    users.add("olga", "observer")
    DraftingService(db, user="chair").create_declaration(sample_document, slug="kyoto", freeze=True)
    path = tmp_path / "m.txt"
    path.write_text(MAPPING, encoding="utf-8")
    SourcesService(db, user="chair").import_files([path])
    return db


def attempts(db, user: str):  # type: ignore[no-untyped-def]
    drafting = DraftingService(db, user=user)
    links = LinksService(db, user=user)

    def para():  # type: ignore[no-untyped-def]
        return drafting.paragraph("OP 21")

    return {
        "open round": lambda: drafting.open_round(f"Rev by {user}"),
        "edit": lambda: drafting.save_paragraph(
            para().id, base_version=para().version_no, text=f"text by {user}"
        ),
        "insert": lambda: drafting.insert_paragraph_after(para().id, "inserted"),
        "agree": lambda: drafting.save_paragraph(
            para().id, base_version=para().version_no, status=Status.AGREED
        ),
        "ad ref": lambda: drafting.save_paragraph(
            para().id, base_version=para().version_no, status=Status.AGREED_AD_REF
        ),
        "link": lambda: links.link("OP 21", ["AP 62(a)"]),
        "import round": lambda: drafting.import_round(
            parse_draft("## S\n\n1. x"), name=f"imp {user}"
        ),
        "add user": lambda: UsersService(db, user=user).add(f"new-{user}", "observer"),
    }


@pytest.mark.parametrize(
    ("user", "allowed"),
    [
        ("dora", {"edit", "insert", "ad ref", "link"}),
        ("olga", set()),
        ("mallory", set()),
    ],
)
def test_permissions_per_role(team, user: str, allowed: set[str]) -> None:  # type: ignore[no-untyped-def]
    DraftingService(team, user="chair").open_round("Rev.1")
    for name, attempt in attempts(team, user).items():
        if name in allowed:
            attempt()
        else:
            with pytest.raises((PermissionDenied, NegotiatorError)) as info:
                attempt()
            assert isinstance(info.value, PermissionDenied), (name, info.value)
            if user == "mallory":
                assert "not a member" in str(info.value) and "negotiator user add" in str(
                    info.value
                )
            else:
                assert f"{user} is" in str(info.value) and "only chairs" in str(info.value)


def test_chair_may_do_everything(team) -> None:  # type: ignore[no-untyped-def]
    DraftingService(team, user="chair").open_round("Rev.1")
    for name, attempt in attempts(team, "chair").items():
        if name in ("open round", "import round"):
            continue  # a round is already open
        attempt()
    para = DraftingService(team).paragraph("OP 21")
    assert (para.text, para.status) == ("text by chair", Status.AGREED_AD_REF)
    assert [lk.source.ref for lk in LinksService(team).links(para.id)] == ["AP 62(a)"]
    assert "new-chair" in [u.name for u in UsersService(team).users()]


def test_personal_database_has_no_roles(db, sample_document) -> None:  # type: ignore[no-untyped-def]
    drafting = DraftingService(db, user="anyone")
    drafting.create_declaration(sample_document, slug="k", freeze=False)
    p = drafting.paragraph("OP 21")
    drafting.save_paragraph(p.id, base_version=1, status=Status.AGREED)
    with pytest.raises(NegotiatorError, match="first member of a team is whoever registers it"):
        UsersService(db, user="anyone").add("bob", "drafter")


def test_audit_trail(team) -> None:  # type: ignore[no-untyped-def]
    DraftingService(team, user="chair").open_round("Rev.1")
    dora = DraftingService(team, user="dora")
    p = dora.paragraph("OP 22")
    dora.save_paragraph(p.id, base_version=1, text="Dora's text", sponsor="EU")
    LinksService(team, user="dora").link("OP 22", ["AP 62(a)"], note="why")
    LinksService(team, user="chair").unlink("OP 22", "AP 62(a)")
    DraftingService(team, user="chair").save_paragraph(p.id, base_version=2, status=Status.AGREED)
    DraftingService(team, user="chair").freeze_round()
    log = AuditService(team).log("OP 22")
    assert [(e.user, e.action, e.round_name) for e in log] == [
        ("chair", "created", "First reading"),
        ("dora", "edited", "Rev.1"),
        ("dora", "sponsor", "Rev.1"),
        ("dora", "linked", None),
        ("chair", "unlinked", None),
        ("chair", "status", "Rev.1"),
    ]
    assert log[-1].detail == "pending -> agreed" and log[3].detail == "AP 62(a) (why)"
    whole = AuditService(team).log()
    actions = [e.action for e in whole]
    for expected in (
        "user added",
        "round opened",
        "round frozen",
        "sources imported",
        "created",
        "edited",
    ):
        assert expected in actions
    assert [e.at for e in whole] == sorted(e.at for e in whole)


def test_only_a_chair_changes_an_agreed_paragraph(team) -> None:  # type: ignore[no-untyped-def]
    chair = DraftingService(team, user="chair")
    chair.open_round("Rev.1")
    p = chair.paragraph("OP 21")
    chair.save_paragraph(p.id, base_version=1, status=Status.AGREED)
    dora = DraftingService(team, user="dora")
    for change in (
        {"text": "Rewritten by a drafter."},
        {"sponsor": "EU"},
        {"status": Status.PENDING},
    ):
        with pytest.raises(PermissionDenied, match="only chairs may set a paragraph to agreed"):
            dora.save_paragraph(p.id, base_version=2, **change)  # type: ignore[arg-type]
    assert dora.paragraph("OP 21").version_no == 2
    chair.save_paragraph(p.id, base_version=2, text="Rewritten by the chair.")


def test_the_team_cannot_lose_its_last_chair(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NegotiatorError, match="first member of a team is whoever registers it"):
        UsersService(db, user="root").add("root", "observer")
    with pytest.raises(NegotiatorError, match="first member of a team"):
        UsersService(db, user="root").add("bob", "chair")
    users = UsersService(db, user="root")
    users.add("root", "chair")
    with pytest.raises(NegotiatorError, match="only chair"):
        users.set_role("root", "drafter")
    users.add("bob", "chair")
    users.set_role("root", "drafter")  # another chair remains
    assert {u.name: u.role.value for u in users.users()} == {"root": "drafter", "bob": "chair"}


def test_log_limit(team) -> None:  # type: ignore[no-untyped-def]
    everything = AuditService(team).log()
    assert AuditService(team).log(limit=0) == []
    assert AuditService(team).log(limit=2) == everything[-2:]

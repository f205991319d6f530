"""A database of schema 0006 (before proposals) upgrades with its data, and takes proposals."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text

from negotiator.services.drafting import DraftingService
from negotiator.services.proposals import ProposalsService
from negotiator.storage.db import Database


def test_database_of_0006_upgrades_with_data_and_takes_proposals(db_url: str) -> None:
    database = Database(db_url)
    database.upgrade("0006")
    now = datetime(2021, 3, 7, tzinfo=UTC)
    with database.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO declarations (id, slug, title, preface, first_number, "
                "number_preambular, created_at) VALUES (1, 'kyoto', 'Kyoto', '', 21, false, :t)"
            ),
            {"t": now},
        )
        conn.execute(
            text(
                "INSERT INTO rounds (id, declaration_id, seq, name, status, opened_at, opened_by) "
                "VALUES (1, 1, 1, 'First reading', 'open', :t, 'old')"
            ),
            {"t": now},
        )
        conn.execute(text("INSERT INTO sections (id, declaration_id, title) VALUES (1, 1, 'P')"))
        conn.execute(
            text(
                "INSERT INTO paragraphs (id, declaration_id, uid, kind, head_version, created_at) "
                "VALUES (1, 1, 'para_1', 'OP', 1, :t)"
            ),
            {"t": now},
        )
        conn.execute(
            text(
                "INSERT INTO paragraph_versions (paragraph_id, version_no, round_id, label, "
                "section_id, position, text, words, status, sponsor, author, created_at) VALUES "
                "(1, 1, 1, 'OP 21', 1, 1024, 'Develop [strategies]', 2, 'pending', 'EU', 'old', :t)"
            ),
            {"t": now},
        )
    database.ensure_schema()
    assert database.current_revision() == database.head_revision()
    para = DraftingService(database).paragraph("OP 21")
    assert (para.text, para.sponsor, para.version_no) == ("Develop [strategies]", "EU", 1)
    service = ProposalsService(database, user="old")
    service.add_delegation("EU")
    service.add_delegation("Norway")
    p = service.table(para.id, delegations=["EU", "Norway"], kind="amend", text="Develop plans")
    assert [(x.id, x.label, x.by, x.base_version) for x in service.proposals()] == [
        (p.id, "OP 21", "EU, joined by Norway", 1)
    ]
    database.downgrade("0006")
    assert DraftingService(database).paragraph("OP 21").text == "Develop [strategies]"
    database.dispose()

"""Models and migrations agree; upgrades keep data; out-of-date databases are handled."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from negotiator.services.drafting import DraftingService
from negotiator.storage.base import Base
from negotiator.storage.db import Database, SchemaOutOfDate, alembic_config

FIX = "fix: .venv/bin/alembic revision --autogenerate -m 'describe the change'"


def revisions(url: str) -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(url))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_schema_head_constant_is_alembic_head(tmp_path: Path) -> None:
    from negotiator.storage.db import SCHEMA_HEAD

    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert SCHEMA_HEAD == revisions(url)[-1], (
        "fix: set SCHEMA_HEAD in negotiator/storage/db.py to the new head"
    )


def test_models_and_migrations_agree(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    assert diff == [], f"the models differ from the migrations: {diff}\n{FIX}"


def test_upgrade_downgrade_round_trip(db_url: str) -> None:
    database = Database(db_url)
    database.upgrade()
    database.downgrade("base")
    assert database.current_revision() is None
    assert database.is_empty() or set(
        __import__("sqlalchemy").inspect(database.engine).get_table_names()
    ) <= {"alembic_version"}
    database.upgrade()
    assert database.current_revision() == database.head_revision()
    database.dispose()


def test_database_at_first_revision_upgrades_with_data(db_url: str) -> None:
    database = Database(db_url)
    first = revisions(db_url)[0]
    database.upgrade(first)
    now = datetime(2021, 3, 7, tzinfo=UTC)
    with database.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO declarations (id, slug, title, preface, first_number, number_preambular, created_at) VALUES (1, 'kyoto', 'Kyoto', '', 21, false, :t)"
            ),
            {"t": now},
        )
        conn.execute(
            text(
                "INSERT INTO rounds (id, declaration_id, seq, name, status, opened_at, opened_by) VALUES (1, 1, 1, 'First reading', 'open', :t, 'old')"
            ),
            {"t": now},
        )
        conn.execute(
            text("INSERT INTO sections (id, declaration_id, title) VALUES (1, 1, 'Pillar I')")
        )
        conn.execute(
            text(
                "INSERT INTO paragraphs (id, declaration_id, uid, kind, head_version, created_at) VALUES (1, 1, 'para_1', 'OP', 1, :t)"
            ),
            {"t": now},
        )
        conn.execute(
            text(
                "INSERT INTO paragraph_versions (paragraph_id, version_no, round_id, label, section_id, position, text, status, sponsor, author, created_at) VALUES (1, 1, 1, 'OP 21', 1, 1024, 'Develop [strategies]', 'agreed ad ref', 'EU', 'old', :t)"
            ),
            {"t": now},
        )
    backup = database.ensure_schema()
    assert database.current_revision() == database.head_revision()
    if database.is_sqlite and len(revisions(db_url)) > 1:
        assert backup is not None and backup.exists()
    assert DraftingService(database).rounds()[0].words == 2  # 0005 filled the word counts in
    para = DraftingService(database).paragraph("OP 21")
    assert (para.text, para.status.value, para.sponsor, para.section) == (
        "Develop [strategies]",
        "agreed ad ref",
        "EU",
        "Pillar I",
    )
    database.dispose()


def test_out_of_date_schema_refused_without_auto_upgrade(db_url: str) -> None:
    database = Database(db_url)
    database.upgrade(revisions(db_url)[0])
    if len(revisions(db_url)) > 1:
        with pytest.raises(SchemaOutOfDate, match="negotiator db upgrade"):
            database.ensure_schema(auto_upgrade=False)
    with database.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'fffffffff'"))
    with pytest.raises(SchemaOutOfDate, match="newer version"):
        database.ensure_schema()
    database.dispose()


def test_empty_database_is_created_even_without_auto_upgrade(db_url: str) -> None:
    database = Database(db_url)
    database.ensure_schema(auto_upgrade=False)
    assert database.current_revision() == database.head_revision()
    database.dispose()


def test_foreign_tables_refused(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'other.db'}")
    with database.engine.begin() as conn:
        conn.execute(text("CREATE TABLE stuff (x int)"))
    with pytest.raises(SchemaOutOfDate, match="not made by negotiator"):
        database.ensure_schema()


@pytest.mark.slow
def test_wheel_ships_migrations_and_drafts(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[2]
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(repo)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("negotiator-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "negotiator/_migrations/env.py" in names
    assert any(
        n.startswith("negotiator/_migrations/versions/") and n.endswith(".py") for n in names
    )
    assert "negotiator/_drafts/kyoto-pillar-1.md" in names


def test_team_of_revision_0005_keeps_its_history(db_url: str) -> None:
    from negotiator.services.audit import AuditService
    from negotiator.services.users import UsersService

    database = Database(db_url)
    database.upgrade("0005")
    when = datetime(2026, 1, 5, tzinfo=UTC)
    with database.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO declarations (id, slug, title, preface, first_number, number_preambular, created_at) VALUES (1, 'k', 'K', '', 1, false, :t)"
            ),
            {"t": when},
        )
        conn.execute(
            text(
                "INSERT INTO users (name, role, created_at, created_by) VALUES ('ana', 'chair', :t, 'ana'), ('bo', 'drafter', :t, 'ana')"
            ),
            {"t": when},
        )
    database.ensure_schema()
    log = [(e.user, e.action, e.target, e.detail) for e in AuditService(database).log()]
    assert log == [("ana", "user added", "ana", "chair"), ("ana", "user added", "bo", "drafter")]
    UsersService(database, user="ana").set_role("bo", "observer")
    assert (AuditService(database).log()[-1].action, AuditService(database).log()[-1].detail) == (
        "role changed",
        "observer",
    )
    database.dispose()

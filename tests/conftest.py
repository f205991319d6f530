"""Shared fixtures: a fresh real database per test, on SQLite and (when available) PostgreSQL.

PostgreSQL tests run when ``NEGOTIATOR_TEST_PG_URL`` names a server URL whose user may create
databases (``.ci/run`` starts one); each test gets a database of its own.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
PG_URL = os.environ.get("NEGOTIATOR_TEST_PG_URL")


@pytest.fixture(autouse=True)
def _hermetic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's real database or config."""
    monkeypatch.setenv("NEGOTIATOR_DB", f"sqlite:///{tmp_path / 'default.db'}")
    monkeypatch.setenv("NEGOTIATOR_USER", "tester")
    monkeypatch.delenv("NEGOTIATOR_DECLARATION", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


def _pg_database() -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"negotiator_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")  # type: ignore[arg-type]
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)  # type: ignore[arg-type]
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def backends() -> list:  # type: ignore[type-arg]
    return [
        pytest.param("sqlite", id="sqlite"),
        pytest.param(
            "postgresql",
            id="postgresql",
            marks=[
                pytest.mark.postgres,
                pytest.mark.skipif(
                    not PG_URL, reason="no PostgreSQL server: set NEGOTIATOR_TEST_PG_URL"
                ),
            ],
        ),
    ]


@pytest.fixture(params=backends())
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database URL: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
    else:
        yield from _pg_database()


@pytest.fixture
def db(db_url: str):  # type: ignore[no-untyped-def]
    """A migrated database (schema at head)."""
    from negotiator.storage.db import Database

    database = Database(db_url)
    database.ensure_schema()
    yield database
    database.dispose()


@pytest.fixture
def sample_document():  # type: ignore[no-untyped-def]
    from negotiator.domain.draftfile import parse_draft

    path = REPO / "drafts" / "kyoto-pillar-1.md"
    return parse_draft(path.read_text(encoding="utf-8"), str(path))


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the corpus is not at {CORPUS}")
    return CORPUS

"""Provides the engine and sessions for a database URL, and schema upgrade/verification.

SQLite is the embedded default; PostgreSQL the shared server.  On SQLite every write
transaction starts with ``BEGIN IMMEDIATE`` so that two writers serialise instead of failing
late, and the file runs in WAL mode so that readers never wait on a writer.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config


#: The newest migration's revision.  Lets the app check a database on start without importing
#: Alembic (slow); ``tests/storage/test_migrations.py`` keeps it equal to Alembic's head.
SCHEMA_HEAD = "0007"


class SchemaOutOfDate(RuntimeError):
    """The database's schema is older than this program's (or newer, or missing)."""


def migrations_dir() -> Path:
    """Where the Alembic scripts are: inside the installed package, or the source tree."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_migrations", here.parent / "migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError("the Alembic migrations are missing from this installation")


def alembic_config(url: str) -> Config:
    from alembic.config import Config  # lazy: Alembic is slow to import

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


class Database:
    """An engine and its session factory for one database URL."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.sqlite_path: Path | None = None
        kwargs: dict[str, Any] = {"echo": echo}
        if self.is_sqlite:
            if parsed.database and parsed.database != ":memory:":
                self.sqlite_path = Path(parsed.database)
                self.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine: Engine = create_engine(url, **kwargs)
        if self.is_sqlite:
            _configure_sqlite(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_engine = (
            self.engine.execution_options(negotiator_immediate=True)
            if self.is_sqlite
            else self.engine
        )
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)
        self.cache: dict[tuple[object, ...], object] = {}
        """Results computed from frozen rounds (immutable), kept for this database's lifetime."""

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write unit of work: one transaction, committed on success, rolled back on error."""
        with self._write_sessions.begin() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()

    # -- schema -------------------------------------------------------------------------
    def current_revision(self) -> str | None:
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def _stamped_revision(self) -> str | None:
        from sqlalchemy import text
        from sqlalchemy.exc import DBAPIError

        try:
            with self.engine.connect() as conn:
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except DBAPIError:
            return None  # no table yet

    def head_revision(self) -> str | None:
        from alembic.script import ScriptDirectory

        return ScriptDirectory.from_config(alembic_config(self.url)).get_current_head()

    def is_empty(self) -> bool:
        return not inspect(self.engine).get_table_names()

    def backup(self) -> Path | None:
        """Copy the SQLite file next to itself with a timestamp; returns the copy's path."""
        if not self.sqlite_path or not self.sqlite_path.exists():
            return None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        target = self.sqlite_path.with_name(f"{self.sqlite_path.name}.{stamp}.bak")
        with self.engine.connect() as conn:  # a consistent copy even in WAL mode
            raw = conn.connection.dbapi_connection
            import sqlite3

            assert isinstance(raw, sqlite3.Connection)
            dest = sqlite3.connect(target)
            try:
                raw.backup(dest)
            finally:
                dest.close()
        return target

    def upgrade(self, revision: str = "head") -> Path | None:
        """Bring the schema to ``revision``; an existing SQLite file is backed up first."""
        from alembic import command

        backup = None
        current = self.current_revision()
        if current is not None and current != self.head_revision():
            backup = self.backup()
        cfg = alembic_config(self.url)
        # On SQLite the write lock is taken first (BEGIN IMMEDIATE), so that two programs
        # starting together wait for each other; the second then finds nothing left to do.
        with self._write_engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
        return backup

    def downgrade(self, revision: str) -> None:
        from alembic import command

        cfg = alembic_config(self.url)
        with self.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)

    def ensure_schema(self, *, auto_upgrade: bool = True) -> Path | None:
        """On start: create or upgrade the schema, or refuse with the command that fixes it.

        Returns the backup taken before an upgrade, if any.

        Raises:
            SchemaOutOfDate: the schema is older and ``auto_upgrade`` is off, or newer than
                this program knows.
        """
        if self._stamped_revision() == SCHEMA_HEAD:
            return None  # the common case, decided without importing Alembic
        current, head = self.current_revision(), self.head_revision()
        if current == head:
            return None
        if current is not None:
            from alembic.script import ScriptDirectory
            from alembic.util import CommandError

            script = ScriptDirectory.from_config(alembic_config(self.url))
            try:
                known = script.get_revision(current) is not None
            except CommandError:
                known = False
            if not known:
                raise SchemaOutOfDate(
                    f"the database is at schema revision {current}, which this version of "
                    "negotiator does not know (it was written by a newer version); upgrade negotiator"
                )
        if current is None and not self.is_empty():
            raise SchemaOutOfDate(
                "the database has tables but no schema revision: it was not made by negotiator"
            )
        if not auto_upgrade and current is not None:  # an empty database is simply created
            raise SchemaOutOfDate(
                f"the database schema is out of date ({current} -> {head}); run: negotiator db upgrade"
            )
        return self.upgrade()


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, manage transactions (so BEGIN IMMEDIATE works).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        try:
            cur.execute("PRAGMA journal_mode=WAL")
        except Exception:  # pragma: no cover - e.g. a read-only directory
            pass
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("negotiator_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

"""paragraph_versions.words: the word count of each version, for the round figures

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 10:00:00

Data migration: adds the column as nullable, fills it for every existing version with the
same word counter the application uses, then makes it NOT NULL.  If it fails midway the
transaction rolls back (PostgreSQL) or the SQLite backup taken before the upgrade restores
the file; see migrations/README.md.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from negotiator.domain.text import count_words

    with op.batch_alter_table("paragraph_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("words", sa.Integer(), nullable=True))
    conn = op.get_bind()
    versions = sa.table("paragraph_versions", sa.column("id", sa.Integer), sa.column("text", sa.Text), sa.column("words", sa.Integer))
    rows = conn.execute(sa.select(versions.c.id, versions.c.text)).all()
    for start in range(0, len(rows), 1000):
        chunk = rows[start : start + 1000]
        conn.execute(
            versions.update().where(versions.c.id == sa.bindparam("vid")).values(words=sa.bindparam("n")),
            [{"vid": vid, "n": count_words(text)} for vid, text in chunk],
        )
    with op.batch_alter_table("paragraph_versions", schema=None) as batch_op:
        batch_op.alter_column("words", existing_type=sa.Integer(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("paragraph_versions", schema=None) as batch_op:
        batch_op.drop_column("words")

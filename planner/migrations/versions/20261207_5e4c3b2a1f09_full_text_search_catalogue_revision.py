"""full-text search of the catalogue; the catalogue's revision for caches

Revision ID: 5e4c3b2a1f09
Revises: 02ec6472dff2

catalogue_item gets search_title and search_body: its stemmed, accent-free words (see
planner/catalogue/search.py), filled here for the items there are. SQLite indexes them in the
FTS5 table catalogue_fts (external content, kept in step by triggers; a later migration that
rebuilds catalogue_item in batch mode must create the triggers again); PostgreSQL in a GIN
index on their weighted tsvector. catalogue_revision holds the token that every change to
the catalogue replaces, on which the workers' caches are keyed.
Create Date: 2026-12-07 23:45:00

"""

import json
import secrets

import sqlalchemy as sa
from alembic import op

from planner.catalogue.search import item_terms

# revision identifiers, used by Alembic.
revision = "5e4c3b2a1f09"
down_revision = "02ec6472dff2"
branch_labels = None
depends_on = None

PG_VECTOR = (
    "(setweight(to_tsvector('simple'::regconfig, search_title), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, search_body), 'D'))"
)
SQLITE_TRIGGERS = (
    """CREATE TRIGGER catalogue_fts_insert AFTER INSERT ON catalogue_item BEGIN
      INSERT INTO catalogue_fts(rowid, search_title, search_body)
      VALUES (new.id, new.search_title, new.search_body);
    END""",
    """CREATE TRIGGER catalogue_fts_delete AFTER DELETE ON catalogue_item BEGIN
      INSERT INTO catalogue_fts(catalogue_fts, rowid, search_title, search_body)
      VALUES ('delete', old.id, old.search_title, old.search_body);
    END""",
    """CREATE TRIGGER catalogue_fts_update AFTER UPDATE OF search_title, search_body
    ON catalogue_item BEGIN
      INSERT INTO catalogue_fts(catalogue_fts, rowid, search_title, search_body)
      VALUES ('delete', old.id, old.search_title, old.search_body);
      INSERT INTO catalogue_fts(rowid, search_title, search_body)
      VALUES (new.id, new.search_title, new.search_body);
    END""",
)


def upgrade():
    op.create_table(
        "catalogue_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_revision")),
    )
    op.add_column(
        "catalogue_item", sa.Column("search_title", sa.Text(), server_default="", nullable=False)
    )
    op.add_column(
        "catalogue_item", sa.Column("search_body", sa.Text(), server_default="", nullable=False)
    )
    connection = op.get_bind()
    connection.execute(
        sa.text("INSERT INTO catalogue_revision (id, token) VALUES (1, :token)"),
        {"token": secrets.token_hex(16)},
    )
    rows = connection.execute(sa.text("SELECT id, slug, data, body FROM catalogue_item")).all()
    for item_id, slug, data, body in rows:
        if isinstance(data, str):
            data = json.loads(data)
        title, rest = item_terms(slug, data, body or "")
        connection.execute(
            sa.text("UPDATE catalogue_item SET search_title = :t, search_body = :b WHERE id = :i"),
            {"t": title, "b": rest, "i": item_id},
        )
    if connection.dialect.name == "postgresql":
        op.execute(
            f"CREATE INDEX ix_catalogue_item_fulltext ON catalogue_item USING GIN ({PG_VECTOR})"
        )
    else:
        op.execute(
            "CREATE VIRTUAL TABLE catalogue_fts USING fts5(search_title, search_body, "
            "content='catalogue_item', content_rowid='id', tokenize='unicode61')"
        )
        op.execute("INSERT INTO catalogue_fts(catalogue_fts) VALUES ('rebuild')")
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)


def downgrade():
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        op.execute("DROP INDEX ix_catalogue_item_fulltext")
    else:
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER catalogue_fts_{name}")
        op.execute("DROP TABLE catalogue_fts")
    with op.batch_alter_table("catalogue_item") as batch_op:
        batch_op.drop_column("search_body")
        batch_op.drop_column("search_title")
    op.drop_table("catalogue_revision")

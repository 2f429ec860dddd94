"""AVL position history (raw table, written through asyncpg)

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE avl_positions (
            id          BIGSERIAL PRIMARY KEY,
            unit_id     INTEGER NOT NULL REFERENCES units(id),
            recorded_at TIMESTAMPTZ NOT NULL,
            lat         DOUBLE PRECISION NOT NULL,
            lon         DOUBLE PRECISION NOT NULL,
            speed_kph   REAL,
            heading     SMALLINT
        )
        """
    )
    op.execute("CREATE INDEX ix_avl_unit_recorded ON avl_positions (unit_id, recorded_at DESC)")
    op.execute("CREATE INDEX ix_incidents_address_prefix ON incidents (address text_pattern_ops)")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_incidents_address_prefix")
    op.execute("DROP TABLE avl_positions")

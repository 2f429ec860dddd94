"""access events and report runs

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "access_events",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("controller_serial", sa.String(64), nullable=False),
        sa.Column("controller_seq", sa.BigInteger, nullable=False),
        sa.Column("door_id", sa.Integer, sa.ForeignKey("doors.id"), nullable=False),
        sa.Column("credential_id", sa.BigInteger),
        sa.Column("badge_number", sa.String(32)),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("direction", sa.String(4), nullable=False, server_default="in"),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", postgresql.JSONB, nullable=False, server_default="{}"),
        sa.UniqueConstraint("controller_serial", "controller_seq", name="uq_access_events_ctrl_seq"),
    )
    op.create_index("ix_access_events_door_occurred", "access_events", ["door_id", "occurred_at"])
    op.create_index("ix_access_events_occurred", "access_events", ["occurred_at"])
    op.create_table(
        "report_runs",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="running"),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.UniqueConstraint("kind", "period", name="uq_report_runs_kind_period"),
    )


def downgrade() -> None:
    op.drop_table("report_runs")
    op.drop_table("access_events")

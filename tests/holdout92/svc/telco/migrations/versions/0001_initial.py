"""initial schema

Revision ID: 0001
Revises:
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "subscribers",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("msisdn", sa.String(15), nullable=False, unique=True),
        sa.Column("imsi", sa.String(15), nullable=False, unique=True),
        sa.Column("iccid", sa.String(22), nullable=False, unique=True),
        sa.Column("account_ref", sa.String(40), nullable=False),
        sa.Column("plan_code", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("payment_customer_ref", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_subscribers_status_plan", "subscribers", ["status", "plan_code"])

    op.create_table(
        "balances",
        sa.Column("subscriber_id", sa.BigInteger, sa.ForeignKey("subscribers.id"), primary_key=True),
        sa.Column("amount_cents", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("reserved_cents", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("data_allowance_kb", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.CheckConstraint("amount_cents - reserved_cents >= 0", name="ck_balances_not_negative"),
    )
    op.create_table(
        "reservations",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("subscriber_id", sa.BigInteger, sa.ForeignKey("subscribers.id"), nullable=False),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("amount_cents", sa.Integer, nullable=False),
        sa.Column("status", sa.String(12), nullable=False, server_default="held"),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_reservations_subscriber_status", "reservations", ["subscriber_id", "status"])
    op.create_index("ix_reservations_expires", "reservations", ["expires_at"])

    op.create_table(
        "port_requests",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("reference", sa.String(40), nullable=False, unique=True),
        sa.Column("direction", sa.String(4), nullable=False),
        sa.Column("msisdn", sa.String(15), nullable=False),
        sa.Column("donor", sa.String(8), nullable=False),
        sa.Column("recipient", sa.String(8), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
        sa.Column("deadline_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("subscriber_id", sa.BigInteger),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_port_requests_status_deadline", "port_requests", ["status", "deadline_at"])
    op.create_index("ix_port_requests_msisdn", "port_requests", ["msisdn"])


def downgrade() -> None:
    op.drop_table("port_requests")
    op.drop_table("reservations")
    op.drop_table("balances")
    op.drop_table("subscribers")

"""disputes, payouts, time tracking, tax exports

Revision ID: 0002
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "disputes",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("contract_id", sa.BigInteger, sa.ForeignKey("contracts.id")),
        sa.Column("milestone_id", sa.BigInteger, sa.ForeignKey("milestones.id")),
        sa.Column("client_id", sa.BigInteger, sa.ForeignKey("users.id")),
        sa.Column("freelancer_id", sa.BigInteger, sa.ForeignKey("users.id")),
        sa.Column("opened_by", sa.BigInteger, sa.ForeignKey("users.id")),
        sa.Column("mediator_id", sa.BigInteger, sa.ForeignKey("users.id")),
        sa.Column("reason", sa.Text),
        sa.Column("status", sa.String(16)),
        sa.Column("resolution", sa.String(32)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_disputes_contract_id", "disputes", ["contract_id"])
    op.create_index("ix_disputes_status", "disputes", ["status"])

    op.create_table(
        "dispute_evidence",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("dispute_id", sa.BigInteger, sa.ForeignKey("disputes.id")),
        sa.Column("uploaded_by", sa.BigInteger, sa.ForeignKey("users.id")),
        sa.Column("object_key", sa.String(512)),
        sa.Column("content_type", sa.String(100)),
        sa.Column("size_bytes", sa.Integer),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_dispute_evidence_dispute_id", "dispute_evidence", ["dispute_id"])

    op.create_table(
        "payout_accounts",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("user_id", sa.BigInteger, sa.ForeignKey("users.id")),
        sa.Column("method", sa.String(16)),
        sa.Column("external_ref", sa.String(128)),
        sa.Column("currency", sa.String(3)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_payout_accounts_user_id", "payout_accounts", ["user_id"], unique=True)

    op.create_table(
        "payouts",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("freelancer_id", sa.BigInteger, sa.ForeignKey("users.id")),
        sa.Column("milestone_id", sa.BigInteger, sa.ForeignKey("milestones.id")),
        sa.Column("gross_amount", sa.Numeric(12, 2)),
        sa.Column("fee_amount", sa.Numeric(12, 2)),
        sa.Column("net_amount", sa.Numeric(12, 2)),
        sa.Column("currency", sa.String(3)),
        sa.Column("payout_state", sa.String(16)),
        sa.Column("batch_id", sa.String(40)),
        sa.Column("scheduled_for", sa.DateTime(timezone=True)),
        sa.Column("paid_at", sa.DateTime(timezone=True)),
        sa.Column("partner_reference", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_payouts_freelancer_id", "payouts", ["freelancer_id"])
    op.create_index("ix_payouts_milestone_id", "payouts", ["milestone_id"], unique=True)

    op.create_table(
        "screenshot_batches",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("contract_id", sa.BigInteger, sa.ForeignKey("contracts.id")),
        sa.Column("freelancer_id", sa.BigInteger, sa.ForeignKey("users.id")),
        sa.Column("started_at", sa.DateTime(timezone=True)),
        sa.Column("ended_at", sa.DateTime(timezone=True)),
        sa.Column("frame_count", sa.Integer),
        sa.Column("archive_key", sa.String(512)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_screenshot_batches_contract_started", "screenshot_batches", ["contract_id", "started_at"])

    op.create_table(
        "time_entries",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("contract_id", sa.BigInteger, sa.ForeignKey("contracts.id", ondelete="CASCADE")),
        sa.Column("batch_id", sa.String(40), sa.ForeignKey("screenshot_batches.id")),
        sa.Column("work_day", sa.DateTime(timezone=True)),
        sa.Column("minutes", sa.Integer),
        sa.Column("activity_pct", sa.Integer),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_time_entries_contract_id_day", "time_entries", ["contract_id", "work_day"])

    op.create_table(
        "tax_exports",
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("path", sa.String(512)),
        sa.Column("form_count", sa.Integer),
        sa.Column("exported_at", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    for table in ("tax_exports", "time_entries", "screenshot_batches", "payouts", "payout_accounts",
                  "dispute_evidence", "disputes"):
        op.drop_table(table)

"""initial schema

Revision ID: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    ]


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("display_name", sa.String(120)),
        sa.Column("role", sa.String(16)),
        sa.Column("password_hash", sa.String(256)),
        sa.Column("password_salt", sa.String(64)),
        sa.Column("kyc_status", sa.String(16)),
        sa.Column("kyc_reference", sa.String(64)),
        sa.Column("country", sa.String(2)),
        sa.Column("tax_id_last4", sa.String(4)),
        sa.Column("is_active", sa.Boolean, server_default=sa.true()),
        *_timestamps(),
    )
    op.create_index("ix_users_email", "users", ["email"], unique=True)
    op.create_index("ix_users_role_kyc", "users", ["role", "kyc_status"])
    op.create_index("ix_users_kyc_reference", "users", ["kyc_reference"])

    op.create_table(
        "jobs",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("client_id", sa.BigInteger, sa.ForeignKey("users.id")),
        sa.Column("title", sa.String(200)),
        sa.Column("description", sa.Text),
        sa.Column("category", sa.String(64)),
        sa.Column("budget_min", sa.Numeric(12, 2)),
        sa.Column("budget_max", sa.Numeric(12, 2)),
        sa.Column("currency", sa.String(3)),
        sa.Column("status", sa.String(16)),
        *_timestamps(),
    )
    op.create_index("ix_jobs_client_id", "jobs", ["client_id"])
    op.create_index("ix_jobs_status_created", "jobs", ["status", "created_at"])

    op.create_table(
        "proposals",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("job_id", sa.BigInteger, sa.ForeignKey("jobs.id")),
        sa.Column("freelancer_id", sa.BigInteger, sa.ForeignKey("users.id")),
        sa.Column("bid_amount", sa.Numeric(12, 2)),
        sa.Column("cover_letter", sa.Text),
        sa.Column("status", sa.String(16)),
        sa.UniqueConstraint("job_id", "freelancer_id", name="uq_proposal_job_freelancer"),
        *_timestamps(),
    )
    op.create_index("ix_proposals_freelancer_id", "proposals", ["freelancer_id"])

    op.create_table(
        "contracts",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("job_id", sa.BigInteger, sa.ForeignKey("jobs.id")),
        sa.Column("proposal_id", sa.BigInteger, sa.ForeignKey("proposals.id"), unique=True),
        sa.Column("client_id", sa.BigInteger, sa.ForeignKey("users.id")),
        sa.Column("freelancer_id", sa.BigInteger, sa.ForeignKey("users.id")),
        sa.Column("currency", sa.String(3)),
        sa.Column("status", sa.String(16)),
        sa.Column("escrow_balance", sa.Numeric(12, 2), server_default="0"),
        *_timestamps(),
    )
    op.create_index("ix_contracts_client_id", "contracts", ["client_id"])
    op.create_index("ix_contracts_freelancer_id", "contracts", ["freelancer_id"])

    op.create_table(
        "milestones",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("contract_id", sa.BigInteger, sa.ForeignKey("contracts.id")),
        sa.Column("title", sa.String(200)),
        sa.Column("amount", sa.Numeric(12, 2)),
        sa.Column("status", sa.String(16)),
        sa.Column("payment_intent_id", sa.String(64), unique=True),
        sa.Column("approved_at", sa.DateTime(timezone=True)),
        sa.Column("released_at", sa.DateTime(timezone=True)),
        *_timestamps(),
    )
    op.create_index("ix_milestones_contract_id", "milestones", ["contract_id"])
    op.create_index("ix_milestones_status_approved_at", "milestones", ["status", "approved_at"])


def downgrade() -> None:
    for table in ("milestones", "contracts", "proposals", "jobs", "users"):
        op.drop_table(table)

"""initial schema

Revision ID: 0001
Revises:
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "senders",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("kyc_tier", sa.Integer, nullable=False, server_default="0"),
        sa.Column("pin_hash", sa.String(200)),
        sa.Column("is_pep", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.UniqueConstraint("email", name="uq_senders_email"),
    )
    op.create_index("ix_senders_country_tier", "senders", ["country", "kyc_tier"])

    op.create_table(
        "recipients",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("sender_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("senders.id", ondelete="CASCADE")),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("payout_method", sa.String(20), nullable=False),
        sa.Column("account_number", sa.String(64)),
        sa.Column("wallet_msisdn", sa.String(20)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_recipients_sender_id", "recipients", ["sender_id"])

    op.create_table(
        "quotes",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("sender_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("senders.id")),
        sa.Column("provider", sa.String(16), nullable=False),
        sa.Column("source_currency", sa.String(3), nullable=False),
        sa.Column("target_currency", sa.String(3), nullable=False),
        sa.Column("source_amount", sa.Numeric(18, 2), nullable=False),
        sa.Column("rate", sa.Numeric(18, 8), nullable=False),
        sa.Column("fee", sa.Numeric(18, 2), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_quotes_sender_id", "quotes", ["sender_id"])
    op.create_index("ix_quotes_status_expires_at", "quotes", ["status", "expires_at"])

    op.create_table(
        "transfers",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("sender_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("senders.id")),
        sa.Column("recipient_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("recipients.id")),
        sa.Column("quote_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("quotes.id"), unique=True),
        sa.Column("corridor", sa.String(8), nullable=False),
        sa.Column("source_amount", sa.Numeric(18, 2), nullable=False),
        sa.Column("target_amount", sa.Numeric(18, 2), nullable=False),
        sa.Column("fee", sa.Numeric(18, 2), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("payout_method", sa.String(20), nullable=False),
        sa.Column("partner_id", sa.String(32)),
        sa.Column("payment_intent_id", sa.String(64), unique=True),
        sa.Column("partner_reference", sa.String(64)),
        sa.Column("recipient_name", sa.String(200), nullable=False),
        sa.Column("poll_failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_transfers_sender_created", "transfers", ["sender_id", "created_at"])
    op.create_index("ix_transfers_status_updated", "transfers", ["status", "updated_at"])
    op.create_index("ix_transfers_corridor_created", "transfers", ["corridor", "created_at"])

    op.create_table(
        "ledger_accounts",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("transfer_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("transfers.id")),
        sa.Column("account_id", sa.String(64), sa.ForeignKey("ledger_accounts.id")),
        sa.Column("amount", sa.Numeric(18, 2), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("memo", sa.String(120), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.CheckConstraint("amount <> 0", name="ck_ledger_entries_nonzero"),
    )
    op.create_index("ix_ledger_entries_account_created", "ledger_entries", ["account_id", "created_at"])
    op.create_index("ix_ledger_entries_transfer_id", "ledger_entries", ["transfer_id"])

    op.create_table(
        "screening_cases",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("transfer_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("transfers.id")),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("assigned_to", sa.String(64)),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_screening_cases_status_created", "screening_cases", ["status", "created_at"])
    op.create_table(
        "screening_hits",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("case_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("screening_cases.id")),
        sa.Column("list_name", sa.String(64), nullable=False),
        sa.Column("matched_name", sa.String(200), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_screening_hits_case_id", "screening_hits", ["case_id"])


def downgrade() -> None:
    for table in ("screening_hits", "screening_cases", "ledger_entries", "ledger_accounts",
                  "transfers", "quotes", "recipients", "senders"):
        op.drop_table(table)

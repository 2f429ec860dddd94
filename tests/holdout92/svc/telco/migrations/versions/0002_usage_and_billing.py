"""usage records, bundles, invoices, roaming

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "usage_records",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("cdr_id", sa.String(64), nullable=False),
        sa.Column("subscriber_id", sa.BigInteger),
        sa.Column("msisdn", sa.String(15), nullable=False),
        sa.Column("record_type", sa.String(8), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_s", sa.Integer, server_default="0"),
        sa.Column("volume_kb", sa.BigInteger, server_default="0"),
        sa.Column("destination", sa.String(20)),
        sa.Column("partner_plmn", sa.String(6)),
        sa.Column("rated", sa.Boolean, server_default=sa.false()),
        sa.Column("amount_cents", sa.Integer, server_default="0"),
        sa.UniqueConstraint("cdr_id", name="uq_usage_records_cdr_id"),
    )
    op.create_index("ix_usage_records_subscriber_started", "usage_records", ["subscriber_id", "started_at"])
    op.create_index(
        "ix_usage_records_unrated", "usage_records", ["started_at"], postgresql_where=sa.text("rated = false")
    )

    op.create_table(
        "bundles",
        sa.Column("code", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("price_cents", sa.Integer, nullable=False),
        sa.Column("data_kb", sa.BigInteger, nullable=False),
        sa.Column("validity_days", sa.Integer, nullable=False),
        sa.Column("active", sa.Boolean, server_default=sa.true()),
    )
    op.create_table(
        "bundle_purchases",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("subscriber_id", sa.BigInteger, sa.ForeignKey("subscribers.id"), nullable=False),
        sa.Column("bundle_code", sa.String(32), sa.ForeignKey("bundles.code"), nullable=False),
        sa.Column("payment_ref", sa.String(64), nullable=False, unique=True),
        sa.Column("status", sa.String(12), server_default="pending"),
        sa.Column("expires_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_bundle_purchases_subscriber", "bundle_purchases", ["subscriber_id", "created_at"])

    op.create_table(
        "invoices",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("subscriber_id", sa.BigInteger, sa.ForeignKey("subscribers.id"), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("total_cents", sa.BigInteger, nullable=False),
        sa.Column("status", sa.String(12), server_default="draft"),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.UniqueConstraint("subscriber_id", "period", name="uq_invoices_subscriber_period"),
    )
    op.create_table(
        "threshold_notices",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("subscriber_id", sa.BigInteger, nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("threshold", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.UniqueConstraint("subscriber_id", "period", "threshold", name="uq_threshold_notices"),
    )
    op.create_table(
        "tariffs",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("plan_code", sa.String(32), nullable=False),
        sa.Column("record_type", sa.String(8), nullable=False),
        sa.Column("prefix", sa.String(12), nullable=False),
        sa.Column("unit_cents", sa.Integer, nullable=False),
        sa.Column("increment_s", sa.Integer, server_default="60"),
    )
    op.create_index("ix_tariffs_plan_type_prefix", "tariffs", ["plan_code", "record_type", "prefix"])
    op.create_table(
        "roaming_partners",
        sa.Column("plmn", sa.String(6), primary_key=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("voice_sdr_per_min", sa.Numeric(10, 4), nullable=False),
        sa.Column("data_sdr_per_mb", sa.Numeric(10, 4), nullable=False),
        sa.Column("sms_sdr", sa.Numeric(10, 4), nullable=False),
    )
    op.create_table(
        "settlement_files",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("partner_plmn", sa.String(6), nullable=False),
        sa.Column("period", sa.String(7), nullable=False),
        sa.Column("status", sa.String(12), server_default="pending"),
        sa.Column("checksum", sa.String(64)),
        sa.Column("receipt", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.UniqueConstraint("partner_plmn", "period", name="uq_settlement_partner_period"),
    )
    op.create_index("ix_settlement_files_status", "settlement_files", ["status"])


def downgrade() -> None:
    for table in ("settlement_files", "roaming_partners", "threshold_notices", "invoices",
                  "bundle_purchases", "bundles", "tariffs", "usage_records"):
        op.drop_table(table)

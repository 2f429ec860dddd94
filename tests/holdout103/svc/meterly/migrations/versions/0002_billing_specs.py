"""invoices, usage rollups, specs, dead letters

Revision ID: 0002_billing_specs
Revises: 0001_initial
Create Date: 2024-04-18 16:40:03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002_billing_specs"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "usage_rollups",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("tenant_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("api_key_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("hour", sa.DateTime(timezone=True), nullable=False),
        sa.Column("requests", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("errors", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("bytes_out", sa.BigInteger, nullable=False, server_default="0"),
        sa.UniqueConstraint("tenant_id", "api_key_id", "hour", name="uq_usage_rollups_key_hour"),
    )
    op.create_index("ix_usage_rollups_tenant_hour", "usage_rollups", ["tenant_id", "hour"])
    op.create_table(
        "invoices",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("tenant_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("tenants.id")),
        sa.Column("period_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("period_end", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="draft"),
        sa.Column("subtotal_cents", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("credit_applied_cents", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("total_cents", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("currency", sa.String(3), nullable=False, server_default="USD"),
        sa.Column("provider_invoice_id", sa.String(64)),
        sa.Column("lines", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.UniqueConstraint("tenant_id", "period_start", name="uq_invoices_tenant_period"),
    )
    op.create_index("ix_invoices_status_created", "invoices", ["status", "created_at"])
    op.create_table(
        "webhook_dead_letters",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("delivery_id", postgresql.UUID(as_uuid=True), nullable=False, unique=True),
        sa.Column("endpoint_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("replayed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_dead_letters_endpoint_created", "webhook_dead_letters", ["endpoint_id", "created_at"])
    op.create_table(
        "api_specs",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("tenant_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("tenants.id", ondelete="CASCADE")),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("storage_key", sa.Text, nullable=False),
        sa.Column("operation_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("warnings", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.UniqueConstraint("tenant_id", "name", "version", name="uq_api_specs_name_version"),
    )
    op.create_index("ix_api_specs_tenant_created", "api_specs", ["tenant_id", "created_at"])


def downgrade() -> None:
    op.drop_table("api_specs")
    op.drop_table("webhook_dead_letters")
    op.drop_table("invoices")
    op.drop_table("usage_rollups")

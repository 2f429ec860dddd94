"""initial schema

Revision ID: 0001_initial
Revises:
Create Date: 2023-03-02
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "0001_initial"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("loan_number", sa.String(20), nullable=False),
        sa.Column("loan_officer_id", sa.Integer, nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("loan_purpose", sa.String(16), nullable=False),
        sa.Column("loan_amount", sa.Numeric(14, 2), nullable=False),
        sa.Column("property_value", sa.Numeric(14, 2), nullable=False),
        sa.Column("property_state", sa.String(2), nullable=False),
        sa.Column("occupancy", sa.String(16), nullable=False),
        sa.Column("product_code", sa.String(32)),
        sa.Column("created_at", sa.DateTime(timezone=True)),
        sa.Column("updated_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_applications_officer_status", "applications", ["loan_officer_id", "status"])
    op.create_index("ix_applications_loan_number", "applications", ["loan_number"], unique=True)

    op.create_table(
        "borrowers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("application_id", sa.Integer, sa.ForeignKey("applications.id", ondelete="CASCADE")),
        sa.Column("role", sa.String(12)),
        sa.Column("first_name", sa.String(80)),
        sa.Column("last_name", sa.String(80)),
        sa.Column("ssn_token", sa.String(64)),
        sa.Column("email", sa.String(255)),
        sa.Column("monthly_income", sa.Numeric(12, 2)),
        sa.Column("aggregator_link_id", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True)),
        sa.Column("updated_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_borrowers_application_id", "borrowers", ["application_id"])

    op.create_table(
        "rate_locks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("application_id", sa.Integer, sa.ForeignKey("applications.id", ondelete="CASCADE")),
        sa.Column("quote_id", sa.Integer),
        sa.Column("status", sa.String(16)),
        sa.Column("locked_rate", sa.Numeric(6, 4)),
        sa.Column("locked_price", sa.Numeric(8, 4)),
        sa.Column("lock_days", sa.Integer),
        sa.Column("expires_at", sa.DateTime(timezone=True)),
        sa.Column("extension_count", sa.Integer, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True)),
        sa.Column("updated_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_rate_locks_application", "rate_locks", ["application_id"])

    op.create_table(
        "disclosures",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("application_id", sa.Integer, sa.ForeignKey("applications.id", ondelete="CASCADE")),
        sa.Column("kind", sa.String(8)),
        sa.Column("status", sa.String(16)),
        sa.Column("due_at", sa.DateTime(timezone=True)),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True)),
        sa.Column("updated_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_disclosures_application_kind", "disclosures", ["application_id", "kind"])

    op.create_table(
        "appraisals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("application_id", sa.Integer, sa.ForeignKey("applications.id", ondelete="CASCADE")),
        sa.Column("vendor", sa.String(32)),
        sa.Column("vendor_order_id", sa.String(64)),
        sa.Column("status", sa.String(24)),
        sa.Column("appraised_value", sa.Integer),
        sa.Column("last_event_at", sa.DateTime(timezone=True)),
        sa.Column("raw_events", postgresql.JSONB, server_default="[]"),
        sa.Column("created_at", sa.DateTime(timezone=True)),
        sa.Column("updated_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_appraisals_application", "appraisals", ["application_id"])
    op.create_unique_constraint("uq_appraisals_vendor_order", "appraisals", ["vendor_order_id"])


def downgrade() -> None:
    op.drop_table("appraisals")
    op.drop_table("disclosures")
    op.drop_table("rate_locks")
    op.drop_table("borrowers")
    op.drop_table("applications")

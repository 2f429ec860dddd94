"""maintenance contracts and technician location history

Revision ID: 0003
Revises: 0002
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "maintenance_contracts",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("account_id", sa.Integer, nullable=False),
        sa.Column("customer_id", sa.BigInteger, sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("site_id", sa.BigInteger, sa.ForeignKey("sites.id"), nullable=False),
        sa.Column("interval_days", sa.Integer, nullable=False),
        sa.Column("next_visit_on", sa.Date, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("visit_summary", sa.String(300), nullable=False),
    )
    op.create_index("ix_contracts_next_visit_on", "maintenance_contracts", ["next_visit_on"])

    op.create_table(
        "technician_locations",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("technician_id", sa.BigInteger, nullable=False),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lng", sa.Float, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index(
        "ix_technician_locations_tech_recorded",
        "technician_locations",
        ["technician_id", "recorded_at"],
    )
    # Retention purge scans by age across all technicians.
    op.create_index("ix_technician_locations_recorded_at", "technician_locations", ["recorded_at"])

    op.create_table(
        "catalog_items",
        sa.Column("supplier_sku", sa.String(64), primary_key=True),
        sa.Column("description", sa.String(300), nullable=False),
        sa.Column("cost", sa.Numeric(10, 2), nullable=False),
        sa.Column("available", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("catalog_items")
    op.drop_index("ix_technician_locations_recorded_at", "technician_locations")
    op.drop_index("ix_technician_locations_tech_recorded", "technician_locations")
    op.drop_table("technician_locations")
    op.drop_index("ix_contracts_next_visit_on", "maintenance_contracts")
    op.drop_table("maintenance_contracts")

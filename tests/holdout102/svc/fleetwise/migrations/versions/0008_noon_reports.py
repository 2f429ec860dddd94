"""noon reports and emission records.

Revision ID: 0008
Revises: 0007
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"


def upgrade() -> None:
    op.create_table(
        "noon_reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("vessel_id", sa.Integer, sa.ForeignKey("vessels.id"), nullable=False),
        sa.Column("voyage_id", sa.Integer, sa.ForeignKey("voyages.id"), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("distance_nm", sa.Float, nullable=False),
        sa.Column("fuel_hfo_t", sa.Float, server_default="0"),
        sa.Column("fuel_vlsfo_t", sa.Float, server_default="0"),
        sa.Column("fuel_mgo_t", sa.Float, server_default="0"),
        sa.Column("remarks", sa.Text),
        sa.Column("attachment_path", sa.String(255)),
    )
    op.create_index("ix_noon_reports_vessel_reported", "noon_reports", ["vessel_id", "reported_at"])
    op.create_table(
        "emission_records",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("vessel_id", sa.Integer, sa.ForeignKey("vessels.id"), nullable=False),
        sa.Column("period_day", sa.Date, nullable=False),
        sa.Column("co2_t", sa.Float, nullable=False),
        sa.Column("distance_nm", sa.Float, nullable=False),
        sa.Column("submitted", sa.Boolean, server_default=sa.false()),
        sa.UniqueConstraint("vessel_id", "period_day", name="uq_emission_vessel_day"),
    )


def downgrade() -> None:
    op.drop_table("emission_records")
    op.drop_table("noon_reports")

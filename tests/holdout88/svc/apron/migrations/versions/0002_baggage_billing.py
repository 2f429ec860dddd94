"""baggage, billing and delay reports

Revision ID: 0002_baggage_billing
Revises: 0001_initial
Create Date: 2024-04-18
"""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0002_baggage_billing"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"


def upgrade() -> None:
    op.create_table(
        "bags",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("tag_number", sa.String(10), nullable=False),
        sa.Column("flight_id", sa.Integer, sa.ForeignKey("flights.id"), nullable=False),
        sa.Column("onward_flight_id", sa.Integer, sa.ForeignKey("flights.id")),
        sa.Column("status", sa.String(12), nullable=False, server_default="CHECKED"),
        sa.Column("weight_kg", sa.Integer, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_bags_tag_number", "bags", ["tag_number"], unique=True)
    op.create_index("ix_bags_flight_id", "bags", ["flight_id"])
    op.create_index("ix_bags_onward_flight", "bags", ["onward_flight_id"])

    op.create_table(
        "bag_scans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("bag_id", sa.Integer, sa.ForeignKey("bags.id")),
        sa.Column("tag_number", sa.String(10), nullable=False),
        sa.Column("location", sa.String(24), nullable=False),
        sa.Column("device_id", sa.String(32), nullable=False),
        sa.Column("scanned_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_bag_scans_bag_time", "bag_scans", ["bag_id", "scanned_at"])

    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("airline_code", sa.String(3), nullable=False),
        sa.Column("service_day", sa.Date, nullable=False),
        sa.Column("status", sa.String(12), nullable=False, server_default="DRAFT"),
        sa.Column("total", sa.Numeric(12, 2), server_default="0"),
        sa.Column("external_ref", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_invoices_airline_day", "invoices", ["airline_code", "service_day"], unique=True)

    op.create_table(
        "invoice_lines",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("invoice_id", sa.Integer, sa.ForeignKey("invoices.id"), nullable=False),
        sa.Column("flight_id", sa.Integer, sa.ForeignKey("flights.id"), nullable=False),
        sa.Column("service_code", sa.String(12), nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False, server_default="1"),
        sa.Column("amount", sa.Numeric(10, 2), nullable=False),
    )
    op.create_index("ix_invoice_lines_invoice_id", "invoice_lines", ["invoice_id"])

    op.execute((SQL_DIR / "0002_delay_reports.sql").read_text(encoding="utf-8"))


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS delay_reports")
    for table in ("invoice_lines", "invoices", "bag_scans", "bags"):
        op.drop_table(table)

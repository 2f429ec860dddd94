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
        "branches",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("printer_name", sa.String(64), nullable=False),
    )
    op.create_table(
        "patients",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("chain_patient_no", sa.String(32), nullable=False, unique=True),
        sa.Column("first_name", sa.String(80), nullable=False),
        sa.Column("last_name", sa.String(80), nullable=False),
        sa.Column("date_of_birth", sa.Date, nullable=False),
        sa.Column("phone", sa.String(32)),
        sa.Column("sms_opt_in", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_patients_last_name_dob", "patients", ["last_name", "date_of_birth"])
    op.create_table(
        "allergies",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("patient_id", sa.Integer, sa.ForeignKey("patients.id", ondelete="CASCADE")),
        sa.Column("substance_code", sa.String(32), nullable=False),
        sa.Column("reaction", sa.String(200)),
    )
    op.create_index("ix_allergies_patient_id", "allergies", ["patient_id"])
    op.create_table(
        "prescriptions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("exchange_rx_id", sa.String(64), nullable=False, unique=True),
        sa.Column("patient_id", sa.Integer, sa.ForeignKey("patients.id"), nullable=False),
        sa.Column("branch_id", sa.Integer, sa.ForeignKey("branches.id"), nullable=False),
        sa.Column("prescriber_npi", sa.String(16), nullable=False),
        sa.Column("drug_code", sa.String(16), nullable=False),
        sa.Column("drug_name", sa.String(200)),
        sa.Column("sig_text", sa.Text, nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("days_supply", sa.Integer, nullable=False, server_default="30"),
        sa.Column("refills_remaining", sa.Integer, nullable=False, server_default="0"),
        sa.Column("controlled_schedule", sa.Integer),
        sa.Column("status", sa.String(24), nullable=False, server_default="received"),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_prescriptions_branch_status", "prescriptions", ["branch_id", "status"])
    op.create_index("ix_prescriptions_patient_id", "prescriptions", ["patient_id"])
    op.create_index("ix_prescriptions_received_at", "prescriptions", ["received_at"])
    op.create_table(
        "stock_lots",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("branch_id", sa.Integer, sa.ForeignKey("branches.id"), nullable=False),
        sa.Column("drug_code", sa.String(16), nullable=False),
        sa.Column("lot_no", sa.String(32), nullable=False),
        sa.Column("expiry_date", sa.Date, nullable=False),
        sa.Column("quantity", sa.Integer, nullable=False),
        sa.Column("quarantined", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("reorder_point", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("branch_id", "drug_code", "lot_no", name="uq_stock_lots_branch_drug_lot"),
    )
    op.create_index("ix_stock_lots_branch_drug", "stock_lots", ["branch_id", "drug_code"])
    op.create_index("ix_stock_lots_expiry_date", "stock_lots", ["expiry_date"])
    op.create_table(
        "dispense_queue",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("prescription_id", sa.Integer, sa.ForeignKey("prescriptions.id"), nullable=False),
        sa.Column("branch_id", sa.Integer, sa.ForeignKey("branches.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("state", sa.String(16), nullable=False, server_default="waiting"),
        sa.Column("lot_id", sa.Integer, sa.ForeignKey("stock_lots.id")),
        sa.Column("verified_by", sa.String(32)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_dispense_queue_branch_state", "dispense_queue", ["branch_id", "state"])


def downgrade() -> None:
    for table in ("dispense_queue", "stock_lots", "prescriptions", "allergies", "patients", "branches"):
        op.drop_table(table)

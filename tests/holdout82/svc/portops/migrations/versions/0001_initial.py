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
        "vessels",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("imo", sa.String(10), nullable=False, unique=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("loa_m", sa.Numeric(6, 2), nullable=False),
        sa.Column("operator_code", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_vessels_operator_code", "vessels", ["operator_code"])
    op.create_table(
        "berths",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(12), nullable=False, unique=True),
        sa.Column("length_m", sa.Numeric(7, 2), nullable=False),
        sa.Column("occupied_m", sa.Numeric(7, 2), nullable=False, server_default="0"),
        sa.Column("max_draft_m", sa.Numeric(5, 2), nullable=False),
    )
    op.create_table(
        "vessel_calls",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("vessel_id", sa.Integer, sa.ForeignKey("vessels.id"), nullable=False),
        sa.Column("berth_id", sa.Integer, sa.ForeignKey("berths.id")),
        sa.Column("voyage", sa.String(20), nullable=False),
        sa.Column("eta", sa.DateTime(timezone=True), nullable=False),
        sa.Column("etd", sa.DateTime(timezone=True)),
        sa.Column("status", sa.String(16), nullable=False, server_default="PLANNED"),
        sa.Column("planned_moves", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_vessel_calls_berth_eta", "vessel_calls", ["berth_id", "eta"])
    op.create_index("ix_vessel_calls_status", "vessel_calls", ["status"])
    op.create_table(
        "containers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(11), nullable=False, unique=True),
        sa.Column("iso_type", sa.String(4), nullable=False),
        sa.Column("gross_kg", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="EXPECTED"),
        sa.Column("vessel_call_id", sa.Integer, sa.ForeignKey("vessel_calls.id")),
        sa.Column("pod", sa.String(5)),
        sa.Column("line_operator", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_containers_number", "containers", ["number"], unique=True)
    op.create_index("ix_containers_call_status", "containers", ["vessel_call_id", "status"])
    op.create_table(
        "gate_appointments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("haulier_code", sa.String(10), nullable=False),
        sa.Column("container_number", sa.String(11), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(12), nullable=False, server_default="BOOKED"),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_gate_appointments_window", "gate_appointments", ["window_start", "status"])
    op.create_index("ix_gate_appointments_haulier_code", "gate_appointments", ["haulier_code"])
    op.create_table(
        "gate_transactions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("appointment_id", sa.Integer, sa.ForeignKey("gate_appointments.id")),
        sa.Column("lane", sa.Integer, nullable=False),
        sa.Column("truck_plate", sa.String(16), nullable=False),
        sa.Column("container_number", sa.String(11)),
        sa.Column("direction", sa.String(8), nullable=False),
        sa.Column("status", sa.String(12), nullable=False, server_default="OPEN"),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_gate_tx_lane_started", "gate_transactions", ["lane", "started_at"])


def downgrade() -> None:
    for table in ("gate_transactions", "gate_appointments", "containers", "vessel_calls", "berths", "vessels"):
        op.drop_table(table)

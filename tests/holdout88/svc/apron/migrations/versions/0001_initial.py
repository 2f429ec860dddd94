"""initial schema: flights, stands, allocations, turnaround tasks, staff, roster

Revision ID: 0001_initial
Revises:
Create Date: 2024-03-04
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "flights",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("airline_code", sa.String(3), nullable=False),
        sa.Column("flight_number", sa.String(8), nullable=False),
        sa.Column("op_date", sa.Date, nullable=False),
        sa.Column("airport", sa.String(3), nullable=False),
        sa.Column("sta", sa.DateTime(timezone=True)),
        sa.Column("std", sa.DateTime(timezone=True)),
        sa.Column("eta", sa.DateTime(timezone=True)),
        sa.Column("etd", sa.DateTime(timezone=True)),
        sa.Column("aircraft_type", sa.String(4), nullable=False),
        sa.Column("registration", sa.String(10)),
        sa.Column("status", sa.String(12), nullable=False, server_default="SCHEDULED"),
        sa.Column("turnaround_minutes", sa.Integer, nullable=False, server_default="45"),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.UniqueConstraint("airline_code", "flight_number", "op_date", name="uq_flight_key"),
    )
    op.create_index("ix_flights_airport_std", "flights", ["airport", "std"])
    op.create_index("ix_flights_registration", "flights", ["registration"])

    op.create_table(
        "stands",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("airport", sa.String(3), nullable=False),
        sa.Column("code", sa.String(6), nullable=False),
        sa.Column("size_class", sa.String(1), nullable=False),
        sa.Column("contact", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("x", sa.Integer, server_default="0"),
        sa.Column("y", sa.Integer, server_default="0"),
    )
    op.create_index("ix_stands_airport_code", "stands", ["airport", "code"], unique=True)

    op.create_table(
        "stand_allocations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("stand_id", sa.Integer, sa.ForeignKey("stands.id"), nullable=False),
        sa.Column("flight_id", sa.Integer, sa.ForeignKey("flights.id"), nullable=False),
        sa.Column("on_block", sa.DateTime(timezone=True), nullable=False),
        sa.Column("off_block", sa.DateTime(timezone=True), nullable=False),
        sa.Column("allocated_by", sa.String(32), server_default="system"),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_alloc_stand_window", "stand_allocations", ["stand_id", "on_block", "off_block"])
    op.create_index("ix_alloc_flight", "stand_allocations", ["flight_id"], unique=True)

    op.create_table(
        "staff",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("badge", sa.String(12), nullable=False, unique=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("airport", sa.String(3), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("phone", sa.String(20)),
        sa.Column("pin_hash", sa.String(128)),
    )
    op.create_index("ix_staff_airport", "staff", ["airport"])

    op.create_table(
        "turnaround_tasks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("flight_id", sa.Integer, sa.ForeignKey("flights.id"), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(12), nullable=False, server_default="OPEN"),
        sa.Column("deadline_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("assignee_id", sa.Integer, sa.ForeignKey("staff.id")),
        sa.Column("started_at", sa.DateTime(timezone=True)),
        sa.Column("completed_at", sa.DateTime(timezone=True)),
        sa.Column("breach_notified", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_turnaround_tasks_flight_id", "turnaround_tasks", ["flight_id"])
    op.create_index("ix_tasks_status_deadline", "turnaround_tasks", ["status", "deadline_at"])

    op.create_table(
        "roster_shifts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("staff_id", sa.Integer, sa.ForeignKey("staff.id"), nullable=False),
        sa.Column("airport", sa.String(3), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("published", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_shifts_airport_start", "roster_shifts", ["airport", "starts_at"])

    op.create_table(
        "shift_swaps",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("from_shift_id", sa.Integer, sa.ForeignKey("roster_shifts.id"), nullable=False),
        sa.Column("to_shift_id", sa.Integer, sa.ForeignKey("roster_shifts.id"), nullable=False),
        sa.Column("status", sa.String(10), nullable=False, server_default="PENDING"),
        sa.Column("decided_by", sa.Integer, sa.ForeignKey("staff.id")),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )

    op.create_table(
        "staff_availability",
        sa.Column("staff_id", sa.Integer, sa.ForeignKey("staff.id"), primary_key=True),
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("available", sa.Boolean, nullable=False),
    )


def downgrade() -> None:
    for table in ("staff_availability", "shift_swaps", "roster_shifts", "turnaround_tasks", "staff",
                  "stand_allocations", "stands", "flights"):
        op.drop_table(table)

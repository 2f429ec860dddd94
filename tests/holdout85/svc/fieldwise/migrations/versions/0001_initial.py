"""initial schema

Revision ID: 0001
Revises:
Create Date: 2023-02-11 09:14:02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "farms",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("owner_id", sa.Integer, nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False, server_default="UTC"),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_farms_owner_id", "farms", ["owner_id"])
    op.create_table(
        "fields",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("farm_id", sa.Integer, sa.ForeignKey("farms.id", ondelete="CASCADE"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("crop_type", sa.String(64)),
        sa.Column("area_ha", sa.Float, server_default="0"),
        sa.Column("boundary_geojson", sa.JSON),
        sa.Column("centroid_lat", sa.Float),
        sa.Column("centroid_lon", sa.Float),
        sa.Column("water_budget_l", sa.Numeric(14, 2), server_default="0"),
    )
    op.create_index("ix_fields_farm_id_name", "fields", ["farm_id", "name"])
    op.create_table(
        "sensors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("field_id", sa.Integer, sa.ForeignKey("fields.id"), nullable=False),
        sa.Column("serial", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("depth_cm", sa.Integer),
        sa.Column("installed_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_sensors_field_id", "sensors", ["field_id"])
    op.create_table(
        "irrigation_schedules",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("field_id", sa.Integer, sa.ForeignKey("fields.id"), nullable=False),
        sa.Column("valve_id", sa.String(64), nullable=False),
        sa.Column("next_run_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_min", sa.Integer, nullable=False),
        sa.Column("liters", sa.Numeric(12, 2), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
    )
    op.create_index("ix_irrigation_schedules_field_id", "irrigation_schedules", ["field_id"])
    op.create_index(
        "ix_irrigation_schedules_status_next_run", "irrigation_schedules", ["status", "next_run_at"]
    )
    op.create_table(
        "irrigation_events",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("schedule_id", sa.Integer, sa.ForeignKey("irrigation_schedules.id")),
        sa.Column("field_id", sa.Integer, sa.ForeignKey("fields.id"), nullable=False),
        sa.Column("valve_id", sa.String(64), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("liters", sa.Numeric(12, 2), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
    )


def downgrade() -> None:
    for table in ("irrigation_events", "irrigation_schedules", "sensors", "fields", "farms"):
        op.drop_table(table)

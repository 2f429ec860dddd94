"""sensor readings, imagery, yields, alerts, equipment

Revision ID: 0002
Revises: 0001
Create Date: 2023-04-02 16:40:51
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "sensor_readings",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("sensor_id", sa.Integer, sa.ForeignKey("sensors.id"), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("moisture_pct", sa.Float),
        sa.Column("temperature_c", sa.Float),
        sa.Column("humidity_pct", sa.Float),
        sa.Column("rain_mm", sa.Float),
    )
    op.create_index("ix_sensor_readings_sensor_recorded", "sensor_readings", ["sensor_id", "recorded_at"])
    op.create_table(
        "imagery_scenes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("field_id", sa.Integer, sa.ForeignKey("fields.id"), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("captured_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("storage_path", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="uploaded"),
        sa.Column("ndvi_mean", sa.Float),
    )
    op.create_index("ix_imagery_scenes_field_captured", "imagery_scenes", ["field_id", "captured_at"])
    op.create_table(
        "yield_reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("farm_id", sa.Integer, sa.ForeignKey("farms.id"), nullable=False),
        sa.Column("field_id", sa.Integer, sa.ForeignKey("fields.id"), nullable=False),
        sa.Column("crop_id", sa.Integer, sa.ForeignKey("crops.id"), nullable=False),
        sa.Column("season_year", sa.Integer, nullable=False),
        sa.Column("tonnes", sa.Float, nullable=False),
        sa.Column("moisture_pct", sa.Float),
    )
    op.create_index("ix_yield_reports_farm_year", "yield_reports", ["farm_id", "season_year"])
    op.create_table(
        "alerts",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("farm_id", sa.Integer, sa.ForeignKey("farms.id"), nullable=False),
        sa.Column("field_id", sa.Integer, sa.ForeignKey("fields.id")),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("dedupe_key", sa.String(128), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_alerts_farm_created", "alerts", ["farm_id", "created_at"])


def downgrade() -> None:
    for table in ("alerts", "yield_reports", "imagery_scenes", "sensor_readings"):
        op.drop_table(table)

"""initial schema

Revision ID: 0001_initial
Revises:
Create Date: 2023-03-02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "branches",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("region", sa.String(32), nullable=False),
        sa.Column("timezone", sa.String(40), nullable=False),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("one_way_fee_cents", sa.Integer, nullable=False, server_default="0"),
        sa.Column("garage_id", sa.String(32)),
    )
    op.create_index("ix_branches_region", "branches", ["region"])

    op.create_table(
        "vehicles",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("vin", sa.String(17), nullable=False, unique=True),
        sa.Column("plate", sa.String(12), nullable=False),
        sa.Column("branch_id", sa.String(16), sa.ForeignKey("branches.id"), nullable=False),
        sa.Column("vehicle_class", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="available"),
        sa.Column("fuel_type", sa.String(8), nullable=False, server_default="petrol"),
        sa.Column("tank_litres", sa.Float, nullable=False, server_default="50"),
        sa.Column("battery_kwh", sa.Float, nullable=False, server_default="0"),
        sa.Column("fuel_pct", sa.Float, nullable=False, server_default="100"),
        sa.Column("odometer_km", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_service_km", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_lat", sa.Float),
        sa.Column("last_lon", sa.Float),
        sa.Column("position_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_vehicles_branch_class_status", "vehicles", ["branch_id", "vehicle_class", "status"])
    op.create_index(
        "ix_vehicles_plate_prefix", "vehicles", ["plate"], postgresql_ops={"plate": "text_pattern_ops"}
    )

    op.create_table(
        "customers",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("email", sa.String(254), nullable=False, unique=True),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("phone", sa.String(32)),
        sa.Column("push_token", sa.String(255)),
        sa.Column("licence_number", sa.String(40)),
        sa.Column("licence_country", sa.String(2)),
        sa.Column("kyc_status", sa.String(16), nullable=False, server_default="none"),
        sa.Column("kyc_check_id", sa.String(64)),
        sa.Column("credit_cents", sa.Integer, nullable=False, server_default="0"),
        sa.Column("pin_hash", sa.String(200)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_customers_kyc_status", "customers", ["kyc_status"])

    op.create_table(
        "reservations",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("code", sa.String(10), nullable=False, unique=True),
        sa.Column("customer_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("vehicle_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("vehicles.id")),
        sa.Column("vehicle_class", sa.String(16), nullable=False),
        sa.Column("pickup_branch_id", sa.String(16), sa.ForeignKey("branches.id"), nullable=False),
        sa.Column("return_branch_id", sa.String(16), sa.ForeignKey("branches.id"), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("picked_up_at", sa.DateTime(timezone=True)),
        sa.Column("returned_at", sa.DateTime(timezone=True)),
        sa.Column("status", sa.String(12), nullable=False, server_default="pending"),
        sa.Column("quoted_total_cents", sa.Integer, nullable=False),
        sa.Column("surcharge_cents", sa.Integer, nullable=False, server_default="0"),
        sa.Column("deposit_cents", sa.Integer, nullable=False),
        sa.Column("deposit_hold_id", sa.String(64)),
        sa.Column("deposit_status", sa.String(12), nullable=False, server_default="none"),
        sa.Column("deposit_release_at", sa.DateTime(timezone=True)),
        sa.Column("fuel_out_pct", sa.Float),
        sa.Column("fuel_in_pct", sa.Float),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.CheckConstraint("ends_at > starts_at", name="ck_reservations_window"),
    )
    op.create_index("ix_reservations_vehicle_window", "reservations", ["vehicle_id", "starts_at", "ends_at"])
    op.create_index("ix_reservations_customer_created", "reservations", ["customer_id", "created_at"])
    op.create_index("ix_reservations_deposit_release", "reservations", ["deposit_status", "deposit_release_at"])
    op.create_index("ix_reservations_pickup_branch_start", "reservations", ["pickup_branch_id", "starts_at"])

    op.create_table(
        "inspections",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("reservation_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("reservations.id"), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("inspector", sa.String(64), nullable=False),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("damage_found", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_inspections_reservation_id", "inspections", ["reservation_id"])

    op.create_table(
        "inspection_photos",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column(
            "inspection_id",
            postgresql.UUID(as_uuid=True),
            sa.ForeignKey("inspections.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("storage_key", sa.String(255), nullable=False),
        sa.Column("thumb_key", sa.String(255), nullable=False),
        sa.Column("size_bytes", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_inspection_photos_inspection_id", "inspection_photos", ["inspection_id"])

    op.create_table(
        "maintenance_jobs",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("vehicle_id", postgresql.UUID(as_uuid=True), sa.ForeignKey("vehicles.id"), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False, server_default="service"),
        sa.Column("status", sa.String(12), nullable=False, server_default="booked"),
        sa.Column("garage_id", sa.String(32), nullable=False),
        sa.Column("slot_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_maintenance_vehicle_status", "maintenance_jobs", ["vehicle_id", "status"])
    op.create_index("ix_maintenance_garage_slot", "maintenance_jobs", ["garage_id", "slot_at"])


def downgrade() -> None:
    for table in ("maintenance_jobs", "inspection_photos", "inspections", "reservations", "customers", "vehicles", "branches"):
        op.drop_table(table)

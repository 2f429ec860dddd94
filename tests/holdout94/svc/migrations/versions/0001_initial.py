"""initial CAD schema

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
        "incidents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("number", sa.String(20), nullable=False, unique=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("priority", sa.Integer, nullable=False),
        sa.Column("nature_code", sa.String(16), nullable=False),
        sa.Column("nfirs_type", sa.String(8)),
        sa.Column("agency", sa.String(16), nullable=False),
        sa.Column("address", sa.Text),
        sa.Column("verified", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_incidents_status_created", "incidents", ["status", "created_at"])
    op.create_index("ix_incidents_agency_status", "incidents", ["agency", "status"])
    op.create_index("ix_incidents_created_at", "incidents", ["created_at"])
    op.create_index("ix_incidents_closed_at", "incidents", ["closed_at"])

    op.create_table(
        "units",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("callsign", sa.String(16), nullable=False, unique=True),
        sa.Column("unit_type", sa.String(8), nullable=False),
        sa.Column("station_code", sa.String(8), nullable=False),
        sa.Column("agency", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_changed_at", sa.DateTime(timezone=True)),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("last_avl_at", sa.DateTime(timezone=True)),
        sa.Column("mdt_pin_hash", sa.String(128)),
        sa.Column("mdt_pin_salt", sa.String(64)),
    )
    op.create_index("ix_units_status_type", "units", ["status", "unit_type"])
    op.create_index("ix_units_station", "units", ["station_code"])

    op.create_table(
        "calls",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("gateway_call_id", sa.String(64), nullable=False, unique=True),
        sa.Column("ani", sa.String(20), nullable=False),
        sa.Column("ali_address", sa.Text),
        sa.Column("ali_lat", sa.Float),
        sa.Column("ali_lon", sa.Float),
        sa.Column("class_of_service", sa.String(8)),
        sa.Column("incident_id", sa.Integer, sa.ForeignKey("incidents.id")),
        sa.Column("received_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_calls_ani_received", "calls", ["ani", "received_at"])
    op.create_index("ix_calls_incident", "calls", ["incident_id"])

    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("incident_id", sa.Integer, sa.ForeignKey("incidents.id"), nullable=False),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("ack_deadline", sa.DateTime(timezone=True), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True)),
        sa.Column("arrived_at", sa.DateTime(timezone=True)),
        sa.Column("escalation_level", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_assignments_incident", "assignments", ["incident_id"])
    op.create_index("ix_assignments_unit_status", "assignments", ["unit_id", "status"])
    op.create_index("ix_assignments_assigned_at", "assignments", ["assigned_at"])

    op.create_table(
        "hospitals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("diversion_status", sa.String(16), nullable=False),
        sa.Column("diversion_reason", sa.String(120)),
        sa.Column("updated_at", sa.DateTime(timezone=True)),
    )

    op.create_table(
        "mutual_aid_requests",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("incident_id", sa.Integer, sa.ForeignKey("incidents.id"), nullable=False),
        sa.Column("remote_ref", sa.String(64)),
        sa.Column("local_ref", sa.String(40), nullable=False, unique=True),
        sa.Column("resource_type", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_mutual_aid_incident", "mutual_aid_requests", ["incident_id"])


def downgrade() -> None:
    for table in ("mutual_aid_requests", "hospitals", "assignments", "calls", "units", "incidents"):
        op.drop_table(table)

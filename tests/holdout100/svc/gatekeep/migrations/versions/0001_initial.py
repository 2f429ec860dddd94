"""sites, buildings, zones, controllers, doors, credentials, visitors

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
        "sites",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False, server_default="UTC"),
    )
    op.create_table(
        "buildings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("site_id", sa.Integer, sa.ForeignKey("sites.id"), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("max_occupancy", sa.Integer),
    )
    op.create_index("ix_buildings_site_id", "buildings", ["site_id"])
    op.create_table(
        "zones",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("building_id", sa.Integer, sa.ForeignKey("buildings.id"), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("max_occupancy", sa.Integer, nullable=False, server_default="0"),
        sa.Column("passback_mode", sa.String(8), nullable=False, server_default="off"),
    )
    op.create_index("ix_zones_building_id", "zones", ["building_id"])
    op.create_table(
        "controllers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("building_id", sa.Integer, sa.ForeignKey("buildings.id"), nullable=False),
        sa.Column("serial", sa.String(64), nullable=False),
        sa.Column("transport", sa.String(8), nullable=False, server_default="mqtt"),
        sa.Column("firmware", sa.String(32), nullable=False, server_default=""),
        sa.Column("last_seen_at", sa.DateTime(timezone=True)),
        sa.Column("credential_revision", sa.BigInteger, nullable=False, server_default="0"),
        sa.UniqueConstraint("serial", name="uq_controllers_serial"),
    )
    op.create_index("ix_controllers_building_id", "controllers", ["building_id"])
    op.create_table(
        "doors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("building_id", sa.Integer, sa.ForeignKey("buildings.id"), nullable=False),
        sa.Column("zone_id", sa.Integer, sa.ForeignKey("zones.id"), nullable=False),
        sa.Column("controller_id", sa.Integer, sa.ForeignKey("controllers.id"), nullable=False),
        sa.Column("channel", sa.Integer, nullable=False, server_default="1"),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("direction", sa.String(4), nullable=False, server_default="in"),
        sa.Column("held_open_alarm_s", sa.Integer, nullable=False, server_default="30"),
    )
    op.create_index("ix_doors_building_id", "doors", ["building_id"])
    op.create_index("ix_doors_controller_id", "doors", ["controller_id"])
    op.create_index("ix_doors_zone_id", "doors", ["zone_id"])
    op.execute("CREATE SEQUENCE IF NOT EXISTS credential_revision_seq")
    op.create_table(
        "credentials",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("badge_number", sa.String(32), nullable=False),
        sa.Column("holder_kind", sa.String(16), nullable=False),
        sa.Column("holder_id", sa.BigInteger, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="active"),
        sa.Column("pin_hash", sa.String(128)),
        sa.Column("site_id", sa.Integer, sa.ForeignKey("sites.id"), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("expires_at", sa.DateTime(timezone=True)),
        sa.Column("revision", sa.BigInteger, nullable=False, server_default="0"),
        sa.UniqueConstraint("badge_number", name="uq_credentials_badge_number"),
    )
    op.create_index("ix_credentials_holder", "credentials", ["holder_kind", "holder_id"])
    op.create_index("ix_credentials_status_expires", "credentials", ["status", "expires_at"])
    op.create_index("ix_credentials_site_revision", "credentials", ["site_id", "revision"])
    op.create_table(
        "visitors",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("site_id", sa.Integer, sa.ForeignKey("sites.id"), nullable=False),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("phone", sa.String(32)),
        sa.Column("company", sa.String(200)),
        sa.Column("host_id", sa.BigInteger, nullable=False),
        sa.Column("host_email", sa.String(254), nullable=False),
        sa.Column("expected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("checked_in_at", sa.DateTime(timezone=True)),
        sa.Column("badge_seq", sa.Integer),
        sa.Column("photo_key", sa.Text),
        sa.Column("nda_signed", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_visitors_email", "visitors", ["email"])
    op.create_index("ix_visitors_site_expected", "visitors", ["site_id", "expected_at"])
    op.create_index("ix_visitors_host_id", "visitors", ["host_id"])
    op.create_table(
        "visitor_badge_counters",
        sa.Column("site_id", sa.Integer, sa.ForeignKey("sites.id"), primary_key=True),
        sa.Column("last_seq", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("visitor_badge_counters")
    op.drop_table("visitors")
    op.drop_table("credentials")
    for table in ("doors", "controllers", "zones", "buildings", "sites"):
        op.drop_table(table)

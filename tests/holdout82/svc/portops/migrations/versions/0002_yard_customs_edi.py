"""yard, crane moves, customs holds and EDI inbox

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "yard_blocks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(8), nullable=False, unique=True),
        sa.Column("rows", sa.Integer, nullable=False),
        sa.Column("bays", sa.Integer, nullable=False),
        sa.Column("max_tiers", sa.Integer, nullable=False),
        sa.Column("reefer", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "yard_slots",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("block_id", sa.Integer, sa.ForeignKey("yard_blocks.id"), nullable=False),
        sa.Column("bay", sa.Integer, nullable=False),
        sa.Column("row", sa.Integer, nullable=False),
        sa.Column("tier", sa.Integer, nullable=False),
        sa.Column("container_id", sa.Integer, sa.ForeignKey("containers.id")),
        sa.UniqueConstraint("block_id", "bay", "row", "tier", name="uq_slot_position"),
    )
    op.create_index("ix_yard_slots_block_free", "yard_slots", ["block_id", "container_id"])
    op.create_table(
        "crane_moves",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("crane_id", sa.String(8), nullable=False),
        sa.Column("vessel_call_id", sa.Integer, sa.ForeignKey("vessel_calls.id"), nullable=False),
        sa.Column("container_id", sa.Integer, sa.ForeignKey("containers.id"), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        sa.Column("status", sa.String(12), nullable=False, server_default="QUEUED"),
        sa.Column("completed_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_crane_moves_crane_status", "crane_moves", ["crane_id", "status"])
    op.create_index("ix_crane_moves_call", "crane_moves", ["vessel_call_id"])
    op.create_table(
        "customs_holds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("container_number", sa.String(11), nullable=False),
        sa.Column("hold_code", sa.String(8), nullable=False),
        sa.Column("authority_ref", sa.String(40), nullable=False, unique=True),
        sa.Column("status", sa.String(12), nullable=False, server_default="ACTIVE"),
        sa.Column("reason", sa.Text),
        sa.Column("released_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_customs_holds_container_status", "customs_holds", ["container_number", "status"])
    op.create_table(
        "edi_messages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sender", sa.String(35), nullable=False),
        sa.Column("interchange_ref", sa.String(14), nullable=False),
        sa.Column("message_type", sa.String(6), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("status", sa.String(12), nullable=False, server_default="PENDING"),
        sa.Column("error", sa.Text),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_edi_messages_status_received", "edi_messages", ["status", "received_at"])
    op.create_index("ix_edi_messages_sender_ref", "edi_messages", ["sender", "interchange_ref"], unique=True)


def downgrade() -> None:
    for table in ("edi_messages", "customs_holds", "crane_moves", "yard_slots", "yard_blocks"):
        op.drop_table(table)

"""subscriptions, push devices, notification outbox

Revision ID: 0003_billing_notifications
Revises: 0002_swipes_matches
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0003_billing_notifications"
down_revision = "0002_swipes_matches"


def upgrade() -> None:
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("user_id", sa.BigInteger, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("provider", sa.String(16), nullable=False),
        sa.Column("product_id", sa.String(128), nullable=False),
        sa.Column("original_transaction_id", sa.String(128), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="active"),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True)),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.UniqueConstraint("original_transaction_id", name="uq_subscriptions_original_tx"),
    )
    op.create_index("ix_subscriptions_user_status", "subscriptions", ["user_id", "status"])

    op.create_table(
        "push_devices",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("user_id", sa.BigInteger, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("token", sa.String(512), nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("disabled_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("user_id", "token", name="uq_push_devices_user_token"),
    )

    op.create_table(
        "notification_outbox",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("user_id", sa.BigInteger, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("payload", postgresql.JSONB, nullable=False),
        sa.Column("deliver_after", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_outbox_due", "notification_outbox", ["deliver_after"], postgresql_where=sa.text("sent_at IS NULL"))
    op.create_index("ix_outbox_user_pending", "notification_outbox", ["user_id"], postgresql_where=sa.text("sent_at IS NULL"))


def downgrade() -> None:
    op.drop_index("ix_outbox_user_pending", table_name="notification_outbox")
    op.drop_index("ix_outbox_due", table_name="notification_outbox")
    op.drop_table("notification_outbox")
    op.drop_table("push_devices")
    op.drop_index("ix_subscriptions_user_status", table_name="subscriptions")
    op.drop_table("subscriptions")

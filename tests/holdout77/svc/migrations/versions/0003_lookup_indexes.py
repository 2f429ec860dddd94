"""case-insensitive e-mail lookup, reminder scan and visitor-by-host indexes

Revision ID: 0003_lookup_indexes
Revises: 0002_door_events_and_occupancy
Create Date: 2024-03-18 16:40:02
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_lookup_indexes"
down_revision = "0002_door_events_and_occupancy"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # logins and invitations match e-mails case-insensitively
    op.create_index("ix_members_email_lower", "members", [sa.text("lower(email)")], unique=True)
    # the reminder worker only ever looks at confirmed bookings not yet reminded
    op.create_index(
        "ix_bookings_reminder_due",
        "bookings",
        ["starts_at"],
        postgresql_where=sa.text("reminder_sent_at IS NULL AND status = 'confirmed'"),
    )
    op.create_index("ix_visitors_host", "visitors", ["host_member_id"])


def downgrade() -> None:
    op.drop_index("ix_visitors_host", table_name="visitors")
    op.drop_index("ix_bookings_reminder_due", table_name="bookings")
    op.drop_index("ix_members_email_lower", table_name="members")

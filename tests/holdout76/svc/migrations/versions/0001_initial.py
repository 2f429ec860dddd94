"""initial schema

Revision ID: 0001_initial
Revises:
Create Date: 2023-02-06 10:12:41

The initial revision materialises the ORM metadata as it stood at 3.0 (tables, foreign keys
and every Index/UniqueConstraint in the models' __table_args__). Later revisions are explicit.
"""
from __future__ import annotations

from alembic import op

import lexdesk.models  # noqa: F401  (registers the tables on Base.metadata)
from lexdesk.infra.db import Base

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    Base.metadata.create_all(op.get_bind(), checkfirst=True)
    # Calendar view filters by assignee and due date; added during the 3.0 beta.
    op.create_index("ix_deadlines_assignee_due", "deadlines", ["assigned_to", "due_at"])


def downgrade() -> None:
    op.drop_index("ix_deadlines_assignee_due", table_name="deadlines")
    Base.metadata.drop_all(op.get_bind())

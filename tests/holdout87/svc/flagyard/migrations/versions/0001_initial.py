"""initial schema

Revision ID: 0001
Revises:
Create Date: 2023-03-02 10:12:44
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organizations",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("slug", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("sso_domain", sa.String(200)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_organizations_sso_domain", "organizations", ["sso_domain"])
    op.create_table(
        "flags",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("environment_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("description", sa.Text, server_default=""),
        sa.Column("enabled", sa.Boolean, server_default=sa.false()),
        sa.Column("archived", sa.Boolean, server_default=sa.false()),
        sa.Column("default_variant", sa.String(64), server_default="off"),
        sa.Column("variants", sa.JSON),
        sa.Column("rollout", sa.JSON),
        sa.Column("version", sa.Integer, server_default="1"),
        sa.Column("last_evaluated_at", sa.DateTime(timezone=True)),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.UniqueConstraint("environment_id", "key", name="uq_flags_env_key"),
    )
    op.create_index("ix_flags_env_updated", "flags", ["environment_id", "updated_at"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("org_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("actor_id", postgresql.UUID(as_uuid=True)),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target_type", sa.String(32), nullable=False),
        sa.Column("target_key", sa.String(256), nullable=False),
        sa.Column("payload", sa.JSON),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_index("ix_audit_log_org_created", "audit_log", ["org_id", "created_at"])
    op.create_index("ix_audit_log_actor_created", "audit_log", ["actor_id", "created_at"])
    op.create_table(
        "assignments",
        sa.Column("id", sa.BigInteger, primary_key=True, autoincrement=True),
        sa.Column("experiment_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("user_key", sa.String(256), nullable=False),
        sa.Column("variant", sa.String(64), nullable=False),
        sa.Column("assigned_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.UniqueConstraint("experiment_id", "user_key", name="uq_assignments_experiment_user"),
    )
    op.create_index("ix_assignments_user_key", "assignments", ["user_key"])


def downgrade() -> None:
    op.drop_index("ix_assignments_user_key", table_name="assignments")
    op.drop_table("assignments")
    op.drop_index("ix_audit_log_actor_created", table_name="audit_log")
    op.drop_index("ix_audit_log_org_created", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_index("ix_flags_env_updated", table_name="flags")
    op.drop_table("flags")
    op.drop_index("ix_organizations_sso_domain", table_name="organizations")
    op.drop_table("organizations")

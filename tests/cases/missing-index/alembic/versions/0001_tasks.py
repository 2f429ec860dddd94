"""tasks indexes"""
import sqlalchemy as sa
from alembic import op


def upgrade() -> None:
    op.create_index("ix_tasks_project_id", "tasks", ["project_id"])
    with op.batch_alter_table("tasks") as batch_op:
        batch_op.create_index("ix_tasks_assignee", ["assignee"])
    op.add_column("projects", sa.Column("ext_ref_hash", sa.String(), index=True))


def downgrade() -> None:
    op.drop_index("ix_tasks_project_id", table_name="tasks")

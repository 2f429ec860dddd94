"""create delivery targets"""
import sqlalchemy as sa
from alembic import op

revision = "001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "delivery-target",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("tenant_id", sa.String(), nullable=False),
        sa.Column("region", sa.String(), nullable=True),
        sa.Column("channel", sa.String(), nullable=True),
    )
    op.create_index("ix_target_tenant", "delivery-target", ["tenant_id"])
    op.create_index("ix_target_region", "delivery-target", ["region"])


def downgrade() -> None:
    op.drop_index("ix_target_region", table_name="delivery-target")
    op.drop_index("ix_target_tenant", table_name="delivery-target")
    op.drop_table("delivery-target")

"""rename delivery targets"""
from alembic import op

revision = "002"
down_revision = "001"


def upgrade() -> None:
    op.rename_table("delivery-target", "delivery_target")


def downgrade() -> None:
    op.rename_table("delivery_target", "delivery-target")

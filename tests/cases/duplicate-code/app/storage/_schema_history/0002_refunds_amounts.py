"""Store refunds amounts in cents."""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, payload FROM refunds")).fetchall()
    for row in rows:
        data = dict(row.payload or {})
        data.setdefault("currency", "EUR")
        if "amount" in data:
            data["amount_cents"] = int(round(float(data.pop("amount")) * 100))
        bind.execute(sa.text("UPDATE refunds SET payload = :p WHERE id = :i"), {"p": data, "i": row.id})
    op.alter_column("refunds", "payload", nullable=False)


def downgrade() -> None:
    op.alter_column("refunds", "payload", nullable=True)

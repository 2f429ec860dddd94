"""refill reminders and the controlled-substance register

Revision ID: 0003
Revises: 0002
"""
from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE refill_reminders (
            id SERIAL PRIMARY KEY,
            prescription_id INTEGER NOT NULL REFERENCES prescriptions(id),
            patient_id INTEGER NOT NULL REFERENCES patients(id),
            due_on DATE NOT NULL,
            sent_at TIMESTAMPTZ
        )
        """
    )
    op.execute(
        """
        CREATE TABLE controlled_register (
            id BIGSERIAL PRIMARY KEY,
            branch_id INTEGER NOT NULL REFERENCES branches(id),
            drug_code VARCHAR(16) NOT NULL,
            delta INTEGER NOT NULL,
            balance_after INTEGER NOT NULL,
            actor VARCHAR(32) NOT NULL,
            reason VARCHAR(64) NOT NULL,
            prescription_id INTEGER REFERENCES prescriptions(id),
            created_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
        """
    )
    op.execute(
        """
        CREATE TABLE pharmacists (
            staff_id VARCHAR(32) PRIMARY KEY,
            licence_no VARCHAR(32) NOT NULL UNIQUE,
            pin_hash VARCHAR(128) NOT NULL,
            pin_salt VARCHAR(64) NOT NULL,
            active BOOLEAN NOT NULL DEFAULT true
        )
        """
    )
    op.execute(
        "CREATE INDEX ix_controlled_register_branch_drug_created "
        "ON controlled_register (branch_id, drug_code, created_at DESC)"
    )


def downgrade() -> None:
    op.execute("DROP TABLE pharmacists")
    op.execute("DROP TABLE controlled_register")
    op.execute("DROP TABLE refill_reminders")

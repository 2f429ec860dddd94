"""partners, reconciliation, limits, processed events, audit log

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"

UPGRADE_SQL = """
CREATE TABLE payout_partners (
    id varchar(32) PRIMARY KEY,
    method varchar(20) NOT NULL,
    country char(2) NOT NULL,
    poll_interval_seconds integer NOT NULL DEFAULT 60,
    enabled boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE recon_files (
    id serial PRIMARY KEY,
    partner_id varchar(32) NOT NULL,
    filename varchar(255) NOT NULL UNIQUE,
    business_date date NOT NULL,
    status varchar(16) NOT NULL DEFAULT 'new',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_recon_files_status ON recon_files (status);

CREATE TABLE corridor_limits (
    corridor varchar(8) PRIMARY KEY,
    daily_limit numeric(18, 2) NOT NULL,
    per_transfer_max numeric(18, 2) NOT NULL,
    tier_multiplier numeric(6, 2) NOT NULL DEFAULT 1
);

CREATE TABLE daily_usage (
    sender_id uuid NOT NULL REFERENCES senders (id),
    corridor varchar(8) NOT NULL,
    day date NOT NULL,
    used numeric(18, 2) NOT NULL,
    PRIMARY KEY (sender_id, corridor, day)
);

CREATE TABLE processed_events (
    source varchar(32) NOT NULL,
    event_id varchar(128) NOT NULL,
    processed_at timestamptz NOT NULL,
    PRIMARY KEY (source, event_id)
);

CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL,
    actor varchar(64) NOT NULL,
    action varchar(64) NOT NULL,
    subject varchar(64) NOT NULL,
    details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX ix_audit_log_subject_at ON audit_log (subject, at);
"""


def upgrade() -> None:
    op.execute(UPGRADE_SQL)


def downgrade() -> None:
    op.execute(
        "DROP TABLE audit_log, processed_events, daily_usage, corridor_limits, recon_files, payout_partners"
    )

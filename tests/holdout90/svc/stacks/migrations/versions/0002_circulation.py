"""loans, holds, licences, fines, transfers, kiosk events

Revision ID: 0002
"""
from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE licences (
            id bigserial PRIMARY KEY, title_id bigint REFERENCES titles(id), external_id varchar(64) UNIQUE NOT NULL,
            concurrent_cap int NOT NULL DEFAULT 1, checkouts_remaining int, in_use int NOT NULL DEFAULT 0, expires_at timestamptz
        );
        CREATE INDEX ix_licences_title ON licences (title_id);
        CREATE TABLE loans (
            id bigserial PRIMARY KEY, patron_id bigint REFERENCES patrons(id), holding_id bigint REFERENCES holdings(id),
            licence_id bigint REFERENCES licences(id), status varchar(12) NOT NULL DEFAULT 'active',
            due_at timestamptz NOT NULL, returned_at timestamptz, renewals int NOT NULL DEFAULT 0,
            last_notice_at timestamptz, created_at timestamptz, updated_at timestamptz
        );
        CREATE INDEX ix_loans_patron_status ON loans (patron_id, status);
        CREATE INDEX ix_loans_holding ON loans (holding_id);
        CREATE TABLE holds (
            id bigserial PRIMARY KEY, patron_id bigint REFERENCES patrons(id), title_id bigint NOT NULL REFERENCES titles(id),
            pickup_branch_id int REFERENCES branches(id), status varchar(12) NOT NULL DEFAULT 'queued',
            queued_at timestamptz NOT NULL, ready_at timestamptz, pickup_by timestamptz, holding_id bigint REFERENCES holdings(id),
            created_at timestamptz, updated_at timestamptz
        );
        CREATE INDEX ix_holds_patron ON holds (patron_id);
        CREATE INDEX ix_holds_pickup_status ON holds (pickup_branch_id, status);
        CREATE INDEX ix_holds_pickup_by ON holds (pickup_by);
        CREATE TABLE fines (
            id bigserial PRIMARY KEY, patron_id bigint REFERENCES patrons(id), loan_id bigint UNIQUE REFERENCES loans(id),
            balance_cents int NOT NULL, reason varchar(32) NOT NULL, created_at timestamptz, updated_at timestamptz
        );
        CREATE INDEX ix_fines_patron_id ON fines (patron_id);
        CREATE TABLE payments (
            id bigserial PRIMARY KEY, patron_id bigint REFERENCES patrons(id), amount_cents int NOT NULL,
            provider_ref varchar(64) NOT NULL, status varchar(12) NOT NULL, created_at timestamptz, updated_at timestamptz,
            CONSTRAINT uq_payments_provider_ref UNIQUE (provider_ref)
        );
        CREATE INDEX ix_payments_patron_id ON payments (patron_id);
        CREATE TABLE transfer_requests (
            id bigserial PRIMARY KEY, holding_id bigint REFERENCES holdings(id), hold_id bigint REFERENCES holds(id),
            from_branch_id int REFERENCES branches(id), to_branch_id int REFERENCES branches(id),
            status varchar(12) NOT NULL DEFAULT 'requested', van_run varchar(16), created_at timestamptz, updated_at timestamptz
        );
        CREATE INDEX ix_transfers_status_route ON transfer_requests (status, from_branch_id);
        CREATE TABLE kiosk_events (
            id bigserial PRIMARY KEY, kiosk_id varchar(32) NOT NULL, seq bigint NOT NULL, kind varchar(12) NOT NULL,
            rfid_tag varchar(32) NOT NULL, card_number varchar(14), occurred_at timestamptz NOT NULL,
            CONSTRAINT uq_kiosk_events_seq UNIQUE (kiosk_id, seq)
        );
        """
    )


def downgrade() -> None:
    for table in ("kiosk_events", "transfer_requests", "payments", "fines", "holds", "loans", "licences"):
        op.execute(f"DROP TABLE {table}")

"""initial schema

Revision ID: 0001
"""
from __future__ import annotations

from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE branches (id serial PRIMARY KEY, code varchar(8) UNIQUE NOT NULL, name varchar(120) NOT NULL, van_route varchar(16));
        CREATE TABLE patrons (
            id bigserial PRIMARY KEY, card_number varchar(14) UNIQUE NOT NULL, email varchar(254), phone varchar(20),
            name varchar(200) NOT NULL, home_branch_id int REFERENCES branches(id), pin_hash varchar(100),
            card_expires_at timestamptz NOT NULL, blocked boolean NOT NULL DEFAULT false,
            notice_pref varchar(8) NOT NULL DEFAULT 'email', created_at timestamptz, updated_at timestamptz
        );
        CREATE INDEX ix_patrons_email ON patrons (email);
        CREATE INDEX ix_patrons_home_branch ON patrons (home_branch_id);
        CREATE TABLE titles (
            id bigserial PRIMARY KEY, control_number varchar(32) UNIQUE NOT NULL, isbn varchar(13), title text NOT NULL,
            sort_title text NOT NULL, author text, format varchar(12) NOT NULL, marc jsonb NOT NULL DEFAULT '{}',
            created_at timestamptz, updated_at timestamptz
        );
        CREATE INDEX ix_titles_isbn ON titles (isbn);
        CREATE INDEX ix_titles_title_prefix ON titles (sort_title text_pattern_ops);
        CREATE TABLE holdings (
            id bigserial PRIMARY KEY, title_id bigint REFERENCES titles(id), branch_id int REFERENCES branches(id),
            barcode varchar(20) NOT NULL, rfid_tag varchar(32), status varchar(16) NOT NULL DEFAULT 'on_shelf',
            CONSTRAINT uq_holdings_barcode UNIQUE (barcode)
        );
        CREATE INDEX ix_holdings_title_branch ON holdings (title_id, branch_id);
        CREATE INDEX ix_holdings_rfid ON holdings (rfid_tag);
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE holdings; DROP TABLE titles; DROP TABLE patrons; DROP TABLE branches;")

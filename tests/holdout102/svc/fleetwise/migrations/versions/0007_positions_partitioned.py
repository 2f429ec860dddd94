"""position_reports: raw AIS positions, written by the ingest worker.

Revision ID: 0007
Revises: 0006
"""
from alembic import op

revision = "0007"
down_revision = "0006"


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE position_reports (
            id           BIGSERIAL,
            vessel_id    INTEGER NOT NULL REFERENCES vessels(id),
            mmsi         VARCHAR(9) NOT NULL,
            ts           TIMESTAMPTZ NOT NULL,
            received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
            lat          DOUBLE PRECISION NOT NULL,
            lon          DOUBLE PRECISION NOT NULL,
            sog_kn       REAL,
            cog_deg      REAL,
            source       VARCHAR(12) NOT NULL,
            PRIMARY KEY (vessel_id, ts, id)
        )
        """
    )
    op.execute("CREATE INDEX ix_position_reports_vessel_ts ON position_reports (vessel_id, ts DESC)")
    op.execute(
        "CREATE UNIQUE INDEX uq_position_reports_dedupe ON position_reports (vessel_id, ts, source)"
    )
    op.execute(
        """
        CREATE TABLE vessel_last_position (
            vessel_id  INTEGER PRIMARY KEY REFERENCES vessels(id),
            ts         TIMESTAMPTZ NOT NULL,
            lat        DOUBLE PRECISION NOT NULL,
            lon        DOUBLE PRECISION NOT NULL,
            sog_kn     REAL
        )
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE vessel_last_position")
    op.execute("DROP TABLE position_reports")

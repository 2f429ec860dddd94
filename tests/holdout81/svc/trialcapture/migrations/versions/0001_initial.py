"""initial schema

Revision ID: 0001_initial
Revises:
Create Date: 2023-03-14 09:12:44
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "studies",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("protocol_code", sa.String(32), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("phase", sa.String(8), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="setup"),
        sa.Column("enrolment_target", sa.Integer, nullable=False, server_default="0"),
        sa.Column("randomisation_block_size", sa.Integer, nullable=False, server_default="4"),
        sa.Column("locked_at", TS),
        sa.UniqueConstraint("protocol_code", name="uq_studies_protocol_code"),
    )
    op.create_table(
        "sites",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("study_id", sa.Integer, sa.ForeignKey("studies.id"), nullable=False),
        sa.Column("site_number", sa.String(8), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("enrolment_cap", sa.Integer, nullable=False, server_default="20"),
        sa.Column("screening_cap", sa.Integer, nullable=False, server_default="60"),
        sa.Column("last_subject_seq", sa.Integer, nullable=False, server_default="0"),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.UniqueConstraint("study_id", "site_number", name="uq_sites_study_number"),
    )
    op.create_index("ix_sites_country", "sites", ["country"])
    op.create_table(
        "subjects",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("study_id", sa.Integer, sa.ForeignKey("studies.id"), nullable=False),
        sa.Column("site_id", sa.Integer, sa.ForeignKey("sites.id"), nullable=False),
        sa.Column("screening_number", sa.String(16), nullable=False),
        sa.Column("subject_number", sa.String(16)),
        sa.Column("initials", sa.String(4), nullable=False),
        sa.Column("birth_year", sa.Integer, nullable=False),
        sa.Column("sex", sa.String(1), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("screened_at", TS, nullable=False),
        sa.Column("enrolled_at", TS),
        sa.Column("withdrawn_at", TS),
        sa.Column("arm", sa.String(8)),
        sa.Column("stratum", sa.String(32)),
        sa.Column("consent_envelope_id", sa.String(64), unique=True),
        sa.UniqueConstraint("site_id", "screening_number", name="uq_subjects_site_screening"),
    )
    op.create_index("ix_subjects_study_status", "subjects", ["study_id", "status"])
    op.create_index("ix_subjects_site_status", "subjects", ["site_id", "status"])
    op.create_index("ix_subjects_subject_number", "subjects", ["subject_number"])
    op.create_table(
        "visits",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("subject_id", sa.Integer, sa.ForeignKey("subjects.id"), nullable=False),
        sa.Column("visit_code", sa.String(16), nullable=False),
        sa.Column("scheduled_at", TS, nullable=False),
        sa.Column("window_start", sa.Date, nullable=False),
        sa.Column("window_end", sa.Date, nullable=False),
        sa.Column("actual_date", sa.Date),
        sa.Column("status", sa.String(16), nullable=False),
    )
    op.create_index("ix_visits_subject_id", "visits", ["subject_id"])
    op.create_index("ix_visits_scheduled_at", "visits", ["scheduled_at"])
    op.create_table(
        "adverse_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("study_id", sa.Integer, sa.ForeignKey("studies.id"), nullable=False),
        sa.Column("subject_id", sa.Integer, sa.ForeignKey("subjects.id"), nullable=False),
        sa.Column("term", sa.Text, nullable=False),
        sa.Column("meddra_code", sa.String(16)),
        sa.Column("seriousness", sa.String(24), nullable=False),
        sa.Column("severity_grade", sa.Integer, nullable=False),
        sa.Column("causality", sa.String(24), nullable=False),
        sa.Column("onset_date", sa.Date, nullable=False),
        sa.Column("reported_by", sa.String(64), nullable=False),
        sa.Column("reported_at", TS, nullable=False),
        sa.Column("sponsor_notified_at", TS),
        sa.Column("case_ref", sa.String(32)),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_index("ix_adverse_events_study_onset", "adverse_events", ["study_id", "onset_date"])
    op.create_index("ix_adverse_events_case_ref", "adverse_events", ["case_ref"], unique=True)
    op.create_table(
        "audit_events",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("entity_type", sa.String(32), nullable=False),
        sa.Column("entity_id", sa.String(64), nullable=False),
        sa.Column("detail", postgresql.JSONB, nullable=False, server_default="{}"),
        sa.Column("prev_hash", sa.String(64)),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("created_at", TS, nullable=False, server_default=sa.func.now()),
    )
    op.create_index("ix_audit_events_created_at", "audit_events", ["created_at"])
    op.create_table(
        "outbox",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("topic", sa.String(64), nullable=False),
        sa.Column("payload", postgresql.JSONB, nullable=False),
        sa.Column("status", sa.String(12), nullable=False, server_default="pending"),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", TS, nullable=False, server_default=sa.func.now()),
        sa.Column("created_at", TS, nullable=False, server_default=sa.func.now()),
    )
    op.create_index("ix_outbox_status_next_attempt", "outbox", ["status", "next_attempt_at"])


def downgrade() -> None:
    for index, table in (
        ("ix_outbox_status_next_attempt", "outbox"),
        ("ix_audit_events_created_at", "audit_events"),
        ("ix_adverse_events_case_ref", "adverse_events"),
        ("ix_adverse_events_study_onset", "adverse_events"),
        ("ix_visits_scheduled_at", "visits"),
        ("ix_visits_subject_id", "visits"),
        ("ix_subjects_subject_number", "subjects"),
        ("ix_subjects_site_status", "subjects"),
        ("ix_subjects_study_status", "subjects"),
        ("ix_sites_country", "sites"),
    ):
        op.drop_index(index, table_name=table)
    for table in ("outbox", "audit_events", "adverse_events", "visits", "subjects", "sites", "studies"):
        op.drop_table(table)

"""Objects SQLAlchemy metadata does not manage (run by the migration job)."""

EXTRA_DDL = (
    "CREATE SEQUENCE IF NOT EXISTS invoice_number_seq START 100000",
    "CREATE INDEX IF NOT EXISTS ix_folio_charges_posted_on ON folio_charges (posted_on)",
    "CREATE INDEX IF NOT EXISTS ix_guests_last_name_lower ON guests (lower(last_name) text_pattern_ops)",
    "CREATE INDEX IF NOT EXISTS ix_daily_rates_lookup ON daily_rates (room_type_id, stay_date)",
    "CREATE INDEX IF NOT EXISTS ix_hk_tasks_room_status ON housekeeping_tasks (room_id, status)",
)

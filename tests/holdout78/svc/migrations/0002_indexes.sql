-- Indexes that SQLAlchemy metadata does not express well (partial / operator-class indexes).

CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_recurring_plans_due
    ON recurring_plans (next_charge_at)
    WHERE status = 'active';

CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_charities_name_prefix
    ON charities (lower(name) text_pattern_ops);

CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_match_pledges_fiscal_year
    ON match_pledges (fiscal_year);

CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_donations_created_at
    ON donations (created_at);

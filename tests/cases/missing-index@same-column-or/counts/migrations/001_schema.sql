CREATE TABLE bins (
    id BIGSERIAL PRIMARY KEY,
    code TEXT NOT NULL,
    zone TEXT NOT NULL,
    aisle TEXT NOT NULL,
    last_counted_at TIMESTAMPTZ,
    audited_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ux_bins_code ON bins (code);
CREATE INDEX ix_bins_audited_at ON bins (audited_at);


CREATE TABLE report_templates (
    id SERIAL PRIMARY KEY,
    code VARCHAR(64) NOT NULL UNIQUE,
    modality VARCHAR(8) NOT NULL,
    body_part VARCHAR(64),
    version INTEGER NOT NULL DEFAULT 1,
    sections JSON NOT NULL DEFAULT '[]',
    body TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX ix_templates_modality ON report_templates (modality);

CREATE TABLE reports (
    id SERIAL PRIMARY KEY,
    study_id INTEGER NOT NULL REFERENCES studies(id),
    accession_number VARCHAR(32) NOT NULL,
    template_id INTEGER REFERENCES report_templates(id),
    author_id INTEGER NOT NULL REFERENCES users(id),
    status VARCHAR(16) NOT NULL DEFAULT 'DRAFT',
    findings TEXT NOT NULL DEFAULT '',
    impression TEXT NOT NULL DEFAULT '',
    structured JSON NOT NULL DEFAULT '{}',
    has_critical_finding BOOLEAN NOT NULL DEFAULT FALSE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    signed_at TIMESTAMPTZ,
    signed_by INTEGER REFERENCES users(id)
);
CREATE INDEX ix_reports_study ON reports (study_id);
CREATE INDEX ix_reports_accession ON reports (accession_number);
CREATE INDEX ix_reports_status_signed ON reports (status, signed_at);
CREATE INDEX ix_reports_author ON reports (author_id, signed_at);

CREATE TABLE dictation_segments (
    id SERIAL PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id),
    seq INTEGER NOT NULL,
    audio_path VARCHAR(255) NOT NULL,
    transcript TEXT,
    confidence DOUBLE PRECISION,
    status VARCHAR(16) NOT NULL DEFAULT 'PENDING',
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE distributions (
    id SERIAL PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id),
    referrer_id INTEGER NOT NULL REFERENCES referrers(id),
    channel VARCHAR(8) NOT NULL,
    destination VARCHAR(255) NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'PENDING',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    external_id VARCHAR(64),
    last_error VARCHAR(500),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_dist_status_next ON distributions (status, next_attempt_at);
CREATE INDEX ix_dist_report ON distributions (report_id);

CREATE TABLE critical_alerts (
    id SERIAL PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES reports(id),
    study_id INTEGER NOT NULL REFERENCES studies(id),
    referrer_id INTEGER REFERENCES referrers(id),
    finding_code VARCHAR(32) NOT NULL,
    message TEXT NOT NULL,
    state VARCHAR(16) NOT NULL DEFAULT 'OPEN',
    escalation_level INTEGER NOT NULL DEFAULT 0,
    raised_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    acknowledged_at TIMESTAMPTZ,
    acknowledged_by VARCHAR(255)
);
CREATE INDEX ix_alerts_report ON critical_alerts (report_id);
CREATE INDEX ix_alerts_study ON critical_alerts (study_id);
CREATE INDEX ix_alerts_state_raised ON critical_alerts (state, raised_at);

CREATE TABLE tat_daily_stats (
    id SERIAL PRIMARY KEY,
    day DATE NOT NULL,
    modality VARCHAR(8) NOT NULL,
    priority VARCHAR(8) NOT NULL,
    report_count INTEGER NOT NULL DEFAULT 0,
    total_minutes INTEGER NOT NULL DEFAULT 0,
    breaches INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT uq_tat_day_mod_prio UNIQUE (day, modality, priority)
);

-- Forms, field values, data queries and randomisation tables.

CREATE TABLE investigators (
    id          SERIAL PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites (id),
    user_id     VARCHAR(64) NOT NULL UNIQUE,
    full_name   VARCHAR(200) NOT NULL,
    role        VARCHAR(32) NOT NULL DEFAULT 'sub_investigator'
);
CREATE INDEX ix_investigators_site_id ON investigators (site_id);

CREATE TABLE form_submissions (
    id           SERIAL PRIMARY KEY,
    study_id     INTEGER NOT NULL REFERENCES studies (id),
    visit_id     INTEGER NOT NULL REFERENCES visits (id),
    subject_id   INTEGER NOT NULL REFERENCES subjects (id),
    form_code    VARCHAR(32) NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    status       VARCHAR(16) NOT NULL DEFAULT 'draft',
    submitted_by VARCHAR(64) NOT NULL,
    submitted_at TIMESTAMPTZ NOT NULL,
    locked       BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX ix_form_submissions_visit_id ON form_submissions (visit_id);
CREATE UNIQUE INDEX ix_form_submissions_subject_form ON form_submissions (subject_id, form_code, version);
CREATE INDEX ix_form_submissions_study_status ON form_submissions (study_id, status);

CREATE TABLE field_values (
    id            SERIAL PRIMARY KEY,
    submission_id INTEGER NOT NULL REFERENCES form_submissions (id),
    field_code    VARCHAR(32) NOT NULL,
    value         TEXT,
    unit          VARCHAR(16)
);
CREATE INDEX ix_field_values_submission_id ON field_values (submission_id);

CREATE TABLE data_queries (
    id            SERIAL PRIMARY KEY,
    study_id      INTEGER NOT NULL REFERENCES studies (id),
    site_id       INTEGER NOT NULL REFERENCES sites (id),
    submission_id INTEGER NOT NULL REFERENCES form_submissions (id),
    field_code    VARCHAR(32) NOT NULL,
    text          TEXT NOT NULL,
    status        VARCHAR(12) NOT NULL DEFAULT 'open',
    raised_by     VARCHAR(64) NOT NULL,
    raised_at     TIMESTAMPTZ NOT NULL,
    closed_at     TIMESTAMPTZ,
    reply_count   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_data_queries_site_status ON data_queries (site_id, status);
CREATE INDEX ix_data_queries_study_status ON data_queries (study_id, status);
CREATE INDEX ix_data_queries_submission_id ON data_queries (submission_id);

CREATE TABLE query_replies (
    id         SERIAL PRIMARY KEY,
    query_id   INTEGER NOT NULL REFERENCES data_queries (id),
    author     VARCHAR(64) NOT NULL,
    body       TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_query_replies_query_id ON query_replies (query_id, created_at);

CREATE TABLE randomisations (
    id            SERIAL PRIMARY KEY,
    subject_id    INTEGER NOT NULL REFERENCES subjects (id),
    study_id      INTEGER NOT NULL REFERENCES studies (id),
    stratum       VARCHAR(32) NOT NULL,
    slot          INTEGER NOT NULL,
    arm           VARCHAR(8) NOT NULL,
    irt_reference VARCHAR(64),
    allocated_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT uq_randomisations_subject UNIQUE (subject_id)
);
CREATE INDEX ix_randomisations_study_stratum ON randomisations (study_id, stratum, slot);

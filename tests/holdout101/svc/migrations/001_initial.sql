-- seqcore initial schema
CREATE TABLE labs (
    id uuid PRIMARY KEY,
    name varchar(200) NOT NULL,
    pi_email varchar(200) NOT NULL,
    default_grant_code varchar(40),
    delivery_bucket varchar(200),
    CONSTRAINT uq_labs_name UNIQUE (name)
);

CREATE TABLE submissions (
    id uuid PRIMARY KEY,
    lab_id uuid NOT NULL REFERENCES labs (id),
    filename varchar(255) NOT NULL,
    checksum varchar(64) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_submissions_lab_id_checksum UNIQUE (lab_id, checksum)
);
CREATE INDEX ix_submissions_lab_created ON submissions (lab_id, created_at);

CREATE TABLE runs (
    id uuid PRIMARY KEY,
    run_number integer NOT NULL,
    instrument_id varchar(40) NOT NULL,
    flowcell_id varchar(40) NOT NULL,
    run_type varchar(40) NOT NULL,
    status varchar(24) NOT NULL DEFAULT 'registered',
    run_folder varchar(255),
    created_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz
);
CREATE INDEX ix_runs_instrument_number ON runs (instrument_id, run_number);
CREATE INDEX ix_runs_completed_at ON runs (completed_at);
CREATE INDEX ix_runs_status ON runs (status);

CREATE TABLE pools (
    id uuid PRIMARY KEY,
    run_id uuid REFERENCES runs (id),
    lane integer,
    volume_ul double precision NOT NULL DEFAULT 0,
    status varchar(24) NOT NULL DEFAULT 'open'
);
CREATE INDEX ix_pools_run_lane ON pools (run_id, lane);

CREATE TABLE libraries (
    id uuid PRIMARY KEY,
    pool_id uuid REFERENCES pools (id),
    prep_kit varchar(80) NOT NULL,
    concentration_nm double precision,
    fragment_bp integer
);
CREATE INDEX ix_libraries_pool_id ON libraries (pool_id);

CREATE TABLE samples (
    id uuid PRIMARY KEY,
    submission_id uuid NOT NULL REFERENCES submissions (id),
    lab_id uuid NOT NULL REFERENCES labs (id),
    library_id uuid REFERENCES libraries (id),
    pool_id uuid REFERENCES pools (id),
    name varchar(120) NOT NULL,
    index_i7 varchar(24) NOT NULL,
    index_i5 varchar(24),
    organism varchar(80),
    status varchar(24) NOT NULL DEFAULT 'received',
    read_count bigint,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_samples_lab_status ON samples (lab_id, status);
CREATE INDEX ix_samples_pool_id ON samples (pool_id);
CREATE INDEX ix_samples_submission_id ON samples (submission_id);

CREATE TABLE pipeline_jobs (
    id uuid PRIMARY KEY,
    run_id uuid NOT NULL REFERENCES runs (id),
    pipeline varchar(80) NOT NULL,
    status varchar(24) NOT NULL DEFAULT 'queued',
    scheduler_job_id varchar(64),
    params jsonb NOT NULL DEFAULT '{}'::jsonb,
    attempts integer NOT NULL DEFAULT 0,
    submitted_at timestamptz,
    finished_at timestamptz
);
CREATE INDEX ix_pipeline_jobs_run_id ON pipeline_jobs (run_id);
CREATE INDEX ix_pipeline_jobs_status ON pipeline_jobs (status);

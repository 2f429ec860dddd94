-- deliveries, run outputs and usage billing
CREATE TABLE deliveries (
    id uuid PRIMARY KEY,
    lab_id uuid NOT NULL REFERENCES labs (id),
    run_id uuid NOT NULL REFERENCES runs (id),
    bucket varchar(200) NOT NULL,
    prefix text NOT NULL,
    expires_at timestamptz NOT NULL,
    purged_at timestamptz
);
CREATE INDEX ix_deliveries_lab_id ON deliveries (lab_id);
CREATE INDEX ix_deliveries_expires_at ON deliveries (expires_at) WHERE purged_at IS NULL;

CREATE TABLE run_outputs (
    run_id uuid NOT NULL REFERENCES runs (id),
    sample_name varchar(120) NOT NULL,
    object_key text NOT NULL,
    size_bytes bigint NOT NULL,
    PRIMARY KEY (run_id, object_key)
);
CREATE INDEX ix_run_outputs_run_sample ON run_outputs (run_id, sample_name);

CREATE TABLE usage_charges (
    id uuid PRIMARY KEY,
    sample_id uuid NOT NULL REFERENCES samples (id),
    lab_id uuid NOT NULL REFERENCES labs (id),
    grant_code varchar(40) NOT NULL,
    amount_cents integer NOT NULL,
    description varchar(255) NOT NULL,
    posted_at timestamptz,
    finance_ref varchar(64),
    CONSTRAINT uq_usage_charges_sample_id_description UNIQUE (sample_id, description)
);
CREATE INDEX ix_usage_charges_lab_posted ON usage_charges (lab_id, posted_at);

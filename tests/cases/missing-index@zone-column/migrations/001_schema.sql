CREATE TABLE load_samples (
    zone TEXT NOT NULL,
    sampled_at TIMESTAMPTZ NOT NULL,
    megawatts NUMERIC NOT NULL,
    PRIMARY KEY (zone, sampled_at)
);

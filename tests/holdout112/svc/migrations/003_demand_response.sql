CREATE TABLE dr_events (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    utility_id      TEXT NOT NULL,
    external_id     TEXT NOT NULL UNIQUE,
    region          TEXT NOT NULL,
    starts_at       TIMESTAMPTZ NOT NULL,
    ends_at         TIMESTAMPTZ NOT NULL,
    target_kw       DOUBLE PRECISION NOT NULL,
    opt_out_minutes INTEGER NOT NULL DEFAULT 30,
    status          TEXT NOT NULL DEFAULT 'scheduled',
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX dr_events_status_start_idx ON dr_events (status, starts_at);

CREATE TABLE dr_participations (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    event_id        UUID NOT NULL REFERENCES dr_events (id),
    household_id    UUID NOT NULL REFERENCES households (id),
    status          TEXT NOT NULL DEFAULT 'enrolled',
    opted_out_at    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX dr_participations_event_idx ON dr_participations (event_id);

CREATE TABLE commands (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    device_id       UUID NOT NULL REFERENCES devices (id),
    dr_event_id     UUID REFERENCES dr_events (id),
    kind            TEXT NOT NULL,
    payload         JSONB NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    correlation_id  TEXT NOT NULL,
    acked_at        TIMESTAMPTZ,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX commands_status_next_idx ON commands (status, next_attempt_at);
CREATE INDEX commands_device_idx ON commands (device_id, created_at DESC);
CREATE INDEX commands_event_idx ON commands (dr_event_id);

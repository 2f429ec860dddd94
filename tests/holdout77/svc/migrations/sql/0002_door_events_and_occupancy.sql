-- High-volume tables written through the raw asyncpg pool rather than the ORM.

CREATE TABLE door_events (
    id           bigserial PRIMARY KEY,
    location_id  integer     NOT NULL REFERENCES locations (id),
    door_id      integer     NOT NULL REFERENCES doors (id),
    badge_id     varchar(64),
    member_id    integer     REFERENCES members (id),
    method       varchar(16) NOT NULL,   -- badge | pin | remote
    outcome      varchar(16) NOT NULL,   -- granted | denied | error
    occurred_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX ix_door_events_door_time     ON door_events (door_id, occurred_at DESC);
CREATE INDEX ix_door_events_location_time ON door_events (location_id, occurred_at DESC);

CREATE TABLE occupancy_readings (
    sensor_id    varchar(64) NOT NULL,
    location_id  integer     NOT NULL REFERENCES locations (id),
    space_id     integer     REFERENCES spaces (id),
    people       smallint    NOT NULL,
    recorded_at  timestamptz NOT NULL,
    PRIMARY KEY (sensor_id, recorded_at)
);

CREATE INDEX ix_occupancy_location_time ON occupancy_readings (location_id, recorded_at);
-- hourly rollups and retention purges scan by time across all locations
CREATE INDEX ix_occupancy_recorded_brin ON occupancy_readings USING brin (recorded_at);

CREATE TABLE occupancy_hourly (
    location_id  integer     NOT NULL,
    space_id     integer     NOT NULL,
    hour         timestamptz NOT NULL,
    avg_people   numeric(6, 2) NOT NULL,
    peak_people  smallint    NOT NULL,
    samples      integer     NOT NULL,
    PRIMARY KEY (location_id, space_id, hour)
);

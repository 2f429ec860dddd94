-- Users, photos, blocks and reports.
CREATE TABLE users (
    id               BIGSERIAL PRIMARY KEY,
    email            VARCHAR(255) NOT NULL,
    password_hash    VARCHAR(255),
    display_name     VARCHAR(64) NOT NULL,
    birthdate        DATE NOT NULL,
    gender           VARCHAR(16) NOT NULL,
    seeking          VARCHAR(16) NOT NULL,
    bio              TEXT NOT NULL DEFAULT '',
    interests        VARCHAR(32)[] NOT NULL DEFAULT '{}',
    lat              DOUBLE PRECISION,
    lon              DOUBLE PRECISION,
    city             VARCHAR(96),
    min_age_pref     SMALLINT NOT NULL DEFAULT 18,
    max_age_pref     SMALLINT NOT NULL DEFAULT 99,
    max_distance_km  SMALLINT,
    is_hidden        BOOLEAN NOT NULL DEFAULT FALSE,
    is_banned        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_active_at   TIMESTAMPTZ,
    CONSTRAINT uq_users_email UNIQUE (email)
);
CREATE INDEX ix_users_lat_lon ON users (lat, lon);
CREATE INDEX ix_users_last_active ON users (last_active_at);
CREATE INDEX ix_users_city ON users (city);

CREATE TABLE photos (
    id          BIGSERIAL PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key         VARCHAR(255) NOT NULL,
    thumb_key   VARCHAR(255) NOT NULL,
    position    SMALLINT NOT NULL,
    status      VARCHAR(16) NOT NULL DEFAULT 'pending',
    phash       VARCHAR(64) NOT NULL,
    labels      JSONB NOT NULL DEFAULT '{}',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    claimed_at  TIMESTAMPTZ
);
CREATE INDEX ix_photos_user_position ON photos (user_id, position);
CREATE INDEX ix_photos_phash ON photos (phash);
CREATE INDEX ix_photos_status_created ON photos (status, created_at);

CREATE TABLE blocks (
    id          BIGSERIAL PRIMARY KEY,
    blocker_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    blocked_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT uq_blocks_pair UNIQUE (blocker_id, blocked_id)
);
CREATE INDEX ix_blocks_blocked ON blocks (blocked_id);

CREATE TABLE reports (
    id           BIGSERIAL PRIMARY KEY,
    reporter_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reported_id  BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reason       VARCHAR(32) NOT NULL,
    details      TEXT NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    resolved_at  TIMESTAMPTZ
);
CREATE INDEX ix_reports_reporter ON reports (reporter_id);
CREATE INDEX ix_reports_created ON reports (created_at);

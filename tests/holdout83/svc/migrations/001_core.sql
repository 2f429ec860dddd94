-- Core tables mirrored by arenaplay/db/models.py
CREATE TABLE IF NOT EXISTS players (
    id           BIGSERIAL PRIMARY KEY,
    username     VARCHAR(24) NOT NULL UNIQUE,
    email        VARCHAR(254) NOT NULL UNIQUE,
    password_hash VARCHAR(200),
    steam_id     VARCHAR(32),
    region       VARCHAR(8) NOT NULL DEFAULT 'eu',
    avatar_url   TEXT,
    banned_at    TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_players_steam_id ON players (steam_id);
CREATE INDEX IF NOT EXISTS ix_players_username_prefix ON players (lower(username) text_pattern_ops);

CREATE TABLE IF NOT EXISTS ratings (
    player_id  BIGINT NOT NULL REFERENCES players(id),
    mode       VARCHAR(8) NOT NULL,
    mu         DOUBLE PRECISION NOT NULL DEFAULT 1500,
    sigma      DOUBLE PRECISION NOT NULL DEFAULT 350,
    games      INTEGER NOT NULL DEFAULT 0,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (player_id, mode)
);
CREATE INDEX IF NOT EXISTS ix_ratings_mode_mu ON ratings (mode, mu);

CREATE TABLE IF NOT EXISTS matches (
    id         VARCHAR(36) PRIMARY KEY,
    mode       VARCHAR(8) NOT NULL,
    status     VARCHAR(16) NOT NULL DEFAULT 'pending',
    map_name   VARCHAR(32) NOT NULL,
    region     VARCHAR(8) NOT NULL,
    season_id  INTEGER,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    started_at TIMESTAMPTZ,
    ended_at   TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS ix_matches_status_created ON matches (status, created_at);
CREATE INDEX IF NOT EXISTS ix_matches_season ON matches (season_id);

CREATE TABLE IF NOT EXISTS match_participants (
    id           BIGSERIAL PRIMARY KEY,
    match_id     VARCHAR(36) NOT NULL REFERENCES matches(id),
    player_id    BIGINT NOT NULL,
    team         INTEGER NOT NULL,
    score        INTEGER NOT NULL DEFAULT 0,
    rating_delta DOUBLE PRECISION NOT NULL DEFAULT 0,
    joined_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT uq_participant UNIQUE (match_id, player_id)
);
CREATE INDEX IF NOT EXISTS ix_match_participants_match_id ON match_participants (match_id);

-- 0001: players, ratings, friendships, matches
CREATE TABLE players (
    id                  BIGSERIAL PRIMARY KEY,
    username            VARCHAR(32)  NOT NULL UNIQUE,
    display_name        VARCHAR(64)  NOT NULL,
    email               VARCHAR(255) NOT NULL UNIQUE,
    password_hash       VARCHAR(128) NOT NULL,
    region              VARCHAR(16)  NOT NULL DEFAULT 'eu-west',
    platform_account_id VARCHAR(64)  UNIQUE,
    banned              BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_seen_at        TIMESTAMPTZ
);

CREATE TABLE player_ratings (
    player_id    BIGINT      NOT NULL REFERENCES players (id) ON DELETE CASCADE,
    mode         VARCHAR(16) NOT NULL,
    mmr          INTEGER     NOT NULL DEFAULT 1500,
    deviation    DOUBLE PRECISION NOT NULL DEFAULT 350,
    games_played INTEGER     NOT NULL DEFAULT 0,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (player_id, mode)
);
CREATE INDEX ix_player_ratings_mode_mmr ON player_ratings (mode, mmr);

CREATE TABLE friendships (
    player_id  BIGINT NOT NULL REFERENCES players (id) ON DELETE CASCADE,
    friend_id  BIGINT NOT NULL REFERENCES players (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (player_id, friend_id)
);

CREATE TABLE matches (
    id             BIGSERIAL PRIMARY KEY,
    mode           VARCHAR(16) NOT NULL,
    region         VARCHAR(16) NOT NULL,
    status         VARCHAR(16) NOT NULL DEFAULT 'forming',
    server_address VARCHAR(64),
    started_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    ended_at       TIMESTAMPTZ
);
CREATE INDEX ix_matches_mode_status ON matches (mode, status);

CREATE TABLE match_participants (
    match_id   BIGINT   NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    player_id  BIGINT   NOT NULL REFERENCES players (id),
    team       SMALLINT NOT NULL,
    result     VARCHAR(8),
    mmr_before INTEGER  NOT NULL,
    mmr_after  INTEGER,
    kills      INTEGER  NOT NULL DEFAULT 0,
    deaths     INTEGER  NOT NULL DEFAULT 0,
    PRIMARY KEY (match_id, player_id)
);
CREATE INDEX ix_match_participants_player_id ON match_participants (player_id);

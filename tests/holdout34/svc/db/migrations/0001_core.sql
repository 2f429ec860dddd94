-- Core OLTP schema (mirrors svc/db/models.py)
BEGIN;

CREATE TABLE competitions (
    id          integer PRIMARY KEY,
    name        varchar(120) NOT NULL,
    country     varchar(60)
);

CREATE TABLE teams (
    id          integer PRIMARY KEY,
    name        varchar(120) NOT NULL,
    short_name  varchar(16) NOT NULL,
    alpha_id    varchar(40) UNIQUE,
    beta_id     varchar(40) UNIQUE,
    crest_url   text
);

CREATE TABLE matches (
    id              bigint PRIMARY KEY,
    competition_id  integer NOT NULL REFERENCES competitions(id),
    season_id       integer NOT NULL,
    home_team_id    integer NOT NULL REFERENCES teams(id),
    away_team_id    integer NOT NULL REFERENCES teams(id),
    kickoff_at      timestamptz NOT NULL,
    status          varchar(16) NOT NULL DEFAULT 'scheduled',
    home_score      integer NOT NULL DEFAULT 0,
    away_score      integer NOT NULL DEFAULT 0,
    minute          integer,
    alpha_id        varchar(40) UNIQUE,
    beta_id         varchar(40) UNIQUE,
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_matches_status_kickoff ON matches (status, kickoff_at);
CREATE INDEX ix_matches_kickoff_at ON matches (kickoff_at);
CREATE INDEX ix_matches_season_id ON matches (season_id);
CREATE INDEX ix_matches_home_team_id ON matches (home_team_id);
CREATE INDEX ix_matches_away_team_id ON matches (away_team_id);

CREATE TABLE match_events (
    id                 bigserial PRIMARY KEY,
    match_id           bigint NOT NULL REFERENCES matches(id),
    provider           varchar(8) NOT NULL,
    provider_event_id  varchar(64) NOT NULL,
    event_type         varchar(24) NOT NULL,
    minute             integer,
    team_id            integer,
    player_id          integer,
    payload            jsonb NOT NULL DEFAULT '{}',
    occurred_at        timestamptz NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_match_events_match_occurred ON match_events (match_id, occurred_at);

CREATE TABLE markets (
    id          bigserial PRIMARY KEY,
    match_id    bigint NOT NULL REFERENCES matches(id),
    kind        varchar(32) NOT NULL,
    status      varchar(16) NOT NULL DEFAULT 'open',
    result      varchar(32),
    settled_at  timestamptz
);
CREATE INDEX ix_markets_match_status ON markets (match_id, status);

CREATE TABLE odds_snapshots (
    id         bigserial PRIMARY KEY,
    market_id  bigint NOT NULL REFERENCES markets(id),
    match_id   bigint NOT NULL,
    taken_at   timestamptz NOT NULL,
    prices     jsonb NOT NULL
);
CREATE INDEX ix_odds_snapshots_market_taken ON odds_snapshots (market_id, taken_at);
CREATE INDEX ix_odds_snapshots_match_id ON odds_snapshots (match_id);
CREATE INDEX ix_odds_snapshots_taken_at ON odds_snapshots (taken_at);

CREATE TABLE fans (
    id             bigserial PRIMARY KEY,
    email          varchar(254) NOT NULL UNIQUE,
    password_hash  varchar(200) NOT NULL,
    display_name   varchar(80) NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE bets (
    id         bigserial PRIMARY KEY,
    market_id  bigint NOT NULL REFERENCES markets(id),
    fan_id     bigint NOT NULL REFERENCES fans(id),
    selection  varchar(32) NOT NULL,
    stake      numeric(12, 2) NOT NULL,
    price      numeric(8, 3) NOT NULL,
    status     varchar(16) NOT NULL DEFAULT 'pending',
    payout     numeric(12, 2)
);
CREATE INDEX ix_bets_market_id ON bets (market_id);
CREATE INDEX ix_bets_fan_id ON bets (fan_id);

CREATE TABLE favourites (
    id          bigserial PRIMARY KEY,
    fan_id      bigint NOT NULL REFERENCES fans(id),
    team_id     integer NOT NULL REFERENCES teams(id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT uq_favourites_fan_team UNIQUE (fan_id, team_id)
);
CREATE INDEX ix_favourites_fan_id ON favourites (fan_id);
CREATE INDEX ix_favourites_team_id ON favourites (team_id);

CREATE TABLE devices (
    id            bigserial PRIMARY KEY,
    fan_id        bigint NOT NULL REFERENCES fans(id),
    token         varchar(255) NOT NULL UNIQUE,
    platform      varchar(8) NOT NULL,
    last_seen_at  timestamptz
);
CREATE INDEX ix_devices_fan_id ON devices (fan_id);

CREATE TABLE webhook_subscriptions (
    id          bigserial PRIMARY KEY,
    owner       varchar(80) NOT NULL,
    url         text NOT NULL,
    secret      varchar(128) NOT NULL,
    match_id    bigint,
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_webhook_subscriptions_match_id ON webhook_subscriptions (match_id);

COMMIT;

-- Historical stats schema, read through the asyncpg pool (svc/db/repositories/stats.py)
BEGIN;

CREATE TABLE players (
    id        integer PRIMARY KEY,
    name      varchar(120) NOT NULL,
    team_id   integer REFERENCES teams(id),
    position  varchar(4)
);
CREATE INDEX ix_players_name_prefix ON players (name text_pattern_ops);
CREATE INDEX ix_players_team_id ON players (team_id);

CREATE TABLE player_match_stats (
    id           bigserial PRIMARY KEY,
    player_id    integer NOT NULL,
    match_id     bigint NOT NULL,
    season_id    integer NOT NULL,
    team_id      integer NOT NULL,
    event_type   varchar(24) NOT NULL,
    value        numeric(10, 2) NOT NULL DEFAULT 1,
    occurred_at  timestamptz NOT NULL
);
CREATE INDEX ix_pms_match_id ON player_match_stats (match_id);
CREATE INDEX ix_pms_season_team ON player_match_stats (season_id, team_id);

CREATE TABLE season_team_rollup (
    season_id     integer NOT NULL,
    team_id       integer NOT NULL,
    played        integer NOT NULL,
    won           integer NOT NULL,
    drawn         integer NOT NULL,
    lost          integer NOT NULL,
    goals_for     integer NOT NULL,
    goals_against integer NOT NULL,
    points        integer NOT NULL,
    refreshed_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (season_id, team_id)
);

COMMIT;

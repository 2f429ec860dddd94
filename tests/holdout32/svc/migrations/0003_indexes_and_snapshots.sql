-- 0003: indexes for match history / username lookups, leaderboard snapshots
CREATE INDEX CONCURRENTLY ix_matches_ended_at ON matches (ended_at DESC);
CREATE INDEX CONCURRENTLY ix_players_username_lower ON players (lower(username));

CREATE TABLE leaderboard_snapshots (
    id        BIGSERIAL PRIMARY KEY,
    mode      VARCHAR(16) NOT NULL,
    taken_at  TIMESTAMPTZ NOT NULL,
    rank      INTEGER     NOT NULL,
    player_id BIGINT      NOT NULL,
    score     DOUBLE PRECISION NOT NULL
);
CREATE INDEX ix_leaderboard_snapshots_mode_taken_rank ON leaderboard_snapshots (mode, taken_at, rank);
CREATE INDEX ix_leaderboard_snapshots_player_taken ON leaderboard_snapshots (player_id, taken_at);

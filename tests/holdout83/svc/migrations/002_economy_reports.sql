-- Wallets, ledger and anti-cheat reports (raw asyncpg repositories)
CREATE TABLE IF NOT EXISTS wallets (
    player_id  BIGINT PRIMARY KEY REFERENCES players(id),
    balance    BIGINT NOT NULL DEFAULT 0 CHECK (balance >= 0),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS wallet_ledger (
    id         BIGSERIAL PRIMARY KEY,
    player_id  BIGINT NOT NULL,
    delta      BIGINT NOT NULL,
    reason     VARCHAR(32) NOT NULL,
    ref        VARCHAR(64) NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT uq_ledger_ref UNIQUE (ref, reason)
);
CREATE INDEX IF NOT EXISTS ix_wallet_ledger_player_created ON wallet_ledger (player_id, created_at DESC);

CREATE TABLE IF NOT EXISTS cheat_reports (
    id          BIGSERIAL PRIMARY KEY,
    reporter_id BIGINT NOT NULL,
    accused_id  BIGINT NOT NULL,
    match_id    VARCHAR(36) NOT NULL,
    reason      VARCHAR(16) NOT NULL,
    details     TEXT NOT NULL DEFAULT '',
    verdict     VARCHAR(16),
    status      VARCHAR(16) NOT NULL DEFAULT 'open',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS ix_cheat_reports_accused_status ON cheat_reports (accused_id, status);
CREATE INDEX IF NOT EXISTS ix_cheat_reports_match ON cheat_reports (match_id);
CREATE INDEX IF NOT EXISTS ix_cheat_reports_status_created ON cheat_reports (status, created_at);

CREATE TABLE IF NOT EXISTS leaderboard_snapshots (
    season_id INTEGER NOT NULL,
    player_id BIGINT NOT NULL,
    rank      INTEGER NOT NULL,
    score     DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (season_id, player_id)
);
CREATE INDEX IF NOT EXISTS ix_leaderboard_snapshots_rank ON leaderboard_snapshots (season_id, rank);

-- Initial schema for arenaops.
CREATE TABLE organizers (
    id BIGSERIAL PRIMARY KEY,
    name VARCHAR(120) NOT NULL,
    slug VARCHAR(80) NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE teams (
    id BIGSERIAL PRIMARY KEY,
    organizer_id BIGINT NOT NULL REFERENCES organizers(id),
    name VARCHAR(120) NOT NULL,
    tag VARCHAR(12) NOT NULL,
    region VARCHAR(8) NOT NULL,
    rating INTEGER NOT NULL DEFAULT 1500,
    CONSTRAINT uq_teams_org_tag UNIQUE (organizer_id, tag)
);
CREATE INDEX ix_teams_rating ON teams (rating);

CREATE TABLE players (
    id BIGSERIAL PRIMARY KEY,
    handle VARCHAR(64) NOT NULL,
    puuid VARCHAR(80),
    publisher_rank VARCHAR(32),
    refresh_token VARCHAR(512),
    linked_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX ix_players_puuid ON players (puuid);
CREATE INDEX ix_players_handle_prefix ON players (handle text_pattern_ops);

CREATE TABLE team_members (
    id BIGSERIAL PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams(id),
    player_id BIGINT NOT NULL REFERENCES players(id),
    role VARCHAR(16) NOT NULL DEFAULT 'player',
    CONSTRAINT uq_team_members UNIQUE (team_id, player_id)
);
CREATE INDEX ix_team_members_player ON team_members (player_id);

CREATE TABLE tournaments (
    id BIGSERIAL PRIMARY KEY,
    organizer_id BIGINT NOT NULL REFERENCES organizers(id),
    name VARCHAR(160) NOT NULL,
    format VARCHAR(16) NOT NULL,
    max_teams INTEGER NOT NULL DEFAULT 64,
    best_of INTEGER NOT NULL DEFAULT 3,
    prize_pool_cents BIGINT NOT NULL DEFAULT 0,
    starts_at TIMESTAMPTZ NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'draft'
);
CREATE INDEX ix_tournaments_org_starts ON tournaments (organizer_id, starts_at);

CREATE TABLE registrations (
    id BIGSERIAL PRIMARY KEY,
    tournament_id BIGINT NOT NULL REFERENCES tournaments(id),
    team_id BIGINT NOT NULL REFERENCES teams(id),
    seed INTEGER,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT uq_registrations UNIQUE (tournament_id, team_id)
);

CREATE TABLE brackets (
    id BIGSERIAL PRIMARY KEY,
    tournament_id BIGINT NOT NULL REFERENCES tournaments(id),
    kind VARCHAR(16) NOT NULL,
    current_round INTEGER NOT NULL DEFAULT 1,
    layout JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX ix_brackets_tournament ON brackets (tournament_id);

CREATE TABLE matches (
    id BIGSERIAL PRIMARY KEY,
    bracket_id BIGINT NOT NULL REFERENCES brackets(id),
    round_no INTEGER NOT NULL,
    slot INTEGER NOT NULL,
    team_a_id BIGINT REFERENCES teams(id),
    team_b_id BIGINT REFERENCES teams(id),
    score_a INTEGER NOT NULL DEFAULT 0,
    score_b INTEGER NOT NULL DEFAULT 0,
    winner_id BIGINT REFERENCES teams(id),
    status VARCHAR(16) NOT NULL DEFAULT 'pending',
    external_id VARCHAR(80),
    scheduled_at TIMESTAMPTZ,
    check_in_opens_at TIMESTAMPTZ,
    check_in_deadline TIMESTAMPTZ,
    team_a_checked_in BOOLEAN NOT NULL DEFAULT false,
    team_b_checked_in BOOLEAN NOT NULL DEFAULT false,
    finished_at TIMESTAMPTZ,
    version INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_matches_bracket_round ON matches (bracket_id, round_no);
CREATE UNIQUE INDEX ix_matches_external ON matches (external_id);
CREATE INDEX ix_matches_status ON matches (status);
CREATE INDEX ix_matches_finished_at ON matches (finished_at);

CREATE TABLE disputes (
    id BIGSERIAL PRIMARY KEY,
    match_id BIGINT NOT NULL REFERENCES matches(id),
    opened_by_team_id BIGINT NOT NULL REFERENCES teams(id),
    reason TEXT NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'open',
    resolution TEXT,
    opened_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_disputes_status_opened ON disputes (status, opened_at);

CREATE TABLE dispute_evidence (
    id BIGSERIAL PRIMARY KEY,
    dispute_id BIGINT NOT NULL REFERENCES disputes(id),
    object_key VARCHAR(256) NOT NULL,
    content_type VARCHAR(64) NOT NULL,
    size_bytes BIGINT NOT NULL,
    uploaded_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_evidence_dispute ON dispute_evidence (dispute_id);

CREATE TABLE payouts (
    id BIGSERIAL PRIMARY KEY,
    tournament_id BIGINT NOT NULL REFERENCES tournaments(id),
    player_id BIGINT NOT NULL REFERENCES players(id),
    amount_cents BIGINT NOT NULL,
    currency VARCHAR(3) NOT NULL DEFAULT 'USD',
    status VARCHAR(16) NOT NULL DEFAULT 'pending',
    idempotency_key VARCHAR(64) NOT NULL,
    partner_transfer_id VARCHAR(80),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_payouts_tournament_status ON payouts (tournament_id, status);
CREATE UNIQUE INDEX ix_payouts_idempotency ON payouts (idempotency_key);

CREATE TABLE tax_forms (
    id BIGSERIAL PRIMARY KEY,
    player_id BIGINT NOT NULL REFERENCES players(id),
    form_type VARCHAR(8) NOT NULL,
    vendor_envelope_id VARCHAR(80) NOT NULL,
    status VARCHAR(16) NOT NULL DEFAULT 'requested'
);
CREATE UNIQUE INDEX ix_tax_forms_player ON tax_forms (player_id);

CREATE TABLE anticheat_reports (
    id BIGSERIAL PRIMARY KEY,
    vendor_ref VARCHAR(80) NOT NULL,
    player_id BIGINT NOT NULL REFERENCES players(id),
    match_id BIGINT REFERENCES matches(id),
    severity INTEGER NOT NULL,
    verdict VARCHAR(16) NOT NULL DEFAULT 'pending',
    payload JSONB NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX ix_anticheat_vendor_ref ON anticheat_reports (vendor_ref);
CREATE INDEX ix_anticheat_player_created ON anticheat_reports (player_id, created_at);

CREATE TABLE team_rankings (
    team_id BIGINT PRIMARY KEY REFERENCES teams(id),
    region VARCHAR(8) NOT NULL,
    points NUMERIC(10, 2) NOT NULL,
    position INTEGER NOT NULL,
    computed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_team_rankings_region_position ON team_rankings (region, position);

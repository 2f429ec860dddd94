-- Swipes (raw asyncpg), matches and chat messages.
CREATE TABLE swipes (
    swiper_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    swiped_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    direction   TEXT NOT NULL CHECK (direction IN ('like', 'pass', 'superlike')),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (swiper_id, swiped_id)
);
CREATE INDEX ix_swipes_swiped ON swipes (swiped_id, created_at DESC);
CREATE INDEX ix_swipes_swiper_created ON swipes (swiper_id, created_at DESC);

CREATE TABLE matches (
    id               BIGSERIAL PRIMARY KEY,
    user_low         BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    user_high        BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_message_at  TIMESTAMPTZ,
    unmatched_at     TIMESTAMPTZ
);
CREATE INDEX ix_matches_pair ON matches (user_low, user_high);
CREATE INDEX ix_matches_high ON matches (user_high);
CREATE INDEX ix_matches_last_message ON matches (last_message_at);

CREATE TABLE messages (
    id          BIGSERIAL PRIMARY KEY,
    match_id    BIGINT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    sender_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body        TEXT NOT NULL,
    client_id   VARCHAR(64),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    read_at     TIMESTAMPTZ,
    CONSTRAINT uq_messages_client UNIQUE (match_id, client_id)
);
CREATE INDEX ix_messages_match_id ON messages (match_id, id);

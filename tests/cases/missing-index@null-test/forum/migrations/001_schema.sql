CREATE TABLE replies (
    id BIGSERIAL PRIMARY KEY,
    thread_id BIGINT NOT NULL,
    parent_id BIGINT REFERENCES replies (id),
    author_id BIGINT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_replies_parent ON replies (parent_id);
CREATE INDEX ix_replies_author ON replies (author_id);

CREATE TABLE posts (
    id BIGSERIAL PRIMARY KEY,
    board_id BIGINT NOT NULL,
    author_id BIGINT NOT NULL,
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    published_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX ix_posts_board_id_id ON posts (board_id, id);
CREATE INDEX ix_posts_author_created ON posts (author_id, created_at);
CREATE UNIQUE INDEX ux_posts_board_slug ON posts (board_id, slug);

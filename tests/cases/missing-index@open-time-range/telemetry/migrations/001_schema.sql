CREATE TABLE page_views (
    id BIGSERIAL PRIMARY KEY,
    site_id BIGINT NOT NULL,
    visitor_id TEXT NOT NULL,
    path TEXT NOT NULL,
    viewed_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_page_views_viewed_at ON page_views (viewed_at);
CREATE INDEX ix_page_views_site_viewed ON page_views (site_id, viewed_at);

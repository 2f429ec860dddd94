"""Runtime configuration for the social platform backend."""
from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SOCIAL_", env_file=".env", extra="ignore")

    environment: str = "development"
    service_name: str = "social-api"

    # Postgres: SQLAlchemy for the ORM side, asyncpg for the hot feed tables.
    database_url: str = "postgresql+asyncpg://social:social@localhost:5432/social"
    pg_dsn: str = "postgresql://social:social@localhost:5432/social"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    db_pool_timeout: float = 10.0
    pg_pool_min: int = 2
    pg_pool_max: int = 20
    pg_command_timeout: float = 5.0

    redis_url: str = "redis://localhost:6379/0"
    redis_socket_timeout: float = 2.0
    redis_max_connections: int = 64

    classifier_url: str = "http://classifier.internal:8080"
    classifier_timeout: float = 3.0
    classifier_review_threshold: float = 0.55
    classifier_block_threshold: float = 0.9

    search_url: str = "http://search.internal:9200"
    search_index: str = "posts-v3"
    search_timeout: float = 2.5

    mailer_url: str = "https://api.mailer.example.com/v1"
    mailer_api_key: str = ""
    mailer_from: str = "digest@social.example.com"

    storage_url: str = "https://objects.internal"
    storage_bucket: str = "social-media"
    storage_timeout: float = 15.0

    push_gateway_url: str = "https://push.internal"

    jwt_secret: str = "change-me"
    jwt_algorithm: str = "HS256"
    jwt_audience: str = "social-api"

    feed_page_size: int = 30
    feed_max_items: int = 800
    celebrity_follower_threshold: int = 10_000
    fanout_batch_size: int = 500

    trending_window_hours: int = 24
    trending_interval_seconds: int = 60
    trending_size: int = 50

    digest_batch_size: int = 500
    digest_template_dir: str = "templates/email"

    ws_max_connections_per_user: int = 5
    ws_idle_timeout: float = 75.0
    ws_send_queue_size: int = 100

    media_max_bytes: int = 25 * 1024 * 1024
    media_quota_bytes: int = 2 * 1024 * 1024 * 1024
    media_tmp_dir: str = "/var/tmp/social-media"
    thumbnail_size: int = 320

    rate_limit_posts_per_minute: int = 10
    rate_limit_search_per_minute: int = 60


@lru_cache(maxsize=None)
def get_settings() -> Settings:
    return Settings()

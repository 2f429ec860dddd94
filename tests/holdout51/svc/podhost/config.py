"""Runtime settings for the podcast hosting backend."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PODHOST_", env_file=".env")

    environment: str = "production"
    catalogue_dsn: str = "postgresql+asyncpg://podhost:podhost@db:5432/catalogue"
    analytics_dsn: str = "postgresql://podhost:podhost@analytics-db:5432/analytics"
    redis_url: str = "redis://redis:6379/0"

    catalogue_pool_size: int = 10
    catalogue_max_overflow: int = 5
    analytics_pool_min: int = 2
    analytics_pool_max: int = 20
    analytics_acquire_timeout: float = 3.0
    analytics_command_timeout: float = 15.0

    ad_decision_url: str = "http://ads.internal:8080"
    ad_decision_timeout: float = 0.8
    storage_url: str = "http://objects.internal:9000"
    storage_bucket: str = "podhost-audio"
    transcoder_url: str = "http://transcoder.internal:7000"
    geo_url: str = "http://geo.internal:8300"
    payments_url: str = "https://payments.example.com/v2"
    payments_api_key: str = ""

    cdn_base_url: str = "https://cdn.podhost.example"
    feed_cache_ttl: int = 300
    feed_token_secret: str = "change-me"
    api_key_pepper: str = "pepper"

    download_rate_per_minute: int = 120
    ingest_queue_size: int = 50_000
    ingest_batch_size: int = 500
    max_ws_per_episode: int = 5000
    ws_idle_seconds: float = 60.0

    payout_rate_per_thousand: float = 18.0
    payout_min_cents: int = 2000

    directory_endpoints: list[str] = Field(
        default_factory=lambda: [
            "https://podcasts.apple.example/ping",
            "https://spotify.example/ingest/ping",
            "https://podcastindex.example/api/1.0/hub/pubnotify",
        ]
    )
    upload_spool_dir: str = "/var/spool/podhost"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

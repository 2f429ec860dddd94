"""Runtime configuration for the podcast platform."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PODHOST_", env_file=".env")

    environment: str = "development"
    service_name: str = "podhost-api"

    database_url: str = "postgresql+asyncpg://podhost:podhost@localhost:5432/podhost"
    analytics_dsn: str = "postgresql://podhost:podhost@localhost:5432/podhost"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    analytics_pool_min: int = 2
    analytics_pool_max: int = 10

    redis_url: str = "redis://localhost:6379/0"

    encoder_base_url: str = "https://encoder.internal"
    encoder_api_key: str = ""
    ad_server_url: str = "https://ads.internal"
    payments_base_url: str = "https://payouts.example.com"
    payments_api_key: str = ""
    storage_base_url: str = "https://media.example-cdn.com"
    storage_bucket: str = "podhost-audio"

    smtp_host: str = "localhost"
    smtp_port: int = 25
    payout_notify_from: str = "payouts@podhost.example"

    public_base_url: str = "https://podhost.example"
    feed_cache_ttl_seconds: int = 300
    upload_dir: str = "/var/lib/podhost/uploads"
    feed_snapshot_dir: str = "/var/lib/podhost/feeds"

    ingest_queue_size: int = 50_000
    ingest_batch_size: int = 500
    rollup_interval_seconds: int = 60
    payout_minimum_cents: int = 5_000
    webhook_secret: str = "change-me"
    webhook_max_concurrency: int = 20
    live_ws_max_connections_per_show: int = 25
    ip_salt: str = "salt"
    geoip_db_path: str = "/usr/share/GeoIP/GeoLite2-City.mmdb"
    allowed_origins: list[str] = Field(default_factory=lambda: ["https://studio.podhost.example"])


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()

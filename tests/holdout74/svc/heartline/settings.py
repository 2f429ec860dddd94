"""Runtime configuration, read from HEARTLINE_* environment variables."""
from __future__ import annotations

import logging
from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HEARTLINE_", env_file=".env", extra="ignore")

    environment: str = "development"
    log_level: str = "INFO"

    database_url: str = "postgresql+asyncpg://heartline:heartline@localhost:5432/heartline"
    pg_dsn: str = "postgresql://heartline:heartline@localhost:5432/heartline"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    pg_pool_min: int = 2
    pg_pool_max: int = 10
    redis_url: str = "redis://localhost:6379/0"

    jwt_issuer: str = "https://auth.heartline.app"
    jwt_audience: str = "heartline-api"
    jwks_url: str = "https://auth.heartline.app/.well-known/jwks.json"

    s3_bucket: str = "heartline-photos"
    s3_region: str = "eu-west-1"
    s3_endpoint: str | None = None
    cdn_base_url: str = "https://cdn.heartline.app"
    max_photo_bytes: int = 8 * 1024 * 1024
    max_photos_per_user: int = 6

    moderation_url: str = "https://api.imagemod.example.com"
    moderation_api_key: str = ""
    push_url: str = "https://push.example.com"
    push_api_key: str = ""
    appstore_url: str = "https://buy.itunes.apple.com"
    appstore_shared_secret: str = ""
    playstore_url: str = "https://androidpublisher.googleapis.com"
    playstore_package: str = "app.heartline.android"
    playstore_access_token: str = ""
    geoip_url: str = "https://geoip.example.com"

    free_daily_likes: int = 100
    superlikes_per_day: int = 1
    feed_page_size: int = 20
    feed_radius_km_default: int = 50
    ws_idle_seconds: float = 75.0
    ws_max_connections_per_user: int = 3
    presence_ttl_seconds: int = 90
    presence_sweep_seconds: float = 30.0
    rate_limit_per_minute: int = 240
    worker_interval_seconds: float = 600.0
    moderation_labels_path: str = "config/moderation_labels.json"
    version_file: str = "VERSION"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def configure_logging(settings: Settings) -> None:
    logging.basicConfig(
        level=settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        defaults={"request_id": "-"},
    )

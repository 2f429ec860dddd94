"""Runtime settings for the rentals platform."""
from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RENTALS_", env_file=".env")

    database_url: str = "postgresql+asyncpg://rentals:rentals@db:5432/rentals"
    pg_dsn: str = "postgresql://rentals:rentals@db:5432/rentals"
    pg_pool_min: int = 2
    pg_pool_max: int = 10
    pg_acquire_timeout: float = 5.0

    redis_sentinels: list[tuple[str, int]] = [("sentinel-0", 26379), ("sentinel-1", 26379)]
    redis_master_name: str = "rentals"
    redis_host: str = "redis-jobs"
    redis_socket_timeout: float = 2.0

    credit_api_url: str = "https://api.creditbureau.example/v2"
    credit_api_key: str = ""
    identity_api_url: str = "https://verify.idcheck.example"
    identity_api_key: str = ""
    rates_feed_url: str = "https://rates.lenderdata.example/v1"
    geocoder_url: str = "https://geocode.example/api"
    scanner_url: str = "http://doc-scanner.internal:8080"
    notify_url: str = "https://notify.internal.example"
    cdn_purge_url: str = "https://cdn.example/purge"

    upload_dir: str = "/var/lib/rentals/uploads"
    photo_bucket_dir: str = "/var/lib/rentals/photos"
    max_upload_bytes: int = 15 * 1024 * 1024
    thumbnail_sizes: tuple[tuple[int, int], ...] = ((320, 240), (1024, 768))

    alert_interval_seconds: int = 300
    rates_refresh_seconds: int = 900
    ws_max_connections: int = 2000
    ws_idle_timeout: float = 60.0
    applications_per_hour: int = 10
    pii_salt: str = "change-me"
    jwt_public_key_path: str = "/etc/rentals/jwt.pub"
    listing_template_path: str = "/etc/rentals/listing_import_template.csv"
    walkscore_url: str = "https://api.walkscore.example/score"


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()

"""Runtime settings for the stay platform, read from the environment."""

from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="STAY_", env_file=".env", extra="ignore")

    environment: str = "production"
    database_url: str = "postgresql+asyncpg://stay:stay@db:5432/stay"
    asyncpg_dsn: str = "postgresql://stay:stay@db:5432/stay"
    reporting_database_url: str = "postgresql+asyncpg://stay_ro:stay@db-replica:5432/stay"
    pg_pool_min: int = 4
    pg_pool_max: int = 16
    db_acquire_timeout: float = 5.0

    redis_sentinels: list[tuple[str, int]] = [("sentinel-0", 26379), ("sentinel-1", 26379), ("sentinel-2", 26379)]
    redis_master_name: str = "stay-cache"
    redis_lock_host: str = "redis-locks"
    redis_lock_port: int = 6379

    payments_base_url: str = "https://api.payments.example.com/v2"
    payments_api_key: str = ""
    channel_base_url: str = "https://connect.channelhub.example.com/api/"
    channel_api_key: str = ""
    content_base_url: str = "https://content.channelhub.example.com"
    fx_base_url: str = "https://fx.example.com"
    geocoder_url: str = "https://geo.example.com/v1/search"
    mailer_base_url: str = "https://mailer.internal.example.com"

    photo_manifest_dir: str = "/var/lib/stay/manifests"
    hold_ttl_minutes: int = 30
    no_show_grace_hours: int = 6
    rate_plan_horizon_days: int = 365
    channel_push_concurrency: int = 8
    ws_idle_timeout: float = 90.0
    ws_max_connections: int = 2000
    search_rate_limit_per_minute: int = 120
    jwt_secret: str = "change-me"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


settings = get_settings()

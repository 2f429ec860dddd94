"""Runtime settings for the permits portal."""
from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PERMITS_", env_file=".env")

    database_url: str = "postgresql://permits:permits@db:5432/permits"
    sqlalchemy_url: str = "postgresql+asyncpg://permits:permits@db:5432/permits"
    stats_database_url: str = "postgresql+asyncpg://permits:permits@db-replica:5432/permits"
    db_pool_min: int = 2
    db_pool_max: int = 10
    db_acquire_timeout: float = 5.0
    db_command_timeout: float = 15.0

    redis_sentinels: list[tuple[str, int]] = [("sentinel-0", 26379), ("sentinel-1", 26379)]
    redis_service: str = "permits"
    lock_redis_host: str = "redis-locks"
    lock_redis_port: int = 6379
    redis_socket_timeout: float = 2.0

    payments_base_url: str = "https://api.paycity.example/v2"
    payments_api_key: str = ""
    gis_base_url: str = "https://gis.county.example/arcgis/rest"
    routing_base_url: str = "https://routing.county.example/v1"
    notify_base_url: str = "https://notify.city.example/api"
    clamd_host: str = "clamd"
    clamd_port: int = 3310

    upload_dir: str = "/var/lib/permits/uploads"
    max_upload_bytes: int = 25 * 1024 * 1024
    uploads_per_hour: int = 30

    sla_review_days: int = 10
    sla_poll_seconds: int = 300
    stats_hour_utc: int = 2


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

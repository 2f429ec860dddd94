from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EDU_", env_file=".env")

    database_url: str = "postgresql+asyncpg://edu:edu@db:5432/edu"
    analytics_dsn: str = "postgresql://edu:edu@analytics:5432/analytics"
    redis_url: str = "redis://redis:6379/0"
    sentinel_hosts: list[str] = ["sentinel-0:26379", "sentinel-1:26379", "sentinel-2:26379"]
    recommender_url: str = "http://recommender.ml:8080"
    transcoder_url: str = "http://transcoder:9000"
    payments_webhook_secret: str = "change-me"
    media_root: str = "/var/lib/edu/media"
    certificate_root: str = "/var/lib/edu/certificates"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    http_timeout_seconds: float = 8.0
    max_chat_connections: int = 5000


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

"""Runtime settings loaded from the environment."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DOCFLOW_", env_file=".env")

    env: str = "dev"
    database_url: str = "postgresql+asyncpg://docflow:docflow@localhost:5432/docflow"
    raw_dsn: str = "postgresql://docflow:docflow@localhost:5432/docflow"
    db_pool_size: int = 20
    db_max_overflow: int = 10
    redis_url: str = "redis://localhost:6379/0"

    s3_bucket: str = "docflow-attachments"
    s3_region: str = "eu-west-1"
    s3_endpoint: str | None = None
    presign_ttl_seconds: int = 900

    renderer_url: str = "http://renderer.internal:8080"
    search_url: str = "http://opensearch.internal:9200"
    mailer_url: str = "https://mail.internal/api/send"
    scanner_host: str = "clamav.internal"
    scanner_port: int = 3310

    jwt_secret: str = Field(default="change-me", repr=False)
    jwt_audience: str = "docflow"
    snapshot_every_ops: int = 200
    ws_idle_seconds: int = 60
    webhook_max_attempts: int = 6
    default_storage_quota_mb: int = 5_000
    default_member_quota: int = 50


@lru_cache
def get_settings() -> Settings:
    return Settings()

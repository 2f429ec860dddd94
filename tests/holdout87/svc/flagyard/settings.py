from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FLAGYARD_", env_file=".env", extra="ignore")

    env: str = "development"
    database_url: str = "postgresql+asyncpg://flagyard:flagyard@localhost:5432/flagyard"
    asyncpg_dsn: str = "postgresql://flagyard:flagyard@localhost:5432/flagyard"
    redis_url: str = "redis://localhost:6379/0"

    db_pool_size: int = 10
    db_max_overflow: int = 5
    pg_pool_min: int = 2
    pg_pool_max: int = 10
    pg_acquire_timeout: float = 5.0

    sdk_cache_ttl_seconds: int = 30
    sdk_rate_limit_per_minute: int = 6000
    exposure_stream: str = "flagyard:exposures"
    exposure_group: str = "exposure-writers"
    webhook_stream: str = "flagyard:webhooks"
    webhook_group: str = "webhook-senders"
    flag_change_channel: str = "flagyard:flag-changes"

    idp_issuer: str = "https://login.example-idp.com"
    idp_client_id: str = "flagyard"
    idp_client_secret: str = ""
    idp_redirect_uri: str = "http://localhost:8000/auth/callback"

    slack_api_url: str = "https://slack.com/api"
    slack_token: str = ""
    jira_base_url: str = "https://example.atlassian.net"
    jira_token: str = ""
    warehouse_url: str = "https://warehouse-loader.internal"
    warehouse_key: str = ""

    export_dir: str = "data/exports"
    stream_max_connections: int = 5000
    stream_idle_seconds: float = 90.0
    sweeper_interval_seconds: float = 3600.0
    stale_flag_days: int = 90

    api_key_iterations: int = Field(default=200_000, ge=10_000)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

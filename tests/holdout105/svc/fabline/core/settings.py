"""Application settings loaded from the environment."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FABLINE_", env_file=".env")

    app_name: str = "fabline"
    environment: str = "dev"

    database_url: str = "postgresql+asyncpg://fab:fab@localhost:5432/fabline"
    pg_dsn: str = "postgresql://fab:fab@localhost:5432/fabline"
    pg_pool_min: int = 2
    pg_pool_max: int = 20

    redis_url: str = "redis://localhost:6379/0"
    secsgem_stream: str = "secsgem:events"
    secsgem_group: str = "fabline-ingest"
    tool_status_channel: str = "tool-status"
    lot_events_channel: str = "lot-events"

    erp_base_url: str = "https://erp.internal.example/api"
    erp_api_token: str = ""
    gateway_base_url: str = "http://secsgem-gw.internal:8080"
    metrology_base_url: str = "http://metrology.internal:8000"
    notify_base_url: str = "http://notify.internal:8000"
    smtp_host: str = "smtp.internal"
    alarm_mail_to: str = "fab-oncall@example.com"

    recipe_storage_dir: str = "/var/lib/fabline/recipes"
    upload_dir: str = "/var/lib/fabline/uploads"
    audit_log_path: str = "/var/log/fabline/audit.log"
    wafer_map_dir: str = "/var/lib/fabline/wafermaps"

    api_key_salt: str = "change-me"
    api_key_iterations: int = 210_000
    login_rate_limit: int = 20

    dispatch_interval_s: float = 30.0
    erp_sync_interval_s: float = 10.0
    spc_window: int = Field(default=25, ge=5)
    ingest_batch: int = 100


@lru_cache
def get_settings() -> Settings:
    return Settings()

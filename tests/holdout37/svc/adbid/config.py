"""Runtime configuration for the bidding and campaign backend."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ADBID_", env_file=".env", extra="ignore")

    environment: str = "production"
    service_name: str = "adbid"

    database_url: str = "postgresql+asyncpg://adbid:adbid@postgres:5432/adbid"
    replica_database_url: str = "postgresql+asyncpg://adbid:adbid@postgres-replica:5432/adbid"
    events_dsn: str = "postgresql://adbid:adbid@postgres:5432/adbid"
    db_pool_size: int = 20
    db_max_overflow: int = 10

    redis_url: str = "redis://redis:6379/0"

    billing_url: str = "https://billing.internal"
    geo_url: str = "https://geo.internal"
    fx_url: str = "https://fx.internal"
    fraud_url: str = "https://fraud.internal"
    audit_url: str = "https://creative-audit.internal"
    storage_url: str = "https://storage.internal"

    exchange_secrets: dict[str, str] = Field(default_factory=dict)
    exchange_qps_limit: int = 5000
    tracking_secret: str = "change-me"
    tracking_base_url: str = "https://t.adbid.example"

    bid_timeout_ms: int = 80
    geo_timeout_ms: int = 15
    pacing_interval_s: float = 60.0
    reconcile_interval_s: float = 600.0
    flush_batch_size: int = 500

    dashboard_max_connections: int = 2000
    dashboard_idle_timeout_s: float = 45.0

    report_dir: str = "/var/lib/adbid/reports"
    site_blocklist_path: str = "/etc/adbid/site_blocklist.txt"


@lru_cache
def get_settings() -> Settings:
    return Settings()

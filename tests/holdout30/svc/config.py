from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Runtime configuration, read from ``AR_*`` environment variables."""

    model_config = SettingsConfigDict(env_prefix="AR_", env_file=".env", extra="ignore")

    environment: str = "production"
    database_url: str = "postgresql+asyncpg://ar:ar@db:5432/ar"
    reporting_database_url: str = "postgresql+asyncpg://ar_ro:ar@db-replica:5432/ar"
    pg_dsn: str = "postgresql://ar:ar@db:5432/ar"
    pg_pool_min: int = 2
    pg_pool_max: int = 10
    pg_acquire_timeout: float = 5.0
    pg_command_timeout: float = 15.0
    sa_pool_size: int = 10
    sa_max_overflow: int = 5

    redis_sentinels: list[tuple[str, int]] = Field(
        default_factory=lambda: [("redis-sentinel-0", 26379), ("redis-sentinel-1", 26379), ("redis-sentinel-2", 26379)]
    )
    redis_service_name: str = "ar-cache"
    redis_lock_host: str = "redis-locks-0.redis"
    redis_lock_port: int = 6379
    redis_socket_timeout: float = 2.0

    tax_api_url: str = "https://api.taxengine.example/v2"
    tax_api_key: str = ""
    email_api_url: str = "https://api.mailrelay.example"
    email_api_key: str = ""
    email_from: str = "billing@example.com"
    fx_api_url: str = "https://rates.fxfeed.example"
    bank_api_url: str = "https://openbanking.bank.example/v1"
    bank_api_token: str = ""
    storage_url: str = "https://objects.example/ar-invoices"
    storage_token: str = ""

    pdf_archive_dir: str = "/var/lib/ar/pdf"
    gpg_binary: str = "/usr/bin/gpg"
    statement_poll_seconds: int = 300
    overdue_scan_seconds: int = 900
    fx_refresh_seconds: int = 3600
    dunning_concurrency: int = 8
    webhook_concurrency: int = 16
    ws_max_connections: int = 500
    ws_idle_timeout: float = 45.0
    ws_send_timeout: float = 5.0
    api_rate_limit_per_minute: int = 600
    admin_token_scrypt: str = ""
    provider_webhook_secret: str = ""
    bank_webhook_secret: str = ""
    inbound_email_secret: str = ""
    reporting_currency: str = "EUR"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

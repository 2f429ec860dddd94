"""Runtime settings for the billing service."""
from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict

SUPPORTED_CURRENCIES = frozenset({"USD", "EUR", "GBP", "CAD", "AUD"})
INVOICE_NUMBER_PREFIX = "INV"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BILLING_", env_file=".env")

    database_url: str = "postgresql://billing:billing@localhost:5432/billing"
    sqlalchemy_url: str = "postgresql+asyncpg://billing:billing@localhost:5432/billing"
    replica_url: str = "postgresql+asyncpg://billing:billing@replica:5432/billing"
    db_pool_min: int = 2
    db_pool_max: int = 10
    db_connect_timeout: float = 10.0
    db_acquire_timeout: float = 5.0
    db_command_timeout: float = 30.0

    redis_sentinels: list[tuple[str, int]] = [("sentinel-0", 26379), ("sentinel-1", 26379)]
    redis_master_name: str = "billing-cache"
    idempotency_redis_url: str = "redis://idempotency:6379/0"
    pubsub_host: str = "pubsub"
    pubsub_port: int = 6379

    kafka_bootstrap: str = "kafka:9092"
    usage_topic: str = "usage-events"

    tax_base_url: str = "https://api.taxprovider.example"
    tax_api_key: str = ""
    tax_rates_url: str = "https://rates.taxprovider.example/v1/table.json"
    payments_base_url: str = "https://api.payments.example"
    payments_api_key: str = ""
    payments_timeout_s: float = 15.0

    archive_dir: str = "/var/lib/billing/invoices"
    dunning_interval_s: int = 3600
    close_check_interval_s: int = 900
    webhook_max_attempts: int = 5
    ingest_rate_per_minute: int = 6000
    portal_max_connections: int = 2000
    portal_idle_timeout_s: float = 60.0


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

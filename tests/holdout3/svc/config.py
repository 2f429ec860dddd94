from __future__ import annotations

from functools import lru_cache

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Runtime configuration, read from MKT_* environment variables."""

    model_config = SettingsConfigDict(env_prefix="MKT_", env_file=".env", extra="ignore")

    environment: str = "development"
    service_name: str = "marketplace-api"
    log_level: str = "INFO"

    # Primary database (SQLAlchemy with the asyncpg driver)
    database_url: str = "postgresql+asyncpg://market:market@localhost:5432/market"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    db_pool_timeout: float = 5.0
    db_statement_timeout_ms: int = 5000

    # Ledger (raw asyncpg, dedicated role on the same cluster)
    ledger_dsn: str = "postgresql://ledger:ledger@localhost:5432/market"
    ledger_pool_min: int = 2
    ledger_pool_max: int = 10
    ledger_connect_timeout: float = 5.0
    ledger_acquire_timeout: float = 2.0
    ledger_command_timeout: float = 10.0

    # Read replica for ad-hoc admin reports
    reporting_dsn: str = "postgresql+asyncpg://reporting:reporting@localhost:5433/market"

    # Redis: cache/locks/pub-sub behind Sentinel, carts on their own instance
    redis_sentinels: list[str] = Field(default_factory=lambda: ["localhost:26379"])
    redis_master_name: str = "market-cache"
    redis_socket_timeout: float = 0.5
    redis_connect_timeout: float = 1.0
    session_redis_host: str = "localhost"
    session_redis_port: int = 6380
    arq_redis_host: str = "localhost"
    arq_redis_port: int = 6379

    # Payment provider (PayStream)
    payments_base_url: str = "https://api.paystream.example/v2"
    payments_api_key: SecretStr = SecretStr("")
    payments_webhook_secret: SecretStr = SecretStr("")

    kyc_base_url: str = "https://kyc.example/api"
    kyc_api_key: SecretStr = SecretStr("")
    fx_base_url: str = "https://fx.example"
    tax_base_url: str = "https://tax.example"
    tax_client_id: str = ""
    tax_client_secret: SecretStr = SecretStr("")
    recs_base_url: str = "http://recs.internal:8080"
    search_base_url: str = "http://search.internal:9200"

    invoice_dir: str = "/var/lib/market/invoices"
    media_dir: str = "/var/lib/market/media"
    fee_schedule_path: str = "/etc/market/fee_schedule.csv"
    admin_token: SecretStr = SecretStr("")

    payout_batch_size: int = 200
    payout_min_amount_minor: int = 1000
    payout_provider_concurrency: int = 8
    payout_requests_per_hour: int = 10
    feed_queue_size: int = 100
    feed_max_connections_per_seller: int = 5
    ws_idle_timeout: float = 90.0
    abuse_limit_per_minute: int = 600
    platform_fee_bps: int = 1000
    outbox_batch_size: int = 50


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

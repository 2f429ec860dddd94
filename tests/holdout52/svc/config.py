from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BROKER_", env_file=".env")

    env: str = "dev"
    database_url: str = "postgresql+asyncpg://broker:broker@localhost:5432/broker"
    reporting_database_url: str = "postgresql+asyncpg://broker:broker@localhost:5433/broker"
    asyncpg_dsn: str = "postgresql://broker:broker@localhost:5432/broker"
    redis_url: str = "redis://localhost:6379/0"

    gateway_base_url: str = "https://gateway.example-broker.net"
    gateway_api_key: str = ""
    gateway_webhook_secret: str = "change-me"
    kyc_base_url: str = "https://kyc.example-vendor.com/api"
    kyc_api_key: str = ""
    refdata_base_url: str = "https://refdata.example-vendor.com"
    exchange_feed_url: str = "wss://feed.example-exchange.com/v2/stream"
    exchange_feed_token: str = ""
    statements_bucket_dir: str = "/var/lib/broker/statements"

    db_pool_size: int = 20
    db_max_overflow: int = 10
    http_timeout_seconds: float = 4.0

    quote_cache_ttl_seconds: int = 2
    public_quote_rate_per_minute: int = 120
    max_ws_connections: int = 5000
    ws_idle_timeout_seconds: float = 45.0

    maintenance_margin_ratio: float = Field(default=0.25, ge=0.0, le=1.0)
    max_order_notional: float = 250_000.0
    max_position_qty: int = 50_000

    fills_stream: str = "gateway:fills"
    fills_group: str = "fill-consumers"


@lru_cache
def get_settings() -> Settings:
    return Settings()

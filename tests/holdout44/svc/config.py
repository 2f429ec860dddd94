"""Runtime configuration for the custody backend."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CUSTODY_", env_file=".env")

    environment: str = "dev"
    service_name: str = "custody-api"

    database_url: str = "postgresql+asyncpg://custody:custody@localhost:5432/custody"
    raw_dsn: str = "postgresql://custody:custody@localhost:5432/custody"
    db_pool_size: int = 20
    db_max_overflow: int = 10
    db_pool_timeout_s: float = 5.0

    redis_url: str = "redis://localhost:6379/0"

    node_urls: dict[str, str] = Field(
        default_factory=lambda: {
            "btc": "http://btc-node:8332",
            "eth": "http://eth-node:8545",
        }
    )
    node_stream_host: str = "btc-node"
    node_stream_port: int = 28332
    required_confirmations: dict[str, int] = Field(default_factory=lambda: {"btc": 3, "eth": 12})

    signer_url: str = "https://signer.internal:8443"
    signer_api_key: str = ""
    signer_timeout_s: float = 20.0

    price_feed_url: str = "https://prices.example.com/v2"
    price_feed_key: str = ""
    price_cache_ttl_s: int = 30

    compliance_url: str = "https://screening.example.com"
    webhook_signing_secret: str = "change-me"

    xpub_dir: str = "/etc/custody/xpubs"
    hot_wallet_ids: dict[str, str] = Field(default_factory=lambda: {"btc": "hot-btc-1", "eth": "hot-eth-1"})
    sweep_threshold: dict[str, Decimal] = Field(
        default_factory=lambda: {"btc": Decimal("0.05"), "eth": Decimal("1.0")}
    )
    sweep_pause_s: float = 0.5
    withdrawal_daily_limit: Decimal = Decimal("250000")
    required_approvals: int = 2

    api_key_iterations: int = 600_000
    ws_max_connections_per_customer: int = 5
    ws_idle_timeout_s: float = 60.0

    poll_interval_s: float = 10.0
    confirmation_interval_s: float = 15.0
    reconcile_interval_s: float = 300.0


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

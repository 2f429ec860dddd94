from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _load_retailer_overrides(path: str | None) -> dict[str, dict]:
    """Read per-retailer crawl overrides from a JSON file shipped with the deploy."""
    if not path or not Path(path).exists():
        return {}
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PW_", env_file=".env", extra="ignore")

    env: str = "dev"
    service_name: str = "pricewatch-api"

    database_url: str = "postgresql+asyncpg://pricewatch:pricewatch@localhost:5432/pricewatch"
    raw_dsn: str = "postgresql://pricewatch:pricewatch@localhost:5432/pricewatch"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    db_pool_timeout: float = 5.0
    pg_command_timeout: float = 10.0

    redis_url: str = "redis://localhost:6379/0"
    redis_socket_timeout: float = 2.0

    proxy_list_path: str = "/etc/pricewatch/proxies.txt"
    proxy_max_failures: int = 5
    retailer_overrides_path: str | None = os.environ.get("PW_RETAILER_OVERRIDES")
    default_retailer_rps: float = 1.0
    crawl_queue_size: int = 500
    crawl_concurrency: int = 16
    crawl_batch_size: int = 200
    crawl_interval_minutes: int = 180
    crawl_max_failures: int = 8
    worker_shards: int = 4
    worker_shard_index: int = 0

    email_api_base: str = "https://api.mailrelay.example.com/v3"
    email_api_key: str = ""
    email_from: str = "alerts@pricewatch.example"
    push_api_base: str = "https://push.example.net"
    push_api_key: str = ""
    fx_api_base: str = "https://fx.example.org"
    affiliate_api_base: str = "https://partners.example-affiliates.com"
    affiliate_api_key: str = ""
    affiliate_timeout: float = 10.0

    product_cache_ttl: int = 300
    history_cache_ttl: int = 900
    ws_idle_timeout: float = 60.0
    ws_max_subscriptions: int = 50
    extension_rate_limit_per_minute: int = 120
    redirect_limit_per_minute: int = 30

    jwt_secret: str = Field(default="change-me", repr=False)
    jwt_ttl_seconds: int = 3600 * 24
    history_retention_days: int = 730
    digest_hour_utc: int = 7

    @property
    def retailer_overrides(self) -> dict[str, dict]:
        return _load_retailer_overrides(self.retailer_overrides_path)


@lru_cache
def get_settings() -> Settings:
    return Settings()

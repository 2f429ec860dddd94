"""Runtime settings for the ad platform services."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ADS_", env_file=".env", extra="ignore")

    environment: str = "production"

    database_dsn: str = "postgresql://ads:ads@pg-primary:5432/ads"
    database_url: str = "postgresql+asyncpg://ads:ads@pg-primary:5432/ads"
    reporting_database_url: str = "postgresql+asyncpg://ads:ads@pg-replica:5432/ads"
    db_pool_min: int = 5
    db_pool_max: int = 20
    db_connect_timeout: float = 10.0
    db_command_timeout: float = 15.0
    db_acquire_timeout: float = 2.0

    pacing_redis_host: str = "redis-pacing"
    pacing_redis_port: int = 6379
    redis_socket_timeout: float = 0.25
    cache_sentinels: list[tuple[str, int]] = Field(
        default_factory=lambda: [("sentinel-0", 26379), ("sentinel-1", 26379), ("sentinel-2", 26379)]
    )
    cache_master_name: str = "ads-cache"
    freqcap_redis_url: str = "redis://redis-freqcap:6379/0"
    pubsub_redis_url: str = "redis://redis-pubsub:6379/1"

    exchange_base_url: str = "https://api.rtb-exchange.example.com"
    exchange_token: str = ""
    exchange_mgmt_timeout: float = 10.0
    legacy_exchange_url: str = "https://deals.legacy-exchange.example.com"
    brand_safety_url: str = "https://brandsafety.example.com"
    brand_safety_timeout: float = 0.08
    geo_url: str = "https://geo.example.com"
    fx_url: str = "https://fx.example.com"
    billing_url: str = "https://billing.partner.example.com"
    billing_soap_url: str = "https://billing.partner.example.com/soap/InvoiceService"
    taxonomy_url: str = "https://iab.example.com/content-taxonomy-3.0.json"
    win_notice_timeout: float = 1.0

    bid_deadline: float = 0.09
    request_timeout: float = 20.0
    event_batch_size: int = 500
    event_flush_interval: float = 1.0
    aggregation_interval: float = 60.0
    index_refresh_interval: float = 30.0
    dashboard_queue_size: int = 100
    dashboard_idle_timeout: float = 60.0
    dashboard_max_connections: int = 2000
    dashboard_max_message_bytes: int = 4096
    fanout_concurrency: int = 16
    daily_export_quota: int = 20
    rate_limit_per_minute: int = 600
    api_key_iterations: int = 200_000

    export_dir: str = "/var/lib/ads/exports"
    spill_dir: str = "/var/lib/ads/spill"
    creative_specs_path: str = "/etc/ads/creative_specs.json"
    rate_card_path: str = "/etc/ads/rate_card.json"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


settings = get_settings()

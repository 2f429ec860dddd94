"""Application settings, read from the environment (FOODLY_*)."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FOODLY_", env_file=".env", extra="ignore")

    environment: str = "production"
    database_dsn: str = "postgresql://foodly:foodly@db:5432/foodly"
    sqlalchemy_dsn: str = "postgresql+asyncpg://foodly:foodly@db:5432/foodly"
    reporting_dsn: str = "postgresql+asyncpg://foodly:foodly@replica:5432/foodly"
    db_pool_min: int = 5
    db_pool_max: int = 20
    db_acquire_timeout: float = 5.0

    redis_sentinels: list[tuple[str, int]] = Field(
        default_factory=lambda: [("sentinel-0", 26379), ("sentinel-1", 26379), ("sentinel-2", 26379)]
    )
    redis_master_name: str = "foodly"
    redis_pubsub_url: str = "redis://redis-events:6379/0"

    payments_base_url: str = "https://api.paynest.example/v2"
    payments_api_key: str = ""
    sms_primary_url: str = "https://api.textwave.example/v1"
    sms_secondary_url: str = "https://gateway.smsrelay.example/v3"
    sms_api_key: str = ""
    maps_base_url: str = "https://routing.routely.example"
    maps_api_key: str = ""
    geocoder_url: str = "https://geo.routely.example/v1/search"
    pos_base_url: str = "https://pos-gateway.example/api"
    pos_webhook_secret: str = "change-me"

    receipts_dir: str = "/var/lib/foodly/receipts"
    assets_dir: str = "/opt/foodly/assets"
    ticket_printer: str = "kitchen-default"
    partner_key_salt: str = "change-me"
    courier_token_secret: str = "change-me"
    customer_token_secret: str = "change-me"
    admin_token: str = "change-me"

    orders_per_minute: int = 5
    tracking_max_connections: int = 5000
    courier_max_connections: int = 2000
    courier_idle_seconds: float = 45.0
    stale_order_minutes: int = 20


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

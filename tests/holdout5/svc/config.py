"""Runtime configuration for the dispatch service."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DISPATCH_", env_file=".env", extra="ignore")

    environment: str = "development"
    database_url: str = "postgresql+asyncpg://dispatch:dispatch@localhost:5432/dispatch"
    locations_dsn: str = "postgresql://dispatch:dispatch@localhost:5432/dispatch"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    db_pool_timeout: float = 5.0
    pg_pool_min: int = 2
    pg_pool_max: int = 20
    pg_acquire_timeout: float = 2.0

    redis_url: str = "redis://localhost:6379/0"
    redis_sentinels: list[tuple[str, int]] = Field(
        default_factory=lambda: [("sentinel-0", 26379), ("sentinel-1", 26379), ("sentinel-2", 26379)]
    )
    redis_bus_master: str = "dispatch-bus"

    maps_base_url: str = "https://maps.example.net"
    maps_api_key: str = ""
    payments_base_url: str = "https://api.payprovider.example"
    payments_api_key: str = ""
    payouts_base_url: str = "https://payouts.payprovider.example"
    fraud_base_url: str = "http://fraud-scoring.internal:8080"
    mail_base_url: str = "https://api.mailer.example/v3"
    mail_api_key: str = ""
    sms_base_url: str = "https://sms.example.com/api"
    sms_api_key: str = ""
    webhook_secret: str = "change-me"
    jwt_secret: str = "change-me"

    surge_cap: float = 3.5
    surge_interval_seconds: float = 15.0
    match_radius_km: float = 3.0
    offer_ttl_seconds: int = 20
    location_queue_size: int = 10_000
    ws_idle_timeout: float = 30.0
    max_ws_per_replica: int = 5000
    broadcast_concurrency: int = 50
    payout_currency: str = "EUR"
    exports_dir: str = "var/exports"
    assets_dir: str = "assets"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


settings = get_settings()

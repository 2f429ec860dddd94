from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FREIGHT_", env_file=".env", extra="ignore")

    environment: str = "dev"
    database_url: str = "postgresql+asyncpg://freight:freight@localhost:5432/freight"
    tracking_dsn: str = "postgresql://freight:freight@localhost:5432/freight"
    reporting_dsn: str = "postgresql+asyncpg://reporter@replica:5432/freight"
    redis_url: str = "redis://localhost:6379/0"

    db_pool_size: int = 10
    db_max_overflow: int = 5
    db_pool_timeout: float = 10.0
    tracking_pool_min: int = 2
    tracking_pool_max: int = 10

    fmcsa_base_url: str = "https://mobile.fmcsa.dot.gov/qc/services"
    fmcsa_web_key: str = ""
    fmcsa_throttle_seconds: float = 0.25
    insurance_base_url: str = "https://api.coverwatch.example.com"
    insurance_api_key: str = ""
    factoring_base_url: str = "https://api.quickpay-factor.example.com"
    factoring_api_key: str = ""
    eld_base_url: str = "https://eld-gateway.example.com"
    eld_feed_host: str = "eld-feed.internal"
    eld_feed_port: int = 7400
    market_rates_url: str = "https://rates.example.com"
    geocode_url: str = "https://geocode.example.com/v1/search"
    smtp_host: str = "smtp.internal"
    smtp_port: int = 587
    mail_from: str = "dispatch@brokerage.example.com"

    documents_root: str = "/var/lib/freight/documents"
    tender_ttl_minutes: int = 30
    ping_queue_size: int = 5000
    max_bids_per_minute: int = 20
    compliance_concurrency: int = 8
    api_key_salt: str = Field(default="change-me", repr=False)
    jwt_secret: str = Field(default="change-me", repr=False)
    ws_idle_seconds: float = 90.0
    ws_max_connections_per_shipper: int = 20


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


settings = get_settings()

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FIELDOPS_", env_file=".env")

    environment: str = "production"
    database_url: str = "postgresql+asyncpg://fieldops@localhost/fieldops"
    asyncpg_dsn: str = "postgresql://fieldops@localhost/fieldops"
    reporting_dsn: str = "postgresql+asyncpg://fieldops_ro@replica/fieldops"
    redis_url: str = "redis://localhost:6379/0"

    db_pool_size: int = 10
    db_max_overflow: int = 10
    pg_pool_min: int = 2
    pg_pool_max: int = 12

    payments_base_url: str = "https://api.paygate.example/v2"
    payments_api_key: str = ""
    payments_webhook_secret: str = ""
    supplier_base_url: str = "https://catalog.partsupply.example"
    supplier_api_key: str = ""
    supplier_feed_url: str = "https://feeds.partsupply.example/full.xml"
    maps_base_url: str = "https://maps.example/api"
    maps_api_key: str = ""
    email_base_url: str = "https://mail.example/v3"
    email_api_key: str = ""
    sms_account_sid: str = ""
    sms_auth_token: str = ""
    sms_sender: str = "+15550100"

    jwt_secret: str = Field(default="change-me", min_length=8)
    jwt_ttl_seconds: int = 3600
    password_iterations: int = 310_000

    tech_idle_timeout: float = 90.0
    board_queue_size: int = 500
    location_flush_seconds: float = 5.0
    catalog_refresh_minutes: int = 360
    contract_horizon_days: int = 30
    invoice_template_dir: str = "templates/invoices"
    manuals_dir: str = "data/manuals"
    rate_limit_per_minute: int = 120


@lru_cache
def get_settings() -> Settings:
    return Settings()

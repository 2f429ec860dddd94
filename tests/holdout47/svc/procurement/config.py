from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PROCURE_", env_file=".env")

    database_url: str = "postgresql+asyncpg://procure:procure@localhost:5432/procure"
    raw_dsn: str = "postgresql://procure:procure@localhost:5432/procure"
    db_pool_size: int = 20
    db_max_overflow: int = 10
    db_pool_timeout: float = 10.0

    redis_url: str = "redis://localhost:6379/0"

    fx_base_url: str = "https://fx.example-rates.net/v2"
    fx_api_key: str = ""
    fx_timeout_seconds: float = 4.0

    supplier_gateway_url: str = "https://suppliers.example-gw.com/api"
    supplier_timeout_seconds: float = 8.0

    edi_endpoint: str = "https://edi.example-van.com/inbound"
    edi_batch_size: int = 50

    partner_feed_urls: list[str] = Field(default_factory=list)
    catalogue_refresh_minutes: int = 30

    dunning_grace_hours: int = 48
    dunning_max_reminders: int = 3

    bid_board_max_connections: int = 500
    jwt_secret: str = "change-me"
    jwt_audience: str = "procure-api"

    base_currency: str = "EUR"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

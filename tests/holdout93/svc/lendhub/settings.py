from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LENDHUB_", env_file=".env")

    database_url: str = "postgresql+asyncpg://lendhub:lendhub@localhost:5432/lendhub"
    raw_dsn: str = "postgresql://lendhub:lendhub@localhost:5432/lendhub"
    redis_url: str = "redis://localhost:6379/0"

    db_pool_size: int = 20
    db_max_overflow: int = 10
    pg_pool_min: int = 2
    pg_pool_max: int = 10

    bureau_base_url: str = "https://trimerge.bureau-gw.example/v3"
    bureau_client_id: str = ""
    bureau_client_secret: str = ""
    bureau_max_pulls_per_minute: int = 30

    aggregator_base_url: str = "https://api.bankdata.example/v2"
    aggregator_api_key: str = ""

    ocr_base_url: str = "https://ocr.docintel.example"
    ocr_api_key: str = ""

    appraisal_vendor_url: str = "https://amc.valuelink.example/api"
    appraisal_webhook_secret: str = "change-me"

    title_api_url: str = "https://title.closingdesk.example"
    title_api_token: str = ""

    pricing_feed_url: str = "https://pricing.investor-feed.example"

    document_root: str = "data/documents"
    delivery_outbox: str = "data/delivery"

    rate_lock_sweep_seconds: int = 60
    trid_sweep_seconds: int = 300
    ws_max_connections_per_officer: int = 5
    jwt_secret: str = Field(default="dev-secret")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="STACKS_", env_file=".env")

    database_url: str = "postgresql+asyncpg://stacks:stacks@localhost:5432/stacks"
    asyncpg_dsn: str = "postgresql://stacks:stacks@localhost:5432/stacks"
    redis_url: str = "redis://localhost:6379/3"

    distributor_base_url: str = "https://api.overdrive-like.example/v2"
    distributor_client_id: str = ""
    distributor_client_secret: str = ""
    payments_base_url: str = "https://pay.example.com/api"
    payments_api_key: str = ""
    payments_webhook_secret: str = ""
    email_base_url: str = "https://mail.example.com/v3"
    email_api_key: str = ""
    sms_account_sid: str = ""
    sms_auth_token: str = ""
    sms_from_number: str = "+15550100"
    union_catalogue_url: str = "https://union.example.org/feeds/marc"
    courier_base_url: str = "https://courier.example.net/api"
    courier_api_key: str = ""

    max_loans_physical: int = 40
    max_loans_digital: int = 10
    max_holds: int = 25
    max_renewals: int = 3
    hold_pickup_days: int = 7
    fine_daily_cents: int = 25
    fine_cap_cents: int = 1500
    block_threshold_cents: int = 1000

    kiosk_shared_salt: str = "change-me"
    staff_token_secret: str = "change-me"
    cover_dir: str = "data/covers"
    export_dir: str = "data/exports"

    db_pool_size: int = 10
    db_max_overflow: int = 5
    asyncpg_min_size: int = 2
    asyncpg_max_size: int = 10
    sweep_interval_s: int = 300
    holds_interval_s: int = 60
    worker_concurrency: int = 8
    ws_idle_timeout_s: float = Field(default=60.0)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

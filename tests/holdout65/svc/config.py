"""Runtime configuration for the reservations backend."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RESV_", env_file=".env", extra="ignore")

    environment: str = "production"
    database_url: str = "postgresql+asyncpg://resv:resv@localhost:5432/resv"
    raw_dsn: str = "postgresql://resv:resv@localhost:5432/resv"
    redis_url: str = "redis://localhost:6379/0"

    db_pool_size: int = 10
    db_max_overflow: int = 5
    db_pool_timeout: float = 10.0

    payments_base_url: str = "https://api.paygate.example/v2"
    payments_api_key: str = ""
    payments_webhook_secret: str = ""

    sms_base_url: str = "https://sms.textrelay.example"
    sms_api_key: str = ""
    sms_sender_id: str = "TABLEHOST"

    pos_base_url: str = "https://pos.vendor.example/api"
    pos_api_token: str = ""
    pos_poll_interval_s: float = 60.0

    legacy_loyalty_url: str = "https://loyalty-legacy.internal/points"

    partner_secrets: dict[str, str] = Field(default_factory=dict)
    partner_callback_timeout_s: float = 10.0

    deposit_party_threshold: int = 6
    deposit_per_cover_cents: int = 1500
    refund_cutoff_hours: int = 24
    no_show_grace_minutes: int = 20
    no_show_fee_cents: int = 2500

    reminder_lead_hours: int = 24
    reminder_batch_size: int = 200

    waitlist_hold_minutes: int = 10
    sms_min_interval_s: float = 30.0

    ws_heartbeat_s: float = 20.0
    ws_max_connections_per_restaurant: int = 25

    staff_token_secret: str = "change-me"
    floor_plan_dir: str = "/var/lib/resv/floorplans"
    export_dir: str = "/var/lib/resv/exports"


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()

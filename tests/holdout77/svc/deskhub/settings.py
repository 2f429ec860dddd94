from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DESKHUB_", env_file=".env", extra="ignore")

    environment: str = "development"
    log_level: str = "INFO"

    database_url: str = "postgresql+asyncpg://deskhub:deskhub@localhost:5432/deskhub"
    pg_dsn: str = "postgresql://deskhub:deskhub@localhost:5432/deskhub"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    redis_url: str = "redis://localhost:6379/0"

    payments_base_url: str = "https://api.paywell.example/v2"
    payments_api_key: str = Field(default="", repr=False)
    payments_webhook_secret: str = Field(default="", repr=False)

    locks_base_url: str = "https://cloud.latchworks.example/api/v1"
    locks_client_id: str = ""
    locks_client_secret: str = Field(default="", repr=False)

    mail_base_url: str = "https://api.postbox.example/v3"
    mail_api_key: str = Field(default="", repr=False)
    sms_base_url: str = "https://sms.textline.example/api"
    sms_api_key: str = Field(default="", repr=False)
    tax_base_url: str = "https://rates.taxdesk.example/v1"
    tax_api_key: str = Field(default="", repr=False)

    badge_printer_port: int = 9100
    floorplan_dir: str = "/srv/deskhub/floorplans"
    export_dir: str = "/srv/deskhub/exports"
    invoice_dir: str = "/srv/deskhub/invoices"

    kiosk_requests_per_minute: int = 30
    bookings_per_minute: int = 20
    availability_ws_max_per_location: int = 200
    ws_heartbeat_seconds: float = 25.0
    reminder_lead_minutes: int = 30
    access_sync_concurrency: int = 8
    visitor_daily_limit: int = 10
    jwt_secret: str = Field(default="change-me", repr=False)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

"""Runtime settings, read once from the environment."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TABLEBOOK_", env_file=".env", extra="ignore")

    environment: str = "production"
    log_level: str = "INFO"
    request_timeout_seconds: float = 15.0
    jwt_secret: str = "change-me"

    database_dsn: str = "postgresql://tablebook@db-primary:5432/tablebook"
    orm_dsn: str = "postgresql+asyncpg://tablebook@db-primary:5432/tablebook"
    reporting_dsn: str = "postgresql+asyncpg://reporting@db-replica:5432/tablebook"
    db_pool_min_size: int = 2
    db_pool_max_size: int = 10
    db_connect_timeout: float = 5.0
    db_acquire_timeout: float = 3.0
    db_command_timeout: float = 15.0

    redis_sentinels: list[str] = Field(
        default_factory=lambda: ["sentinel-0:26379", "sentinel-1:26379", "sentinel-2:26379"]
    )
    redis_service_name: str = "tablebook-cache"
    redis_socket_timeout: float = 2.0
    events_redis_url: str = "redis://floor-events:6379/0"

    payments_base_url: str = "https://api.payments.example.com"
    payments_api_key: str = ""
    payments_webhook_secret: str = ""
    sms_base_url: str = "https://sms.example.net"
    sms_api_key: str = ""
    sms_sender_id: str = "TableBook"
    pos_base_url: str = "https://pos-bridge.example.io"
    pos_api_key: str = ""
    loyalty_base_url: str = "https://loyalty.example.com"
    crm_export_url: str = "https://crm.example.com/api/imports"
    crm_api_token: str = ""
    webhook_signing_secret: str = ""

    export_dir: str = "/var/lib/tablebook/exports"
    floorplan_dir: str = "/etc/tablebook/floorplans"
    wkhtmltopdf_path: str = "/usr/bin/wkhtmltopdf"
    pseudonym_salt: str = "change-me"

    no_show_grace_minutes: int = 15
    no_show_fee_cents: int = 2500
    sweeper_interval_seconds: float = 60.0
    pos_sync_interval_seconds: float = 30.0
    daily_report_hour_utc: int = 6
    hold_ttl_seconds: int = 300
    widget_requests_per_minute: int = 20
    ws_max_connections_per_venue: int = 40
    ws_idle_timeout_seconds: float = 45.0


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


settings = get_settings()

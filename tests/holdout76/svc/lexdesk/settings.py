from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LEXDESK_", env_file=".env", extra="ignore")

    instance_name: str = "api"

    database_url: str = "postgresql+asyncpg://lexdesk@localhost:5432/lexdesk"
    pg_dsn: str = "postgresql://lexdesk@localhost:5432/lexdesk"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    pg_pool_min: int = 2
    pg_pool_max: int = 12
    pg_acquire_timeout: float = 5.0
    pg_command_timeout: float = 30.0

    redis_url: str = "redis://localhost:6379/0"

    jwt_secret: str = Field(default="", repr=False)
    jwt_algorithm: str = "HS256"

    filing_provider_url: str = "https://api.efile-partner.example/v2"
    filing_client_id: str = ""
    filing_client_secret: str = Field(default="", repr=False)
    filing_webhook_secret: str = Field(default="", repr=False)
    efiling_daily_limit: int = 200
    efiling_submits_per_minute: int = 10
    efiling_poll_interval: float = 45.0

    ocr_url: str = "http://ocr-engine:8080"
    ocr_page_timeout: float = 60.0

    court_rules_url: str = "https://courtrules.example/api/v1"

    mail_api_url: str = "https://mail.example/v3/send"
    mail_api_key: str = Field(default="", repr=False)
    mail_from: str = "deadlines@lexdesk.example"
    sms_api_url: str = "https://sms.example/api"
    sms_api_key: str = Field(default="", repr=False)

    vault_bucket: str = "lexdesk-vault"
    s3_region: str = "us-east-1"
    export_dir: str = "/var/lib/lexdesk/exports"
    max_upload_bytes: int = 80 * 1024 * 1024

    ws_idle_timeout: float = 90.0
    ws_max_connections_per_user: int = 5

    reminder_offsets_days: tuple[int, ...] = (14, 7, 1)
    invoice_run_day: int = 1
    invoice_payment_terms_days: int = 30
    tax_rate_bps: int = 0


@lru_cache
def get_settings() -> Settings:
    return Settings()

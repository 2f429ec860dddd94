from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PAYFLOW_", env_file=".env", extra="ignore")

    environment: str = "development"
    database_url: str = "postgresql+asyncpg://payflow:payflow@localhost:5432/payflow"
    reporting_dsn: str = "postgresql://payflow:payflow@localhost:5432/payflow"
    db_pool_size: int = 20
    db_max_overflow: int = 10
    reporting_pool_min: int = 2
    reporting_pool_max: int = 10
    reporting_command_timeout: float = 30.0

    redis_url: str = "redis://localhost:6379/0"
    jobs_stream: str = "payflow:jobs"
    jobs_group: str = "payflow-workers"
    progress_channel_prefix: str = "payrun-progress"

    payments_base_url: str = "https://api.bankrail.example.com/v2"
    payments_api_key: str = ""
    payments_webhook_secret: str = ""

    storage_endpoint: str = "https://s3.eu-west-1.amazonaws.com"
    storage_bucket: str = "payflow-documents"
    storage_region: str = "eu-west-1"

    quickbooks_base_url: str = "https://quickbooks.api.example.com/v3"
    xero_base_url: str = "https://api.xero.example.com/api.xro/2.0"
    xero_token_url: str = "https://identity.xero.example.com/connect/token"
    xero_client_id: str = ""
    xero_client_secret: str = ""

    email_api_url: str = "https://api.mailer.example.com/v1"
    email_api_key: str = ""
    email_from: str = "payroll@payflow.example.com"

    fx_api_url: str = "https://fx.example.com/latest"
    geo_api_url: str = "https://geo.example.com/v1"
    jurisdiction_api_url: str = "https://jurisdictions.example.com/v1"

    jwt_secret: str = "change-me"
    jwt_algorithm: str = "HS256"
    access_token_minutes: int = 60
    password_hash_rounds: int = 12

    kiosk_ca_bundle: str = "/etc/payflow/kiosk-ca.pem"
    pdf_font_dir: str = "/usr/share/fonts/truetype/dejavu"
    tax_tables_dir: str = "/etc/payflow/tax-tables"

    reminder_interval_seconds: int = 300
    payout_poll_interval_seconds: int = 60
    accounting_sync_interval_seconds: int = 120
    max_payout_concurrency: int = 16
    cpu_workers: int = Field(default=4, ge=1)


@lru_cache
def get_settings() -> Settings:
    return Settings()

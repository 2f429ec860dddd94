from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PULSEWATCH_", env_file=".env", extra="ignore")

    environment: str = "production"
    debug: bool = False
    region: str = "eu-west-1"

    database_url: str = "postgresql://pulsewatch:pulsewatch@localhost:5432/pulsewatch"
    sqlalchemy_url: str = "postgresql+asyncpg://pulsewatch:pulsewatch@localhost:5432/pulsewatch"
    db_pool_min: int = 5
    db_pool_max: int = 30
    db_command_timeout: float = 10.0
    db_acquire_timeout: float = 5.0

    redis_url: str = "redis://localhost:6379/0"

    jwt_secret: str = Field(default="change-me", repr=False)
    jwt_ttl_seconds: int = 3600 * 12
    bcrypt_rounds: int = 12

    api_base_url: str = "https://api.pulsewatch.io"
    public_base_url: str = "https://status.pulsewatch.io"
    ingest_url: str = "https://ingest.pulsewatch.io/v1/results"
    prober_token: str = Field(default="", repr=False)

    email_api_url: str = "https://api.mailrelay.example/v3/send"
    email_api_key: str = Field(default="", repr=False)
    email_from: str = "alerts@pulsewatch.io"

    sms_api_url: str = "https://sms.gateway.example/v1/messages"
    sms_api_key: str = Field(default="", repr=False)
    sms_sender: str = "Pulsewatch"

    slack_api_url: str = "https://slack.com/api"
    metrics_api_url: str = "http://tsdb.internal:8428"

    asset_dir: str = "/var/lib/pulsewatch/assets"
    report_dir: str = "/var/lib/pulsewatch/reports"
    wkhtmltopdf_bin: str = "/usr/bin/wkhtmltopdf"

    probe_concurrency: int = 200
    probe_batch_size: int = 500
    confirmation_window_s: int = 120
    retention_days: int = 90
    escalation_poll_s: float = 15.0
    max_ws_message_bytes: int = 4096


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

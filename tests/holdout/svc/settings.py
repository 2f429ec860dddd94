from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Runtime configuration, read from SHIPTRACK_* environment variables."""

    model_config = SettingsConfigDict(env_prefix="SHIPTRACK_", env_file=".env", extra="ignore")

    environment: str = "development"
    log_level: str = "INFO"

    database_url: str = "postgresql+asyncpg://shiptrack:shiptrack@localhost:5432/shiptrack"
    reporting_database_url: str = "postgresql+psycopg://shiptrack:shiptrack@localhost:5432/shiptrack"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    db_pool_timeout: float = 30.0
    redis_url: str = "redis://localhost:6379/2"

    carrier_api_base: str = "https://carriers.internal.example.net"
    carrier_api_token: str = ""
    geocoder_base_url: str = "https://geocode.example.com/v1"
    geocoder_api_key: str = ""

    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_sender: str = "tracking@shiptrack.example.com"
    sms_gateway_url: str = "https://sms.example.com/api/v2/messages"
    sms_gateway_token: str = ""

    rate_card_path: str = "/srv/shiptrack/rate_cards/current.csv"
    label_template_dir: str = "/srv/shiptrack/label_templates"
    manifest_dir: str = "/srv/shiptrack/manifests"

    eta_refresh_interval_s: float = 120.0
    fanout_poll_interval_s: float = 1.0
    public_tracking_rate_limit: int = 30
    event_retention_days: int = 400
    cors_origins: list[str] = Field(default_factory=lambda: ["https://app.shiptrack.example.com"])
    base_currency: str = "EUR"


@lru_cache
def get_settings() -> Settings:
    return Settings()

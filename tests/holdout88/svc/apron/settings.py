"""Runtime configuration, read from APRON_* environment variables."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APRON_", env_file=".env", extra="ignore")

    environment: str = "dev"
    database_url: str = "postgresql+asyncpg://apron:apron@localhost:5432/apron"
    asyncpg_dsn: str = "postgresql://apron:apron@localhost:5432/apron"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    redis_url: str = "redis://localhost:6379/0"

    airline_ops_url: str = "https://ops-feed.airline.example/v2"
    airline_ops_token: str = ""
    ops_poll_interval_s: float = 60.0
    ops_stream: str = "ops:flight-events"
    ops_consumer_group: str = "apron-ingest"

    delay_api_base_url: str = "https://delays.airline.example/api"
    delay_api_key: str = ""
    weather_base_url: str = "https://wx.provider.example"
    metar_base_url: str = "https://metar.provider.example"
    crew_app_url: str = "https://crew.groundhandler.example/api"
    sms_gateway_url: str = "https://sms.gateway.example/v1"
    billing_api_url: str = "https://billing.airline.example"
    billing_api_key: str = ""

    airports: list[str] = Field(default_factory=lambda: ["MAN", "EDI", "BHX"])
    pin_hash_iterations: int = 200_000
    scanner_pin_salt: str = "apron-scanner"
    min_connect_minutes: int = 45
    sla_scan_interval_s: float = 30.0
    board_cache_ttl_s: int = 20
    export_dir: str = "var/exports"
    template_dir: str = "var/templates"
    ws_token_secret: str = "change-me"
    max_alert_sockets: int = 200


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

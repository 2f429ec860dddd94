"""Runtime settings for the dispatch backend."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """All tunables, read from DISPATCH_* environment variables (or .env in development)."""

    model_config = SettingsConfigDict(env_prefix="DISPATCH_", env_file=".env")

    env: str = "dev"
    database_url: str = "postgresql+asyncpg://dispatch:dispatch@localhost:5432/dispatch"
    raw_dsn: str = "postgresql://dispatch:dispatch@localhost:5432/dispatch"
    db_pool_size: int = 20
    db_max_overflow: int = 10
    db_pool_timeout: float = 5.0

    redis_url: str = "redis://localhost:6379/0"
    redis_socket_timeout: float = 2.0

    psp_base_url: str = "https://api.psp.example.com/v2"
    psp_api_key: str = ""
    psp_webhook_secret: str = ""
    psp_timeout: float = 8.0

    sms_base_url: str = "https://sms.example.net"
    sms_api_key: str = ""
    push_base_url: str = "https://push.example.org/v1"
    push_api_key: str = ""
    maps_base_url: str = "https://routing.example.com"
    maps_api_key: str = ""
    bank_base_url: str = "https://payouts.bank.example.com"
    bank_api_key: str = ""

    jwt_secret: str = "change-me"
    jwt_algorithm: str = "HS256"
    password_iterations: int = 390_000

    surge_cap: float = 3.5
    surge_interval_seconds: int = 30
    match_radius_km: float = 5.0
    offer_timeout_seconds: int = 20
    max_ws_connections: int = 20_000
    ws_idle_timeout: float = 45.0
    payout_batch_size: int = 200
    zones_file: str = "data/zones.geojson"
    report_dir: str = "/var/lib/dispatch/reports"
    notification_concurrency: int = 50
    trip_request_limit_per_minute: int = 6
    allowed_origins: list[str] = Field(default_factory=lambda: ["https://ops.example.com"])


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

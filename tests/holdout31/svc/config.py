"""Runtime configuration, read once from the environment (prefix ``EVC_``)."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EVC_", env_file=".env", extra="ignore")

    log_level: str = "INFO"

    database_url: str = "postgresql+asyncpg://evc:evc@pg-core:5432/evc"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    db_pool_timeout: float = 5.0

    telemetry_dsn: str = "postgresql://evc:evc@pg-telemetry:5432/telemetry"
    telemetry_pool_min: int = 2
    telemetry_pool_max: int = 10
    telemetry_acquire_timeout: float = 2.0

    redis_sentinels: list[tuple[str, int]] = Field(
        default_factory=lambda: [("redis-sentinel-0", 26379), ("redis-sentinel-1", 26379), ("redis-sentinel-2", 26379)]
    )
    redis_master_name: str = "evc-main"
    redis_password: str | None = None
    redis_socket_timeout: float = 2.0

    payment_base_url: str = "https://api.payments.example.com/v2"
    payment_api_key: str = ""
    payment_timeout: float = 8.0

    roaming_base_url: str = "https://hub.roaming.example.net/ocpi/2.2.1"
    roaming_token: str = ""
    roaming_party_id: str = "EVC"
    roaming_country_code: str = "DE"

    grid_base_url: str = "https://dso.grid.example.org/api/v1"
    grid_api_key: str = ""
    market_base_url: str = "https://prices.energy-market.example.com/api"

    notify_base_url: str = "https://notify.example.com/v1"
    notify_api_key: str = ""

    cdr_bucket: str = "evc-cdr-exports"
    templates_dir: str = "/srv/evc/templates"
    static_docs_dir: str = "/srv/evc/docs"

    ocpp_max_connections: int = 5000
    ocpp_heartbeat_interval: int = 300
    ocpp_idle_timeout: float = 900.0
    ocpp_max_message_bytes: int = 65536

    ingest_batch_size: int = 500
    run_scheduler: bool = False
    scheduler_interval: float = 30.0
    reservation_ttl_minutes: int = 15
    capture_batch_size: int = 50
    cdr_batch_size: int = 100

    jwt_secret: str = "change-me"
    jwt_audience: str = "evc-driver-app"
    rate_limit_per_minute: int = 120


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


settings = get_settings()

"""Runtime configuration for the operations backend."""
from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OPS_", env_file=".env")

    service_name: str = "flight-ops"
    environment: str = "dev"

    database_url: str = "postgresql+asyncpg://ops:ops@db:5432/ops"
    raw_dsn: str = "postgresql://ops:ops@db:5432/ops"
    db_pool_size: int = 20
    db_max_overflow: int = 10
    db_pool_timeout: float = 10.0
    pg_pool_min: int = 2
    pg_pool_max: int = 10

    redis_url: str = "redis://redis:6379/0"

    gds_base_url: str = "https://gds.example.net/api/v3"
    gds_api_key: str = ""
    partner_loyalty_url: str = "https://miles.partner.example.com"
    partner_loyalty_token: str = ""
    weather_url: str = "https://wx.example.org"
    fleet_url: str = "http://fleet-config.internal:8080"
    sms_url: str = "https://sms.example.com/v1"
    sms_token: str = ""
    legacy_dcs_host: str = "dcs-gw.internal"
    legacy_dcs_port: int = 7011
    legacy_dcs_http: str = "http://dcs-gw.internal:7012"

    hold_ttl_seconds: int = 600
    max_holds_per_passenger: int = 4
    jwt_secret: str = "change-me"
    jwt_audience: str = "ops-api"
    boarding_pass_dir: str = "/var/lib/ops/passes"
    http_timeout: float = 8.0
    worker_interval_seconds: float = 15.0
    reconcile_window_days: int = 3


@lru_cache(maxsize=None)
def get_settings() -> Settings:
    return Settings()

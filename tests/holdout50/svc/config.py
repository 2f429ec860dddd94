"""Runtime configuration for the resort operations backend."""
from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SKI_", env_file=".env", extra="ignore")

    environment: str = "production"
    resort_code: str = "PKR"
    resort_tz: str = "America/Denver"

    database_url: str = "postgresql+asyncpg://ski:ski@localhost:5432/ski"
    gate_dsn: str = "postgresql://ski:ski@localhost:5432/ski"
    db_pool_size: int = 15
    db_max_overflow: int = 10
    gate_pool_min: int = 4
    gate_pool_max: int = 24

    redis_url: str = "redis://localhost:6379/0"

    weather_api_url: str = "https://api.snowfeed.example/v2"
    weather_api_key: str = ""
    weather_stations: list[str] = ["summit", "midway", "base"]
    avalanche_bulletin_url: str = "https://avalanche.example.org/bulletin/latest.json"

    payment_api_url: str = "https://api.payments.example.com/v1"
    payment_api_key: str = ""
    payment_webhook_secret: str = ""

    pricing_api_url: str = "https://pricing.internal.example/api"
    instructor_api_url: str = "https://schedule.skischool.example/api"
    notify_url: str = "https://notify.example.com/api/v3"
    clearinghouse_url: str = "https://alliance-clearing.example.net/usage"

    lift_telemetry_host: str = "10.20.0.5"
    lift_telemetry_port: int = 7420

    gate_shared_key: str = "change-me"
    staff_token_secret: str = "change-me-too"
    ws_max_connections: int = 4000
    anti_passback_seconds: int = 300
    reconciliation_hour: int = 3
    agreement_dir: str = "/var/lib/skiops/agreements"
    label_printer: str = "rental-desk-1"


@lru_cache
def get_settings() -> Settings:
    return Settings()

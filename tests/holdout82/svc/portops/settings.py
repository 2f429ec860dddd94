from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PORTOPS_", env_file=".env")

    environment: str = "dev"
    terminal_code: str = "NLRTM-EMX"

    database_url: str = "postgresql+asyncpg://portops:portops@localhost:5432/portops"
    raw_dsn: str = "postgresql://portops:portops@localhost:5432/portops"
    db_pool_size: int = 20
    db_max_overflow: int = 10
    db_pool_timeout_s: float = 10.0
    pg_pool_min: int = 2
    pg_pool_max: int = 10
    pg_acquire_timeout_s: float = 5.0

    redis_url: str = "redis://localhost:6379/0"
    redis_max_connections: int = 50

    customs_api_url: str = "https://customs-gw.example.gov/api/v3"
    customs_api_key: str = ""
    shipping_line_edi_url: str = "https://edi-hub.example.com"
    weather_api_url: str = "https://marine-weather.example.com/v1"
    ocr_vendor_url: str = "https://plates.example.net"
    legacy_tos_url: str = "http://tos-legacy.internal:8080"
    tariff_sdk_endpoint: str = "https://tariffs.example.com"

    gate_slot_capacity: int = 40
    telemetry_queue_size: int = 5000
    ws_idle_timeout_s: float = 45.0
    ws_max_connections: int = 500
    report_dir: str = "data/reports"
    edi_archive_dir: str = "data/edi"
    api_key_salt: str = Field(default="change-me")
    jwt_secret: str = Field(default="change-me")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

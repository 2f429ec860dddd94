"""Runtime settings, read from the environment (prefix ``PARCEL_``)."""

from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PARCEL_", env_file=".env", extra="ignore")

    environment: str = "production"
    database_url: str = "postgresql://parcel:parcel@localhost:5432/parcel"
    orm_database_url: str = "postgresql+asyncpg://parcel:parcel@localhost:5432/parcel"
    db_pool_min_size: int = 4
    db_pool_max_size: int = 16
    db_acquire_timeout_s: float = 5.0
    db_command_timeout_s: float = 15.0

    redis_host: str = "redis"
    redis_port: int = 6379
    redis_db: int = 0
    redis_socket_timeout_s: float = 2.0

    carrier_base_url: str = "https://api.northline-carrier.example/v2"
    carrier_api_key: str = ""
    swiftpost_base_url: str = "https://partners.swiftpost.example/api"
    swiftpost_token: str = ""
    geocoder_url: str = "https://geo.internal.example/v1/geocode"
    address_service_url: str = "https://address.internal.example/validate"
    sms_gateway_url: str = "https://sms.internal.example"
    sms_api_key: str = ""

    label_dir: str = "/var/lib/parcel/labels"
    postcode_db_path: str = "/var/lib/parcel/postcodes.sqlite"

    request_timeout_s: float = 30.0
    webhook_timeout_s: float = 8.0
    webhook_max_attempts: int = 8
    webhook_concurrency: int = 32

    tracking_cache_ttl_s: int = 20
    public_tracking_rate_per_min: int = 60
    merchant_rate_per_min: int = 600
    ws_max_connections: int = 4000
    ws_idle_timeout_s: float = 75.0
    reconciliation_hour_utc: int = 2
    poll_interval_s: float = 30.0


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

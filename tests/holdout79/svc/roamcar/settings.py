"""Service configuration.

Everything is read from ``ROAM_*`` environment variables once per process.
"""
from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ROAM_", env_file=".env", extra="ignore")

    environment: str = "dev"
    database_url: str = "postgresql+asyncpg://roam:roam@localhost:5432/roam"
    pg_dsn: str = "postgresql://roam:roam@localhost:5432/roam"
    pg_pool_min: int = 2
    pg_pool_max: int = 10
    redis_url: str = "redis://localhost:6379/0"

    telematics_base_url: str = "https://fleet-api.telematics.example.com"
    telematics_api_key: str = ""
    payments_base_url: str = "https://api.payments.example.com"
    payments_api_key: str = ""
    payments_webhook_secret: str = ""
    kyc_base_url: str = "https://verify.kyc.example.com"
    kyc_api_key: str = ""
    forecast_base_url: str = "http://demand-forecast.internal:8080"
    holidays_base_url: str = "https://date.nager.at"
    push_base_url: str = "https://push.example.com"
    push_api_key: str = ""
    geocoder_url: str = "https://geocode.example.com/v1/search"

    photo_bucket: str = "roam-inspection-photos"
    photo_region: str = "eu-west-1"
    rate_table_path: str = "config/rate_table.json"
    fuel_price_path: str = "config/fuel_prices.csv"
    branch_hours_dir: str = "config/branch_hours"

    jwt_secret: str = "change-me"
    ops_api_tokens: tuple[str, ...] = ()

    currency: str = "EUR"
    late_grace_minutes: int = 29
    late_fee_per_hour_cents: int = 1500
    deposit_hold_hours: int = 72
    overdue_scan_seconds: int = 120
    maintenance_scan_seconds: int = 3600
    deposit_scan_seconds: int = 300
    ws_idle_seconds: int = 90
    unlock_attempts_per_minute: int = 5
    requests_per_minute: int = 240
    telemetry_stream: str = "telemetry:readings"
    alerts_stream: str = "telemetry:alerts"
    alerts_group: str = "ops-alerts"
    positions_channel: str = "fleet:positions"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


# Runtime switches; the admin API can flip them without a redeploy.
FEATURE_FLAGS: dict[str, bool] = {
    "dynamic_pricing": True,
    "keyless_unlock": True,
    "one_way_rentals": True,
}

"""Runtime configuration for the dispatch backend."""
from __future__ import annotations

import logging
import sys
from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict
from pythonjsonlogger import jsonlogger


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DISPATCH_", env_file=".env", extra="ignore")

    environment: str = "development"
    service_name: str = "dispatch-api"

    database_url: str = "postgresql+asyncpg://dispatch:dispatch@localhost:5432/dispatch"
    pg_dsn: str = "postgresql://dispatch:dispatch@localhost:5432/dispatch"
    db_pool_size: int = 20
    db_max_overflow: int = 10
    db_pool_timeout: float = 5.0
    pg_pool_min: int = 2
    pg_pool_max: int = 10
    pg_command_timeout: float = 10.0

    redis_url: str = "redis://localhost:6379/0"
    redis_socket_timeout: float = 2.0

    maps_base_url: str = "https://maps.example.com/api"
    maps_api_key: str = ""
    geocoder_base_url: str = "https://geocode.example.com/v2"
    payments_base_url: str = "https://api.payments.example.com"
    payments_api_key: str = ""
    payments_webhook_secret: str = ""
    bank_base_url: str = "https://payouts.bank.example.com"
    bank_api_key: str = ""
    sms_base_url: str = "https://sms.example.com"
    push_url: str = "https://push.example.com/v1/send"
    telematics_host: str = "telematics.internal"
    telematics_port: int = 7600

    match_radius_km: float = 5.0
    match_candidates: int = 8
    offer_ttl_seconds: int = 20
    surge_recompute_seconds: int = 30
    surge_cap: float = 3.5
    surge_floor: float = 1.0
    location_queue_size: int = 10_000
    location_stale_seconds: int = 90
    ws_idle_timeout: float = 45.0
    payout_batch_size: int = 200
    payout_concurrency: int = 10
    receipts_dir: str = "/var/lib/dispatch/receipts"
    jwt_secret: str = "change-me"
    jwt_algorithm: str = "HS256"
    pin_hash_iterations: int = 210_000
    ride_requests_per_minute: int = 6


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(
        jsonlogger.JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s", rename_fields={"levelname": "level"})
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if settings.environment == "development" else logging.INFO)
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)

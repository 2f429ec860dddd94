"""Runtime settings for the fleet telemetry service."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FLEET_", env_file=".env", extra="ignore")

    app_name: str = "fleet-telemetry"
    request_timeout_s: float = 30.0

    database_url: str = "postgresql://fleet:fleet@localhost:5432/fleet"
    sqlalchemy_url: str = "postgresql+asyncpg://fleet:fleet@localhost:5432/fleet"
    db_pool_min: int = 2
    db_pool_max: int = 10
    db_acquire_timeout: float = 5.0
    db_command_timeout: float = 15.0

    cache_redis_url: str = "redis://localhost:6379/0"
    stream_redis_url: str = "redis://localhost:6379/1"
    redis_sentinels: list[tuple[str, int]] = Field(default_factory=lambda: [("localhost", 26379)])
    redis_sentinel_service: str = "fleet-cache"
    lock_redis_host: str = "localhost"
    lock_redis_port: int = 6379
    redis_socket_timeout: float = 2.0

    telemetry_stream: str = "telemetry:ingest"
    telemetry_group: str = "ingest-workers"
    telemetry_stream_maxlen: int = 500_000
    telemetry_max_points: int = 2_000

    ota_base_url: str = "https://ota.internal.example.com"
    ota_api_token: str = ""
    ota_callback_secret_path: str = "/etc/fleet/ota-callback.key"
    geocoder_url: str = "https://geo.internal.example.com"
    speed_limit_url: str = "https://roads.internal.example.com"
    sms_gateway_url: str = "https://sms.internal.example.com/v1/messages"
    sms_api_key: str = ""
    webhook_signing_secret: str = ""

    firmware_dir: str = "/var/lib/fleet/firmware"
    export_dir: str = "/var/lib/fleet/exports"
    signing_pubkey_path: str = "/etc/fleet/ota-signing.pem"

    dispatcher_jwt_secret: str = "change-me"
    retention_days: int = 90
    rollup_retention_days: int = 730
    aggregation_interval_s: float = 60.0
    ws_max_clients: int = 500
    ws_idle_timeout_s: float = 60.0
    ws_max_message_bytes: int = 16_384
    device_rate_limit_per_min: int = 120
    command_rate_limit_per_min: int = 10


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


settings = get_settings()

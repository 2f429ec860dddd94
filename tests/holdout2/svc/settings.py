"""Runtime configuration, read from the environment (prefix ``TELEM_``)."""
from __future__ import annotations

import functools

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TELEM_", env_file=".env", extra="ignore")

    environment: str = "dev"
    log_level: str = "INFO"

    # Postgres: asyncpg for the hot paths, SQLAlchemy for the ORM-managed tables.
    database_dsn: str = "postgresql://telemetry:telemetry@localhost:5432/telemetry"
    orm_database_url: str = "postgresql+asyncpg://telemetry:telemetry@localhost:5432/telemetry"
    db_pool_min_size: int = 2
    db_pool_max_size: int = 10
    db_connect_timeout: float = 10.0
    db_acquire_timeout: float = 5.0
    db_command_timeout: float = 30.0

    redis_url: str = "redis://localhost:6379/0"
    redis_socket_timeout: float = 2.0
    redis_connect_timeout: float = 2.0

    # Third-party APIs.
    weather_api_url: str = "https://api.open-meteo.com/v1"
    notifier_url: str = "https://push.example-notify.io/v2"
    notifier_token: str = ""
    geocoder_url: str = "https://nominatim.openstreetmap.org"
    firmware_cdn_url: str = "https://firmware.example-cdn.net"
    billing_url: str = "https://billing.example.com/api"
    billing_client_id: str = ""
    billing_client_secret: str = ""
    jwks_url: str = "https://id.example.com/.well-known/jwks.json"
    jwt_audience: str = "telemetry-dashboard"
    webhook_timeout: float = 5.0
    webhook_signing_secret: str = "change-me"

    # Ingestion and websockets.
    ingest_queue_size: int = 10_000
    ingest_batch_size: int = 500
    ingest_flush_interval: float = 1.0
    ws_idle_timeout: float = 90.0
    ws_heartbeat_interval: float = 30.0
    ws_max_message_bytes: int = 64 * 1024
    ws_max_connections: int = 5_000
    command_ack_timeout: float = 120.0

    # Rate limits (requests per minute).
    api_rate_limit: int = 600
    bulk_rate_limit: int = 30

    # Background jobs.
    rollup_interval: float = 300.0
    retention_days: int = 30
    retention_interval: float = 3600.0
    usage_report_interval: float = 3600.0
    firmware_sync_interval: float = 900.0
    escalation_cooldown: float = 900.0

    # Files.
    export_dir: str = "/var/lib/telemetry/exports"
    firmware_dir: str = "/var/lib/telemetry/firmware"
    archive_dir: str = "/var/lib/telemetry/archive"
    archive_bucket: str = "s3://telemetry-archive"
    signing_key_path: str = "/etc/telemetry/firmware-signing.key"

    device_secret_pepper: str = "change-me"
    firmware_url_key: str = "change-me"
    ops_key_digest: str = ""


@functools.cache
def get_settings() -> Settings:
    return Settings()

"""Runtime configuration for the fleet backend, read once from the environment."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    return float(raw) if raw else default


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


@dataclass(frozen=True)
class Settings:
    database_url: str
    reporting_database_url: str
    telemetry_dsn: str
    redis_url: str
    ca_base_url: str
    ca_api_token: str
    cdn_base_url: str
    notify_base_url: str
    notify_api_key: str
    mqtt_host: str
    mqtt_port: int
    pg_acquire_timeout: float
    ingest_queue_size: int
    ingest_batch_size: int
    ingest_flush_seconds: float
    wave_poll_seconds: float
    cert_renew_window_days: int
    cert_rotation_concurrency: int
    ws_idle_timeout: float
    ws_max_connections_per_site: int
    command_rate_per_minute: int
    telemetry_rate_per_second: int
    provisioning_rate_per_minute: int
    firmware_dir: str
    key_dir: str
    alert_eval_seconds: float


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings(
        database_url=_env("FLEET_DATABASE_URL", "postgresql+asyncpg://fleet:fleet@localhost/fleet"),
        reporting_database_url=_env("FLEET_REPORTING_URL", "postgresql+asyncpg://fleet:fleet@replica/fleet"),
        telemetry_dsn=_env("FLEET_TELEMETRY_DSN", "postgresql://fleet:fleet@localhost/telemetry"),
        redis_url=_env("FLEET_REDIS_URL", "redis://localhost:6379/0"),
        ca_base_url=_env("FLEET_CA_URL", "https://ca.internal.example"),
        ca_api_token=_env("FLEET_CA_TOKEN", ""),
        cdn_base_url=_env("FLEET_CDN_URL", "https://cdn.internal.example"),
        notify_base_url=_env("FLEET_NOTIFY_URL", "https://api.pager.example"),
        notify_api_key=_env("FLEET_NOTIFY_KEY", ""),
        mqtt_host=_env("FLEET_MQTT_HOST", "localhost"),
        mqtt_port=_env_int("FLEET_MQTT_PORT", 1883),
        pg_acquire_timeout=_env_float("FLEET_PG_ACQUIRE_TIMEOUT", 5.0),
        ingest_queue_size=_env_int("FLEET_INGEST_QUEUE", 20_000),
        ingest_batch_size=_env_int("FLEET_INGEST_BATCH", 500),
        ingest_flush_seconds=_env_float("FLEET_INGEST_FLUSH", 1.0),
        wave_poll_seconds=_env_float("FLEET_WAVE_POLL", 30.0),
        cert_renew_window_days=_env_int("FLEET_CERT_WINDOW_DAYS", 30),
        cert_rotation_concurrency=_env_int("FLEET_CERT_CONCURRENCY", 8),
        ws_idle_timeout=_env_float("FLEET_WS_IDLE", 90.0),
        ws_max_connections_per_site=_env_int("FLEET_WS_MAX_PER_SITE", 50),
        command_rate_per_minute=_env_int("FLEET_CMD_RATE", 30),
        telemetry_rate_per_second=_env_int("FLEET_TELEMETRY_RATE", 50),
        provisioning_rate_per_minute=_env_int("FLEET_PROVISION_RATE", 20),
        firmware_dir=_env("FLEET_FIRMWARE_DIR", "/var/lib/fleet/firmware"),
        key_dir=_env("FLEET_KEY_DIR", "/var/lib/fleet/keys"),
        alert_eval_seconds=_env_float("FLEET_ALERT_EVAL", 15.0),
    )

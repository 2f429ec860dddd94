from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
import os

class ConfigError(RuntimeError):
    pass


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from None


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    return default if raw is None else float(raw)


@dataclass(frozen=True)
class Settings:
    env: str = field(default_factory=lambda: os.environ.get("APP_ENV", "dev"))
    database_url: str = field(
        default_factory=lambda: os.environ.get(
            "DATABASE_URL", "postgresql+asyncpg://meter:meter@localhost/meterbill"
        )
    )
    pg_dsn: str = field(
        default_factory=lambda: os.environ.get("PG_DSN", "postgresql://meter:meter@localhost/meterbill")
    )
    redis_url: str = field(default_factory=lambda: os.environ.get("REDIS_URL", "redis://localhost:6379/0"))

    db_pool_size: int = field(default_factory=lambda: _env_int("DB_POOL_SIZE", 10))
    db_max_overflow: int = field(default_factory=lambda: _env_int("DB_MAX_OVERFLOW", 5))
    pg_min_size: int = field(default_factory=lambda: _env_int("PG_MIN_SIZE", 2))
    pg_max_size: int = field(default_factory=lambda: _env_int("PG_MAX_SIZE", 20))
    pg_acquire_timeout: float = field(default_factory=lambda: _env_float("PG_ACQUIRE_TIMEOUT", 5.0))
    pg_command_timeout: float = field(default_factory=lambda: _env_float("PG_COMMAND_TIMEOUT", 30.0))

    payment_api_base: str = field(
        default_factory=lambda: os.environ.get("PAYMENT_API_BASE", "https://api.paybridge.example/v2")
    )
    payment_api_key: str = field(default_factory=lambda: os.environ.get("PAYMENT_API_KEY", ""))
    payment_webhook_secret: str = field(default_factory=lambda: os.environ.get("PAYMENT_WEBHOOK_SECRET", ""))

    sms_api_base: str = field(default_factory=lambda: os.environ.get("SMS_API_BASE", "https://sms.example/api"))
    sms_api_key: str = field(default_factory=lambda: os.environ.get("SMS_API_KEY", ""))
    mail_api_base: str = field(default_factory=lambda: os.environ.get("MAIL_API_BASE", "https://mail.example/v1"))
    mail_api_key: str = field(default_factory=lambda: os.environ.get("MAIL_API_KEY", ""))
    geocoder_url: str = field(
        default_factory=lambda: os.environ.get("GEOCODER_URL", "https://geo.example/lookup")
    )
    storage_base: str = field(
        default_factory=lambda: os.environ.get("EXPORT_STORAGE_BASE", "https://objects.example/exports")
    )
    storage_token: str = field(default_factory=lambda: os.environ.get("EXPORT_STORAGE_TOKEN", ""))

    gateway_port: int = field(default_factory=lambda: _env_int("GATEWAY_PORT", 8443))
    gateway_rate_per_minute: int = field(default_factory=lambda: _env_int("GATEWAY_RATE_PER_MINUTE", 120))
    ingest_queue_size: int = field(default_factory=lambda: _env_int("INGEST_QUEUE_SIZE", 5000))

    ws_idle_timeout: float = field(default_factory=lambda: _env_float("WS_IDLE_TIMEOUT", 90.0))
    ws_max_per_account: int = field(default_factory=lambda: _env_int("WS_MAX_PER_ACCOUNT", 5))
    ws_queue_size: int = field(default_factory=lambda: _env_int("WS_QUEUE_SIZE", 100))

    profile_path: str = field(
        default_factory=lambda: os.environ.get("LOAD_PROFILE_PATH", "/etc/meterbill/load_profiles.json")
    )
    export_dir: str = field(default_factory=lambda: os.environ.get("EXPORT_DIR", "/var/lib/meterbill/exports"))

    dunning_grace_days: int = field(default_factory=lambda: _env_int("DUNNING_GRACE_DAYS", 14))
    estimate_after_hours: int = field(default_factory=lambda: _env_int("ESTIMATE_AFTER_HOURS", 48))
    notify_concurrency: int = field(default_factory=lambda: _env_int("NOTIFY_CONCURRENCY", 20))
    api_key_salt: str = field(default_factory=lambda: os.environ.get("API_KEY_SALT", "change-me"))


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


settings = get_settings()

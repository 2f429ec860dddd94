from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache


def _env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise RuntimeError(f"missing required setting {name}")
    return value


@dataclass(frozen=True)
class Settings:
    environment: str = field(default_factory=lambda: _env("GLIDE_ENV", "dev"))
    database_url: str = field(
        default_factory=lambda: _env("DATABASE_URL", "postgresql+asyncpg://glide@localhost/glide")
    )
    database_url_sync: str = field(
        default_factory=lambda: _env("DATABASE_URL_SYNC", "postgresql+psycopg://glide@localhost/glide")
    )
    db_pool_size: int = field(default_factory=lambda: int(_env("DB_POOL_SIZE", "20")))
    db_max_overflow: int = field(default_factory=lambda: int(_env("DB_MAX_OVERFLOW", "10")))
    redis_url: str = field(default_factory=lambda: _env("REDIS_URL", "redis://localhost:6379/0"))
    jwt_secret: str = field(default_factory=lambda: _env("JWT_SECRET", "dev-secret"))
    jwt_ttl_seconds: int = 3600 * 24
    payment_gateway_url: str = field(
        default_factory=lambda: _env("PAYMENT_GATEWAY_URL", "https://pay.example.com/v2")
    )
    payment_gateway_key: str = field(default_factory=lambda: _env("PAYMENT_GATEWAY_KEY", "sk_test"))
    iot_bridge_url: str = field(default_factory=lambda: _env("IOT_BRIDGE_URL", "https://iot.example.com"))
    iot_bridge_token: str = field(default_factory=lambda: _env("IOT_BRIDGE_TOKEN", "dev"))
    iot_webhook_secret: str = field(default_factory=lambda: _env("IOT_WEBHOOK_SECRET", "whsec"))
    sms_url: str = field(default_factory=lambda: _env("SMS_URL", "https://sms.example.com/send"))
    sms_token: str = field(default_factory=lambda: _env("SMS_TOKEN", "dev"))
    maps_url: str = field(default_factory=lambda: _env("MAPS_URL", "https://geo.example.com"))
    fraud_url: str = field(default_factory=lambda: _env("FRAUD_URL", "https://risk.example.com"))
    storage_bucket: str = field(default_factory=lambda: _env("STORAGE_BUCKET", "glide-media"))
    storage_url: str = field(default_factory=lambda: _env("STORAGE_URL", "https://s3.example.com"))
    photo_spool_dir: str = field(default_factory=lambda: _env("PHOTO_SPOOL_DIR", "/var/spool/glide/photos"))
    export_dir: str = field(default_factory=lambda: _env("EXPORT_DIR", "/var/lib/glide/exports"))
    city_boundary_path: str = field(
        default_factory=lambda: _env("CITY_BOUNDARY_PATH", "/etc/glide/city_boundary.geojson")
    )
    unlock_fee_cents: int = 100
    max_billable_minutes: int = 240
    low_battery_pct: int = 20
    swap_claim_ttl_seconds: int = 900
    stale_ride_hours: int = 6
    fine_payment_days: int = 14
    unlock_attempts_per_minute: int = 6
    login_attempts_before_lock: int = 5


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)

"""Runtime configuration.

Values are read from the environment once at import time. Module-level
constants are kept for the older call sites that import them directly;
new code should go through ``settings``.
"""

from __future__ import annotations

import os


def _env_int(name: str, default: int) -> int:
    raw = os.getenv(name)
    return int(raw) if raw else default


def _env_float(name: str, default: float) -> float:
    raw = os.getenv(name)
    return float(raw) if raw else default


def _env_bool(name: str, default: bool) -> bool:
    raw = os.getenv(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


ENVIRONMENT = os.getenv("ENVIRONMENT", "development")

DATABASE_URL = os.getenv(
    "DATABASE_URL", "postgresql://trading:trading@localhost:5432/trading"
)
REDIS_URL = os.getenv("REDIS_URL", "redis://localhost:6379/0")
TICKER_SERVICE_URL = os.getenv("TICKER_SERVICE_URL", "http://ticker-service:8080")
WEBHOOK_URL = os.getenv("WEBHOOK_URL", "https://hooks.internal.example.com/trading")
NOTIFY_EMAIL_URL = os.getenv("NOTIFY_EMAIL_URL", "https://mailer.internal.example.com/send")

DB_POOL_MIN_SIZE = _env_int("DB_POOL_MIN_SIZE", 5)
DB_POOL_MAX_SIZE = _env_int("DB_POOL_MAX_SIZE", 20)
DB_CONNECT_TIMEOUT = _env_float("DB_CONNECT_TIMEOUT", 10.0)
DB_ACQUIRE_TIMEOUT = _env_float("DB_ACQUIRE_TIMEOUT", 5.0)

TICKER_TIMEOUT_SECONDS = _env_float("TICKER_TIMEOUT_SECONDS", 5.0)
WEBHOOK_TIMEOUT_SECONDS = _env_float("WEBHOOK_TIMEOUT_SECONDS", 5.0)

PRICE_POLL_INTERVAL_SECONDS = _env_float("PRICE_POLL_INTERVAL_SECONDS", 2.0)
ORDER_CLEANUP_INTERVAL_SECONDS = _env_float("ORDER_CLEANUP_INTERVAL_SECONDS", 60.0)
ALERT_CHECK_INTERVAL_SECONDS = _env_float("ALERT_CHECK_INTERVAL_SECONDS", 5.0)
STALE_ORDER_MINUTES = _env_int("STALE_ORDER_MINUTES", 30)
ALERT_QUEUE_SIZE = _env_int("ALERT_QUEUE_SIZE", 1000)

MAX_ORDER_NOTIONAL = _env_float("MAX_ORDER_NOTIONAL", 250_000.0)
MAX_POSITION_CONCENTRATION = _env_float("MAX_POSITION_CONCENTRATION", 0.25)
RATE_LIMIT_PER_MINUTE = _env_int("RATE_LIMIT_PER_MINUTE", 120)

CORS_ORIGINS = [
    origin.strip()
    for origin in os.getenv(
        "CORS_ORIGINS", "http://localhost:3000,https://app.example-trading.com"
    ).split(",")
    if origin.strip()
]


class Settings:
    """Typed view over the environment-derived constants above."""

    def __init__(self) -> None:
        self.environment: str = ENVIRONMENT
        self.debug: bool = _env_bool("DEBUG", ENVIRONMENT == "development")
        self.database_url: str = DATABASE_URL
        self.redis_url: str = REDIS_URL
        self.ticker_service_url: str = TICKER_SERVICE_URL
        self.webhook_url: str = WEBHOOK_URL
        self.notify_email_url: str = NOTIFY_EMAIL_URL
        self.db_pool_min_size: int = DB_POOL_MIN_SIZE
        self.db_pool_max_size: int = DB_POOL_MAX_SIZE
        self.db_connect_timeout: float = DB_CONNECT_TIMEOUT
        self.db_acquire_timeout: float = DB_ACQUIRE_TIMEOUT
        self.ticker_timeout: float = TICKER_TIMEOUT_SECONDS
        self.webhook_timeout: float = WEBHOOK_TIMEOUT_SECONDS
        self.price_poll_interval: float = PRICE_POLL_INTERVAL_SECONDS
        self.order_cleanup_interval: float = ORDER_CLEANUP_INTERVAL_SECONDS
        self.alert_check_interval: float = ALERT_CHECK_INTERVAL_SECONDS
        self.stale_order_minutes: int = STALE_ORDER_MINUTES
        self.alert_queue_size: int = ALERT_QUEUE_SIZE
        self.max_order_notional: float = MAX_ORDER_NOTIONAL
        self.max_position_concentration: float = MAX_POSITION_CONCENTRATION
        self.rate_limit_per_minute: int = RATE_LIMIT_PER_MINUTE
        self.cors_origins: list[str] = list(CORS_ORIGINS)

    @property
    def is_production(self) -> bool:
        return self.environment == "production"


settings = Settings()

"""Runtime configuration for the PMS backend.

Values come from the environment; a handful of secrets may also be mounted
as files by the orchestrator (``*_FILE`` variables).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


def _read_secret(name: str, default: str = "") -> str:
    file_var = os.environ.get(f"{name}_FILE")
    if file_var and Path(file_var).exists():
        with open(file_var, encoding="utf-8") as handle:
            return handle.read().strip()
    return os.environ.get(name, default)


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


@dataclass(frozen=True)
class Settings:
    env: str = field(default_factory=lambda: os.environ.get("PMS_ENV", "dev"))
    database_url: str = field(
        default_factory=lambda: _read_secret("DATABASE_URL", "postgresql+asyncpg://pms:pms@localhost/pms")
    )
    raw_dsn: str = field(default_factory=lambda: _read_secret("RAW_DSN", "postgresql://pms:pms@localhost/pms"))
    redis_url: str = field(default_factory=lambda: os.environ.get("REDIS_URL", "redis://localhost:6379/0"))
    db_pool_size: int = field(default_factory=lambda: _int("DB_POOL_SIZE", 10))
    channel_manager_url: str = field(
        default_factory=lambda: os.environ.get("CHANNEL_MANAGER_URL", "https://cm.example.net/api/v2")
    )
    channel_manager_key: str = field(default_factory=lambda: _read_secret("CHANNEL_MANAGER_KEY"))
    ota_pull_url: str = field(default_factory=lambda: os.environ.get("OTA_PULL_URL", "https://ota.example.com/xml"))
    payment_url: str = field(default_factory=lambda: os.environ.get("PAYMENT_URL", "https://pay.example.com"))
    payment_key: str = field(default_factory=lambda: _read_secret("PAYMENT_KEY"))
    rate_shopper_url: str = field(
        default_factory=lambda: os.environ.get("RATE_SHOPPER_URL", "https://shopper.example.io")
    )
    loyalty_url: str = field(default_factory=lambda: os.environ.get("LOYALTY_URL", "https://crm.example.io"))
    fx_url: str = field(default_factory=lambda: os.environ.get("FX_URL", "https://fx.example.io/latest"))
    jwks_url: str = field(default_factory=lambda: os.environ.get("JWKS_URL", "https://auth.example.io/jwks"))
    smtp_host: str = field(default_factory=lambda: os.environ.get("SMTP_HOST", "localhost"))
    smtp_port: int = field(default_factory=lambda: _int("SMTP_PORT", 25))
    mail_from: str = field(default_factory=lambda: os.environ.get("MAIL_FROM", "reservations@example-hotel.com"))
    invoice_dir: str = field(default_factory=lambda: os.environ.get("INVOICE_DIR", "/var/lib/pms/invoices"))
    report_dir: str = field(default_factory=lambda: os.environ.get("REPORT_DIR", "/var/lib/pms/reports"))
    hold_ttl_seconds: int = field(default_factory=lambda: _int("HOLD_TTL_SECONDS", 900))
    ws_max_connections: int = field(default_factory=lambda: _int("WS_MAX_CONNECTIONS", 500))
    ws_idle_seconds: int = field(default_factory=lambda: _int("WS_IDLE_SECONDS", 60))
    channel_push_concurrency: int = field(default_factory=lambda: _int("CHANNEL_PUSH_CONCURRENCY", 8))
    webhook_secret: str = field(default_factory=lambda: _read_secret("OTA_WEBHOOK_SECRET"))


@lru_cache(maxsize=None)
def get_settings() -> Settings:
    return Settings()


settings = get_settings()

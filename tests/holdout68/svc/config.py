"""Runtime settings for the clinic network API."""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass


def _env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise RuntimeError(f"missing required setting {name}")
    return value


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str
    reporting_database_url: str
    pg_dsn: str
    redis_url: str
    lab_partner_base_url: str
    lab_partner_token: str
    payment_base_url: str
    payment_secret_key: str
    payment_webhook_secret: str
    sms_base_url: str
    sms_api_key: str
    smtp_host: str
    smtp_port: int
    smtp_sender: str
    insurance_base_url: str
    insurance_client_id: str
    insurance_client_secret: str
    jwt_secret: str
    upload_dir: str
    label_printer: str
    db_pool_size: int = 10
    db_max_overflow: int = 5
    board_max_connections: int = 300
    reminder_batch_size: int = 500
    reminder_concurrency: int = 20
    lab_poll_interval_s: float = 60.0
    insurance_sync_hour: int = 2


@functools.cache
def get_settings() -> Settings:
    return Settings(
        database_url=_env("DATABASE_URL", "postgresql+asyncpg://vet:vet@localhost/vet"),
        reporting_database_url=_env("REPORTING_DATABASE_URL", "postgresql+asyncpg://vet:vet@replica/vet"),
        pg_dsn=_env("PG_DSN", "postgresql://vet:vet@localhost/vet"),
        redis_url=_env("REDIS_URL", "redis://localhost:6379/0"),
        lab_partner_base_url=_env("LAB_PARTNER_URL", "https://api.petlabs.example"),
        lab_partner_token=_env("LAB_PARTNER_TOKEN", ""),
        payment_base_url=_env("PAYMENT_URL", "https://api.payprovider.example/v2"),
        payment_secret_key=_env("PAYMENT_SECRET_KEY", ""),
        payment_webhook_secret=_env("PAYMENT_WEBHOOK_SECRET", ""),
        sms_base_url=_env("SMS_URL", "https://sms.example/api"),
        sms_api_key=_env("SMS_API_KEY", ""),
        smtp_host=_env("SMTP_HOST", "localhost"),
        smtp_port=int(_env("SMTP_PORT", "25")),
        smtp_sender=_env("SMTP_SENDER", "no-reply@pawsnetwork.example"),
        insurance_base_url=_env("INSURANCE_URL", "https://partners.petinsure.example"),
        insurance_client_id=_env("INSURANCE_CLIENT_ID", ""),
        insurance_client_secret=_env("INSURANCE_CLIENT_SECRET", ""),
        jwt_secret=_env("JWT_SECRET", "dev-only"),
        upload_dir=_env("UPLOAD_DIR", "/var/lib/vetapi/uploads"),
        label_printer=_env("LABEL_PRINTER", "pharmacy-zebra"),
        db_pool_size=int(_env("DB_POOL_SIZE", "10")),
        db_max_overflow=int(_env("DB_MAX_OVERFLOW", "5")),
    )

"""Runtime configuration for the claims platform."""
from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache


def _env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise RuntimeError(f"missing required setting {name}")
    return value


@dataclass(frozen=True)
class Settings:
    environment: str
    database_url: str
    reporting_dsn: str
    redis_url: str
    fraud_base_url: str
    fraud_api_key: str
    valuation_base_url: str
    bank_base_url: str
    bank_api_key: str
    ocr_base_url: str
    ocr_callback_url: str
    storage_bucket: str
    storage_endpoint: str
    storage_region: str
    jwt_secret: str
    portal_pin_salt: str
    db_pool_size: int = 20
    db_max_overflow: int = 10
    db_pool_timeout: float = 10.0
    reporting_pool_min: int = 1
    reporting_pool_max: int = 5
    fraud_timeout_seconds: float = 8.0
    bank_timeout_seconds: float = 15.0
    sla_check_interval: int = 60
    ocr_poll_interval: int = 15
    assignment_lock_ttl: int = 30
    max_upload_bytes: int = 25 * 1024 * 1024
    report_output_dir: str = "/var/lib/claims/reports"
    adjuster_default_limit: Decimal = Decimal("10000.00")
    supervisor_default_limit: Decimal = Decimal("75000.00")
    fnol_rate_per_minute: int = 20
    ws_max_connections_per_claim: int = 5


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings(
        environment=_env("CLAIMS_ENV", "dev"),
        database_url=_env("DATABASE_URL", "postgresql+asyncpg://claims:claims@localhost/claims"),
        reporting_dsn=_env("REPORTING_DSN", "postgresql://claims:claims@localhost/claims"),
        redis_url=_env("REDIS_URL", "redis://localhost:6379/0"),
        fraud_base_url=_env("FRAUD_BASE_URL", "https://fraud.internal"),
        fraud_api_key=_env("FRAUD_API_KEY", "dev-key"),
        valuation_base_url=_env("VALUATION_BASE_URL", "https://valuation.internal"),
        bank_base_url=_env("BANK_BASE_URL", "https://api.bank.example"),
        bank_api_key=_env("BANK_API_KEY", "dev-key"),
        ocr_base_url=_env("OCR_BASE_URL", "https://ocr.internal"),
        ocr_callback_url=_env("OCR_CALLBACK_URL", "https://claims.internal/documents/ocr-callback"),
        storage_bucket=_env("STORAGE_BUCKET", "claims-documents"),
        storage_endpoint=_env("STORAGE_ENDPOINT", "https://s3.amazonaws.com"),
        storage_region=_env("STORAGE_REGION", "us-east-1"),
        jwt_secret=_env("JWT_SECRET", "dev-secret"),
        portal_pin_salt=_env("PORTAL_PIN_SALT", "dev-salt"),
        db_pool_size=int(_env("DB_POOL_SIZE", "20")),
        reporting_pool_max=int(_env("REPORTING_POOL_MAX", "5")),
    )

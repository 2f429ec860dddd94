from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache


def _env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise RuntimeError(f"missing required environment variable {name}")
    return value


@dataclass(frozen=True)
class Settings:
    environment: str
    database_url: str
    reporting_database_url: str
    raw_dsn: str
    redis_url: str
    tax_service_url: str
    tax_service_token: str
    hr_base_url: str
    hr_api_key: str
    bank_api_url: str
    bank_client_id: str
    bank_client_secret: str
    push_service_url: str
    jwt_secret: str
    photo_dir: str
    payout_dir: str
    wkhtmltopdf_path: str = "/usr/bin/wkhtmltopdf"
    db_pool_size: int = 20
    db_max_overflow: int = 10
    pg_pool_min: int = 2
    pg_pool_max: int = 10
    payrun_queue: str = "payroll:payruns"
    clock_channel: str = "clock:events"
    kiosk_rate_per_minute: int = 30
    tax_concurrency: int = 8
    cors_origins: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings(
        environment=_env("APP_ENV", "development"),
        database_url=_env("DATABASE_URL", "postgresql+asyncpg://payroll@localhost/payroll"),
        reporting_database_url=_env(
            "REPORTING_DATABASE_URL", "postgresql+asyncpg://payroll@replica/payroll"
        ),
        raw_dsn=_env("RAW_DSN", "postgresql://payroll@localhost/payroll"),
        redis_url=_env("REDIS_URL", "redis://localhost:6379/0"),
        tax_service_url=_env("TAX_SERVICE_URL", "http://tax-tables.internal"),
        tax_service_token=_env("TAX_SERVICE_TOKEN", ""),
        hr_base_url=_env("HR_BASE_URL", "https://hr.example.com/api/v3"),
        hr_api_key=_env("HR_API_KEY", ""),
        bank_api_url=_env("BANK_API_URL", "https://payouts.bank.example.com"),
        bank_client_id=_env("BANK_CLIENT_ID", ""),
        bank_client_secret=_env("BANK_CLIENT_SECRET", ""),
        push_service_url=_env("PUSH_SERVICE_URL", "http://push.internal"),
        jwt_secret=_env("JWT_SECRET", "dev-secret"),
        photo_dir=_env("PHOTO_DIR", "/var/lib/payroll/photos"),
        payout_dir=_env("PAYOUT_DIR", "/var/lib/payroll/payouts"),
        cors_origins=[o for o in _env("CORS_ORIGINS", "").split(",") if o],
    )

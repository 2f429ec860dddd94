"""Runtime settings for the clinic network backend."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache


def _env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise RuntimeError(f"missing required setting {name}")
    return value


@dataclass(frozen=True)
class Settings:
    database_url: str
    pg_dsn: str
    redis_url: str
    lab_api_base: str
    lab_api_key: str
    insurer_api_base: str
    insurer_api_key: str
    sms_gateway_url: str
    sms_token: str
    smtp_host: str
    smtp_port: int = 587
    db_pool_size: int = 10
    db_max_overflow: int = 5
    pg_pool_min: int = 2
    pg_pool_max: int = 10
    reminder_batch: int = 200
    lab_poll_seconds: int = 120
    waiting_room_heartbeat: float = 20.0
    clinic_timezones: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings(
        database_url=_env("DATABASE_URL", "postgresql+asyncpg://vet:vet@localhost/vet"),
        pg_dsn=_env("PG_DSN", "postgresql://vet:vet@localhost/vet"),
        redis_url=_env("REDIS_URL", "redis://localhost:6379/0"),
        lab_api_base=_env("LAB_API_BASE", "https://api.idexx-like.example/v2"),
        lab_api_key=_env("LAB_API_KEY", "dev"),
        insurer_api_base=_env("INSURER_API_BASE", "https://preauth.petinsure.example"),
        insurer_api_key=_env("INSURER_API_KEY", "dev"),
        sms_gateway_url=_env("SMS_GATEWAY_URL", "https://sms.example/send"),
        sms_token=_env("SMS_TOKEN", "dev"),
        smtp_host=_env("SMTP_HOST", "localhost"),
        smtp_port=int(_env("SMTP_PORT", "587")),
        db_pool_size=int(_env("DB_POOL_SIZE", "10")),
        pg_pool_max=int(_env("PG_POOL_MAX", "10")),
    )

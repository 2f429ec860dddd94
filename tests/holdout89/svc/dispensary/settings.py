from __future__ import annotations

import os
from functools import lru_cache

from pydantic import BaseModel, Field


class Settings(BaseModel):
    environment: str = "production"
    database_url: str
    asyncpg_dsn: str
    redis_url: str

    exchange_base_url: str
    exchange_client_id: str
    exchange_signing_secret: str
    exchange_callback_secret: str

    drugdb_base_url: str
    drugdb_api_key: str

    payer_base_url: str
    payer_api_key: str
    payer_timeout_seconds: float = 30.0

    sms_account_sid: str
    sms_auth_token: str
    sms_sender: str = "PHARMACY"

    wholesaler_base_url: str
    wholesaler_token: str

    db_pool_size: int = 10
    db_max_overflow: int = 5
    pg_pool_max: int = 10

    label_template_dir: str = "templates/labels"
    export_dir: str = "var/exports"
    printer_queue_prefix: str = "branch-"

    controlled_daily_limit: int = 2
    chat_max_connections: int = 400
    refill_lead_days: int = 5
    allowed_origins: list[str] = Field(default_factory=list)


def _env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise RuntimeError(f"missing required setting {name}")
    return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings(
        environment=_env("DISPENSARY_ENV", "production"),
        database_url=_env("DATABASE_URL"),
        asyncpg_dsn=_env("ASYNCPG_DSN"),
        redis_url=_env("REDIS_URL", "redis://localhost:6379/0"),
        exchange_base_url=_env("EXCHANGE_BASE_URL"),
        exchange_client_id=_env("EXCHANGE_CLIENT_ID"),
        exchange_signing_secret=_env("EXCHANGE_SIGNING_SECRET"),
        exchange_callback_secret=_env("EXCHANGE_CALLBACK_SECRET"),
        drugdb_base_url=_env("DRUGDB_BASE_URL"),
        drugdb_api_key=_env("DRUGDB_API_KEY"),
        payer_base_url=_env("PAYER_BASE_URL"),
        payer_api_key=_env("PAYER_API_KEY"),
        sms_account_sid=_env("SMS_ACCOUNT_SID"),
        sms_auth_token=_env("SMS_AUTH_TOKEN"),
        wholesaler_base_url=_env("WHOLESALER_BASE_URL"),
        wholesaler_token=_env("WHOLESALER_TOKEN"),
        db_pool_size=int(_env("DB_POOL_SIZE", "10")),
        pg_pool_max=int(_env("PG_POOL_MAX", "10")),
    )

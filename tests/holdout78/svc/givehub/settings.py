from __future__ import annotations

import json
import logging
import os
import sys
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _load_secrets_file(path: str | None) -> dict[str, str]:
    # Read once at import/startup, before the event loop exists.
    if not path or not Path(path).exists():
        return {}
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = "-"
        return True


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GIVEHUB_", env_file=".env")

    environment: str = "dev"
    database_url: str = "postgresql+asyncpg://givehub:givehub@localhost:5432/givehub"
    asyncpg_dsn: str = "postgresql://givehub:givehub@localhost:5432/givehub"
    redis_url: str = "redis://localhost:6379/0"

    db_pool_size: int = 10
    db_max_overflow: int = 5
    pg_pool_min: int = 2
    pg_pool_max: int = 10
    pg_acquire_timeout: float = 5.0

    gateway_base_url: str = "https://api.payrail.example/v2"
    gateway_api_key: str = ""
    gateway_webhook_secret: str = ""
    session_secret: str = "dev-session-secret"

    fraud_base_url: str = "https://score.fraudlens.example"
    fraud_api_key: str = ""
    fraud_block_threshold: float = 0.92
    fraud_review_threshold: float = 0.7

    match_api_url: str = "https://api.matchgift.example"
    bank_api_url: str = "https://bank.example/payouts"
    bank_api_key: str = ""

    smtp_host: str = "localhost"
    smtp_port: int = 25
    mail_from: str = "receipts@givehub.example"

    receipts_dir: str = "data/receipts"
    exports_dir: str = "data/exports"
    receipt_template: str = "templates/receipt.json"

    giftaid_min_cents: int = 100
    giftaid_salt: str = "change-me"
    payout_batch_size: int = 200
    payout_min_cents: int = 2500

    ticker_channel: str = "givehub:ticker"
    ws_max_connections: int = 5000
    cors_origins: list[str] = Field(default_factory=lambda: ["https://givehub.example"])

    recurring_poll_seconds: float = 30.0
    mailer_poll_seconds: float = 10.0
    reconcile_interval_seconds: float = 900.0


_SECRETS = _load_secrets_file(os.environ.get("GIVEHUB_SECRETS_FILE"))


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings(**_SECRETS)

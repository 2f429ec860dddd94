"""Runtime configuration, read once from the environment."""

from __future__ import annotations

import logging
import logging.config
import sys
from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MAILROOM_", env_file=".env", extra="ignore")

    environment: str = "dev"
    database_url: str = "postgresql+asyncpg://mailroom:mailroom@localhost:5432/mailroom"
    events_dsn: str = "postgresql://mailroom:mailroom@localhost:5432/mailroom"
    redis_url: str = "redis://localhost:6379/0"

    db_pool_size: int = 10
    db_max_overflow: int = 5
    events_pool_min: int = 2
    events_pool_max: int = 10

    ses_region: str = "eu-west-1"
    ses_endpoint: str = "https://email.eu-west-1.amazonaws.com"
    ses_access_key: str = ""
    ses_secret_key: str = ""

    sendgrid_base_url: str = "https://api.sendgrid.com/v3"
    sendgrid_api_key: str = ""

    geo_url: str = "http://geo.internal:8080"
    linkcheck_url: str = "https://linkcheck.internal/v1/verdict"
    asset_base_url: str = "https://assets.mailroom.example"

    tracking_base_url: str = "https://t.mailroom.example"
    tracking_secret: str = Field(default="dev-secret-change-me", min_length=8)
    unsubscribe_secret: str = Field(default="dev-unsub-secret", min_length=8)
    webhook_shared_secret: str = "dev-webhook"

    default_hourly_quota: int = 10_000
    send_batch_size: int = 500
    send_concurrency: int = 20
    scheduler_interval_s: float = 15.0

    api_key_iterations: int = 120_000


@lru_cache
def get_settings() -> Settings:
    return Settings()


def configure_logging(level: str = "INFO") -> None:
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {
                "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
            },
            "handlers": {
                "stdout": {"class": "logging.StreamHandler", "stream": sys.stdout, "formatter": "plain"},
            },
            "root": {"level": level, "handlers": ["stdout"]},
            "loggers": {
                "uvicorn.access": {"level": "WARNING"},
                "sqlalchemy.engine": {"level": "WARNING"},
            },
        }
    )

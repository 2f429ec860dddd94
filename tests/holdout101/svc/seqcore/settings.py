from __future__ import annotations

import logging.config
from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SEQCORE_", env_file=".env", extra="ignore")

    environment: str = "dev"
    database_url: str = "postgresql+asyncpg://seqcore:seqcore@localhost:5432/seqcore"
    pg_dsn: str = "postgresql://seqcore:seqcore@localhost:5432/seqcore"
    db_pool_size: int = 10
    db_max_overflow: int = 5

    redis_url: str = "redis://localhost:6379/0"

    scheduler_url: str = "https://hpc-gateway.internal/api/v2"
    scheduler_token_url: str = "https://hpc-gateway.internal/oauth/token"
    scheduler_client_id: str = "seqcore"
    scheduler_client_secret: str = ""
    scheduler_partition: str = "genomics"

    finance_url: str = "https://finance.example.edu/api/v1"
    finance_api_key: str = ""

    storage_endpoint: str = "https://s3.core.example.edu"
    storage_region: str = "us-east-1"
    run_bucket: str = "seqcore-runs"
    run_prefix: str = "incoming/"
    delivery_bucket: str = "seqcore-delivery"
    signed_url_ttl_s: int = 7 * 24 * 3600
    delivery_retention_days: int = 60

    instrument_shared_secret: str = ""
    instrument_agent_url: str = "http://instrument-agent.core.internal:8080"

    slack_webhook_url: str = ""
    max_upload_bytes: int = 20 * 1024 * 1024
    max_ws_clients: int = 200
    ws_idle_timeout_s: float = 60.0
    qc_processes: int = 2
    poll_interval_s: float = 30.0
    watcher_interval_s: float = 20.0


@lru_cache
def get_settings() -> Settings:
    return Settings()

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def configure_logging(level: str = "INFO") -> None:
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {"plain": {"format": LOG_FORMAT}},
            "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
            "root": {"handlers": ["console"], "level": level},
            "loggers": {"uvicorn.access": {"level": "WARNING"}},
        }
    )

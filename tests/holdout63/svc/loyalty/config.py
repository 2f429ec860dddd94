from __future__ import annotations

import functools
import os
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LOYALTY_", env_file=".env", extra="ignore")

    environment: Literal["dev", "staging", "prod"] = "dev"
    database_url: str = "postgresql+asyncpg://loyalty:loyalty@localhost:5432/loyalty"
    raw_dsn: str = "postgresql://loyalty:loyalty@localhost:5432/loyalty"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    db_pool_timeout: float = 5.0

    redis_url: str = "redis://localhost:6379/0"
    redis_socket_timeout: float = 2.0

    partner_base_url: str = "https://partners.example.com/api/v2"
    partner_api_key: str = Field(default="", repr=False)
    fraud_base_url: str = "https://fraud.example.com"
    fraud_api_key: str = Field(default="", repr=False)
    push_gateway_url: str = "https://push.example.com/v1/send"
    pos_gateway_host: str = "pos-gateway.internal"
    pos_gateway_port: int = 7400

    pos_webhook_secret: str = Field(default="", repr=False)
    jwt_public_key: str = Field(default="", repr=False)
    jwt_audience: str = "loyalty-mobile"

    points_per_currency_unit: int = 10
    points_expiry_days: int = 540
    expiry_batch_size: int = 500
    statement_dir: str = "/var/lib/loyalty/statements"
    max_ws_connections_per_member: int = 3
    ws_idle_timeout: float = 60.0
    fraud_block_threshold: float = 0.92
    campaign_concurrency: int = 20


@functools.lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def require_env(name: str) -> str:
    try:
        return os.environ[name]
    except KeyError as exc:
        raise RuntimeError(f"missing required environment variable {name}") from exc

"""Runtime settings for the auction service."""
from __future__ import annotations

import contextvars
import logging
import sys
from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AUCTION_", env_file=".env")

    environment: str = "dev"
    database_url: str = "postgresql+asyncpg://auction:auction@localhost:5432/auction"
    raw_dsn: str = "postgresql://auction:auction@localhost:5432/auction"
    db_pool_size: int = 20
    db_max_overflow: int = 10
    db_pool_timeout: float = 10.0

    redis_url: str = "redis://localhost:6379/0"
    redis_socket_timeout: float = 2.0

    escrow_base_url: str = "https://api.escrowpay.example/v2"
    escrow_api_key: str = Field(default="", repr=False)
    payout_base_url: str = "https://payouts.escrowpay.example/v1"
    moderation_url: str = "https://vision.mlmod.example/v1/classify"
    moderation_api_key: str = Field(default="", repr=False)
    fraud_url: str = "http://fraud-scoring.internal:8080/score"
    currency_url: str = "https://fx.ratesapi.example/latest"
    notify_url: str = "http://notifier.internal:8000/v1/messages"

    jwt_secret: str = Field(default="change-me", repr=False)
    jwt_ttl_seconds: int = 3600

    anti_snipe_window_s: int = 120
    anti_snipe_extension_s: int = 120
    min_increment_cents: int = 100
    close_batch_size: int = 200
    payout_batch_size: int = 50

    image_root: str = "/var/lib/auction/images"
    max_ws_connections: int = 5000
    ws_idle_timeout_s: float = 60.0


    def validate_for_production(self) -> list[str]:
        problems = []
        if self.jwt_secret == "change-me":
            problems.append("AUCTION_JWT_SECRET is the default")
        if not self.escrow_api_key:
            problems.append("AUCTION_ESCROW_API_KEY is empty")
        if self.anti_snipe_extension_s <= 0:
            problems.append("anti-sniping extension must be positive")
        return problems


@lru_cache
def get_settings() -> Settings:
    return Settings()


request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
    ))
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def outbound_headers() -> dict[str, str]:
    """Headers that carry the request id to downstream services."""
    return {"X-Request-ID": request_id_var.get()}

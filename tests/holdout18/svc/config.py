"""Runtime settings for the ticketing service."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TIX_", env_file=".env", extra="ignore")

    environment: str = "production"
    service_name: str = "ticketing-api"

    database_url: str = "postgresql+asyncpg://tix:tix@db:5432/tix"
    pg_dsn: str = "postgresql://tix:tix@db:5432/tix"
    reporting_database_url: str = "postgresql+asyncpg://tix_ro:tix@db-replica:5432/tix"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    db_pool_timeout: float = 10.0
    pg_pool_min: int = 2
    pg_pool_max: int = 10
    pg_acquire_timeout: float = 5.0
    pg_command_timeout: float = 8.0

    redis_sentinels: list[tuple[str, int]] = Field(
        default_factory=lambda: [("sentinel-0", 26379), ("sentinel-1", 26379), ("sentinel-2", 26379)]
    )
    redis_service_name: str = "tix-main"
    redis_socket_timeout: float = 0.5
    queue_redis_url: str = "redis://queue-redis:6379/0"
    events_redis_url: str = "redis://events-redis:6379/1"
    flags_redis_url: str = "redis://flags-redis:6379/2"

    payments_base_url: str = "https://api.payments.example.com"
    payments_api_key: str = ""
    payouts_base_url: str = "https://payouts.payments.example.com"
    fraud_base_url: str = "http://fraud-check.internal:8080"
    pricing_base_url: str = "http://pricing.internal:8080"
    email_api_url: str = "https://mail.example.com/v3/send"
    email_api_key: str = ""
    smtp_host: str = "smtp.internal"
    smtp_port: int = 587
    email_spool_dir: str = "/var/spool/tix-mail"

    hold_ttl_seconds: int = 600
    max_seats_per_hold: int = 8
    waiting_room_batch: int = 200
    waiting_room_interval: float = 5.0
    waiting_room_idle_timeout: float = 60.0
    waiting_room_max_connections: int = 5000
    token_secret: str = "change-me"
    ticket_signing_key: str = "change-me"
    assets_dir: str = "/srv/tix/assets"
    checkout_attempts_per_minute: int = 5
    settlement_interval_seconds: float = 300.0
    hold_expiry_interval_seconds: float = 15.0


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


settings = get_settings()

"""Application settings loaded from the environment."""
from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="AUCTION_", env_file=".env")

    database_dsn: str = "postgresql://auction:auction@db:5432/auction"
    sqlalchemy_url: str = "postgresql+asyncpg://auction:auction@db:5432/auction"
    db_pool_min: int = 2
    db_pool_max: int = 10
    db_acquire_timeout: float = 5.0
    db_command_timeout: float = 10.0

    redis_url: str = "redis://redis:6379/0"
    redis_socket_timeout: float = 2.0
    lock_redis_host: str = "redis-locks"
    lock_redis_port: int = 6379

    escrow_base_url: str = "https://api.escrowpay.example/v2"
    escrow_api_key: str = ""
    shipping_base_url: str = "https://quotes.shipfast.example"
    shipping_api_key: str = ""
    fx_base_url: str = "https://fx.rates.example"
    notifications_url: str = "https://hooks.auction.example/notify"

    anti_snipe_window_s: int = 120
    anti_snipe_extension_s: int = 120
    min_increment_cents: int = 100
    platform_fee_bps: int = 500

    media_root: str = "/var/lib/auction/media"
    ws_max_connections: int = 5000
    ws_idle_timeout_s: float = 60.0
    close_batch_size: int = 200
    close_concurrency: int = 16


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

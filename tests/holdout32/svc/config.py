"""Runtime configuration for the game backend.

Every value can be overridden with a ``GAME_`` prefixed environment variable.
"""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GAME_", env_file=".env", extra="ignore")

    environment: str = "dev"

    # primary database (SQLAlchemy, asyncpg driver)
    database_url: str = "postgresql+asyncpg://game:game@localhost:5432/game"
    # the same database for raw asyncpg access (bulk jobs)
    raw_database_dsn: str = "postgresql://game:game@localhost:5432/game"
    analytics_database_url: str = "postgresql+asyncpg://game:game@analytics:5432/analytics"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    db_pool_timeout: float = 5.0
    db_acquire_timeout: float = 3.0
    db_command_timeout: float = 15.0

    redis_sentinels: list[str] = Field(
        default_factory=lambda: ["sentinel-0:26379", "sentinel-1:26379", "sentinel-2:26379"]
    )
    redis_master_name: str = "game"
    redis_socket_timeout: float = 1.5
    redis_connect_timeout: float = 1.0
    presence_redis_host: str = "presence-redis"
    presence_redis_port: int = 6379
    flags_redis_url: str = "redis://flags-redis:6379/0"

    payments_base_url: str = "https://api.payments.example.com"
    payments_api_key: str = ""
    payments_webhook_secret: str = ""
    payments_timeout: float = 8.0
    webhook_archive_dir: str = "/var/lib/game/webhooks"

    platform_base_url: str = "https://accounts.platform.example.com"
    platform_api_key: str = ""

    anticheat_base_url: str = "https://ac.vendor.example.com"
    anticheat_api_key: str = ""

    push_base_url: str = "https://push.example.com"
    push_api_key: str = ""
    push_concurrency: int = 20

    geo_base_url: str = "https://geo.example.com"
    default_region: str = "eu-west"

    replay_bucket: str = "game-replays"
    catalog_manifest_path: str = "/etc/game/catalog_overrides.json"
    rank_tiers_path: str = "/etc/game/rank_tiers.json"
    terms_path: str = "/etc/game/store_terms.md"
    status_page_url: str = "https://status.example.com/api/v2/summary.json"

    jwt_secret: str = "change-me"
    jwt_ttl_seconds: int = 3600
    game_server_secret: str = "change-me-too"

    max_party_size: int = 4
    max_lobby_size: int = 10
    ws_idle_timeout: float = 45.0
    ws_max_message_bytes: int = 16_384

    report_rate_per_minute: int = 5
    purchase_rate_per_minute: int = 20
    matchmaker_interval: float = 2.0
    rating_decay_points: int = 25
    rating_decay_idle_days: int = 14


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

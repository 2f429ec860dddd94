"""Runtime settings, read from the environment (prefix ``GAME_``)."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GAME_", env_file=".env", extra="ignore")

    environment: str = "production"

    database_dsn: str = "postgresql://game:game@db:5432/game"
    sqlalchemy_url: str = "postgresql+asyncpg://game:game@db:5432/game"
    db_pool_min: int = 5
    db_pool_max: int = 20
    db_connect_timeout: float = 10.0
    db_acquire_timeout: float = 5.0
    db_command_timeout: float = 10.0

    redis_sentinels: list[tuple[str, int]] = Field(
        default_factory=lambda: [("sentinel-0", 26379), ("sentinel-1", 26379), ("sentinel-2", 26379)]
    )
    redis_service_name: str = "game-primary"
    redis_socket_timeout: float = 2.0
    leaderboard_redis_host: str = "leaderboard-redis"
    leaderboard_redis_port: int = 6379
    presence_redis_url: str = "redis://presence-redis:6379/0"

    payments_base_url: str = "https://api.payments.example.com"
    payments_api_key: str = ""
    payments_webhook_secret: str = ""
    catalog_base_url: str = "http://catalog.internal:8080"
    anticheat_base_url: str = "https://api.guardian.example.com"
    anticheat_api_key: str = ""
    push_base_url: str = "http://push.internal:8080"
    geo_base_url: str = "http://geoip.internal:8080"

    receipts_dir: str = "/var/lib/game/receipts"
    replays_dir: str = "/var/lib/game/replays"
    replay_analyzer_bin: str = "/usr/local/bin/replay-analyzer"

    lobby_max_members: int = 10
    ws_idle_timeout: float = 60.0
    ws_max_message_bytes: int = 4096
    max_ws_connections: int = 5000
    purchase_rate_limit_per_minute: int = 10
    reports_per_hour: int = 20

    jwt_secret: str = "change-me"
    api_key_salt: bytes = b"game-backend"
    server_key_digests: list[str] = Field(default_factory=list)
    admin_key_digest: str = ""


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ARENA_", env_file=".env")

    environment: str = "dev"
    database_url: str = "postgresql+asyncpg://arena:arena@localhost:5432/arena"
    pg_dsn: str = "postgresql://arena:arena@localhost:5432/arena"
    pg_pool_min: int = 2
    pg_pool_max: int = 20
    pg_connect_timeout: float = 10.0
    pg_acquire_timeout: float = 5.0
    db_pool_size: int = 10
    db_max_overflow: int = 5

    redis_url: str = "redis://localhost:6379/0"

    jwt_secret: str = "change-me"
    jwt_ttl_seconds: int = 3600

    payments_base_url: str = "https://api.paystream.example/v2"
    payments_api_key: str = ""
    payments_webhook_secret: str = ""
    steam_api_url: str = "https://partner.steam-api.example"
    steam_app_id: str = "480"
    steam_key: str = ""
    anticheat_url: str = "https://scan.guardline.example"
    anticheat_key: str = ""
    geo_url: str = "https://geo.internal.example"
    discord_webhook_url: str = ""

    replay_bucket: str = "arena-replays"
    s3_endpoint: str | None = None
    s3_region: str = "eu-west-1"
    replay_spool_dir: str = "/var/spool/arena/replays"
    export_dir: str = "/var/lib/arena/exports"
    patch_notes_path: str = "static/patch_notes.md"
    map_pool_path: str = "static/map_pool.json"

    tick_hz: int = 20
    ws_idle_timeout: float = 30.0
    ws_outbox_size: int = 256
    max_ws_per_player: int = 2
    leaderboard_cache_ttl: int = 30
    profile_cache_ttl: int = 120
    rate_limit_per_minute: int = 120
    season_length_days: int = 56


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

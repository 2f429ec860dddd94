"""Runtime settings, loaded from the environment."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LIVESCORE_", env_file=".env", extra="ignore")

    env: str = "dev"
    node_name: str = "node-0"
    settlement_node: str = "node-0"

    database_url: str = "postgresql+asyncpg://livescore:livescore@localhost/livescore"
    stats_dsn: str = "postgresql://livescore:livescore@localhost/livescore"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    db_pool_timeout: float = 5.0
    db_acquire_timeout: float = 3.0
    stats_pool_min: int = 2
    stats_pool_max: int = 10
    stats_command_timeout: float = 30.0

    redis_url: str = "redis://localhost:6379/0"
    redis_sentinels: list[str] = Field(default_factory=list)
    redis_master_name: str = "livescore"
    redis_socket_timeout: float = 2.0

    alpha_base_url: str = "https://api.feedalpha.example/v3"
    alpha_api_key: str = ""
    beta_base_url: str = "https://feeds.betadata.example"
    beta_token: str = ""
    odds_base_url: str = "https://odds.example.com/api"
    odds_api_key: str = ""
    push_base_url: str = "https://push.example.com/v1"
    push_api_key: str = ""
    wallet_base_url: str = "http://wallet.internal:8080"
    wallet_timeout: float = 4.0

    team_alias_path: str = "/etc/livescore/team_aliases.json"
    feature_flags_path: str = "/etc/livescore/flags.json"
    export_dir: str = "/var/lib/livescore/exports"
    audit_dir: str = "/var/log/livescore/audit"

    jwt_secret: str = "change-me"
    jwt_algorithm: str = "HS256"
    access_token_ttl: int = 900
    refresh_token_ttl: int = 60 * 60 * 24 * 30
    admin_session_ttl: int = 60 * 60 * 8
    webhook_signing_secret: str = "change-me"

    ws_max_connections: int = 5000
    ws_idle_timeout: float = 45.0
    ws_queue_size: int = 256
    ingest_poll_interval: float = 2.0
    ingest_batch_size: int = 200
    odds_snapshot_interval: float = 5.0
    rate_limit_per_minute: int = 120
    push_concurrency: int = 50
    webhook_concurrency: int = 20
    stats_cache_ttl: int = 300
    breaker_failure_threshold: int = 5
    breaker_reset_timeout: float = 30.0


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()

from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EDC_", env_file=".env", extra="ignore")

    environment: str = "dev"
    database_url: str = "postgresql+asyncpg://edc:edc@localhost:5432/edc"
    pg_dsn: str = "postgresql://edc:edc@localhost:5432/edc"
    pg_pool_min: int = 2
    pg_pool_max: int = 10
    pg_connect_timeout: float = 10.0
    pg_acquire_timeout: float = 5.0
    pg_command_timeout: float = 30.0

    redis_url: str = "redis://localhost:6379/0"
    redis_socket_timeout: float = 2.0

    sponsor_api_url: str = "https://safety.sponsor.example/api/v2"
    sponsor_api_token: str = ""
    econsent_url: str = "https://api.consently.example/v1"
    econsent_api_key: str = ""
    econsent_webhook_secret: str = ""
    safety_db_url: str = "https://argus.sponsor.example/ws"
    safety_db_user: str = "edc-integration"
    safety_db_password: str = ""
    irt_url: str = "https://irt.example/api"
    irt_api_key: str = ""
    meddra_url: str = "https://coding.example/meddra/v26"
    lab_feed_host: str = "lab-gateway.internal"
    lab_feed_port: int = 7001

    export_dir: str = "var/exports"
    audit_spool_path: str = "var/audit-spool.jsonl"
    protocol_dir: str = "var/protocols"
    codelist_dir: str = "config/codelists"

    jwt_secret: str = "change-me"
    jwt_audience: str = "edc"
    rate_limit_per_minute: int = 120
    dashboard_snapshot_ttl: float = 15.0
    data_lock_hour_utc: int = 2
    outbox_batch_size: int = 50
    outbox_max_attempts: int = 8
    ws_idle_timeout: float = 60.0


@lru_cache
def get_settings() -> Settings:
    return Settings()

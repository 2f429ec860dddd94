from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GLOSSA_", env_file=".env", extra="ignore")

    replica_id: str = "local"

    database_url: str = "postgresql+asyncpg://glossa:glossa@localhost:5432/glossa"
    raw_dsn: str = "postgresql://glossa:glossa@localhost:5432/glossa"
    replica_url: str = "postgresql+asyncpg://glossa:glossa@localhost:5433/glossa"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    pg_pool_min: int = 2
    pg_pool_max: int = 10
    redis_url: str = "redis://localhost:6379/0"

    deepl_url: str = "https://api.deepl.com"
    deepl_key: str = ""
    google_mt_url: str = "https://translation.googleapis.com"
    google_mt_key: str = ""
    billing_url: str = "https://billing.internal"
    billing_key: str = ""
    git_api_url: str = "https://api.github.com"
    git_clone_host: str = "github.com"
    git_token: str = ""
    storage_url: str = "https://storage.internal"
    storage_bucket: str = "glossa-exports"
    storage_token: str = ""

    spool_dir: str = "/var/lib/glossa/spool"
    export_dir: str = "/var/lib/glossa/exports"
    local_exports: bool = False
    max_upload_bytes: int = 20 * 1024 * 1024

    tm_min_score: float = 0.72
    tm_candidate_limit: int = 500
    mt_monthly_chars: int = 2_000_000

    ws_idle_seconds: int = 90
    ws_max_per_project: int = 200
    rate_limit_per_minute: int = 600
    git_sync_interval: int = 300
    git_scheduler_tick: int = 30
    webhook_max_attempts: int = 8
    api_key_salt: str = Field(default="change-me-please", min_length=8)
    signing_secret: str = "change-me-too"


@lru_cache
def get_settings() -> Settings:
    return Settings()

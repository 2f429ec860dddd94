from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ARENAOPS_", env_file=".env")

    database_url: str = "postgresql+asyncpg://arena:arena@localhost:5432/arena"
    asyncpg_dsn: str = "postgresql://arena:arena@localhost:5432/arena"
    redis_url: str = "redis://localhost:6379/0"

    publisher_base_url: str = "https://api.publisher.example.com"
    publisher_client_id: str = ""
    publisher_client_secret: str = ""
    publisher_oauth_url: str = "https://auth.publisher.example.com/oauth2/token"
    match_history_url: str = "https://matches.publisher.example.com"
    webhook_secret: str = ""

    payments_api_key: str = ""
    payments_base_url: str = "https://api.paypartner.example.com"
    taxforms_base_url: str = "https://forms.taxvendor.example.com"
    taxforms_api_key: str = ""
    anticheat_base_url: str = "https://vendor.anticheat.example.com"
    anticheat_token: str = ""

    evidence_bucket: str = "arenaops-evidence"
    evidence_local_dir: str = "data/evidence"
    overlay_template_dir: str = "templates/overlays"

    db_pool_size: int = 10
    db_max_overflow: int = 5
    pg_pool_min: int = 2
    pg_pool_max: int = 10

    checkin_grace_seconds: int = 300
    spectator_max_connections: int = 5000
    matchroom_idle_seconds: float = 45.0
    rate_limit_per_minute: int = 120
    payout_tax_threshold_cents: int = 60_000
    run_nightly_in_api: bool = True
    hash_iterations: int = Field(default=600_000)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

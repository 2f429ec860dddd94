from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GIG_", env_file=".env")

    environment: str = "dev"
    database_url: str = "postgresql+asyncpg://gig:gig@localhost:5432/gigmarket"
    asyncpg_dsn: str = "postgresql://gig:gig@localhost:5432/gigmarket"
    db_pool_size: int = 20
    db_max_overflow: int = 10
    redis_url: str = "redis://localhost:6379/0"

    kyc_base_url: str = "https://api.kyc-provider.example/v2"
    kyc_api_key: str = ""
    payments_base_url: str = "https://api.payproc.example/v1"
    payments_api_key: str = ""
    payments_webhook_secret: str = ""
    payout_partner_url: str = "https://api.paypout.example"
    payout_partner_key: str = ""
    bank_api_url: str = "https://bank-gw.example/api"
    bank_api_key: str = ""
    fx_base_url: str = "https://fx.example/api"
    fx_api_key: str = ""
    search_url: str = "http://localhost:9200"
    mail_api_key: str = ""

    storage_bucket: str = "gigmarket-timetracking"
    storage_endpoint: str = "https://s3.example"
    evidence_bucket: str = "gigmarket-disputes"
    tax_export_dir: str = "/var/lib/gigmarket/tax"
    local_spool_dir: str = "/var/lib/gigmarket/spool"

    jwt_secret: str = "change-me"
    jwt_ttl_seconds: int = 3600
    service_fee_rate: float = 0.10
    auto_release_days: int = 14
    payout_batch_size: int = 200
    ws_idle_seconds: int = 60
    max_ws_per_user: int = 5
    allowed_origins: list[str] = Field(default_factory=lambda: ["https://gigmarket.example"])


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

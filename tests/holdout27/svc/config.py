"""Application settings, read from the environment (prefix ``CLAIMS_``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLAIMS_", env_file=".env", extra="ignore")

    environment: str = "production"

    database_url: str = "postgresql+asyncpg://claims:claims@db-primary:5432/claims"
    pg_dsn: str = "postgresql://claims:claims@db-primary:5432/claims"
    reporting_dsn: str = "postgresql+asyncpg://reporting:reporting@db-replica:5432/claims"
    db_pool_min: int = 4
    db_pool_max: int = 16
    db_acquire_timeout: float = 5.0
    db_command_timeout: float = 30.0

    redis_sentinels: list[tuple[str, int]] = Field(
        default=[("sentinel-0", 26379), ("sentinel-1", 26379), ("sentinel-2", 26379)]
    )
    redis_master_name: str = "claims-cache"
    lock_redis_url: str = "redis://redis-locks:6379/0"
    idempotency_redis_host: str = "redis-idempotency"
    idempotency_redis_port: int = 6379

    fraud_api_url: str = "https://fraud.internal/api"
    fraud_api_key: str = ""
    policy_admin_url: str = "https://policy-admin.internal"
    payments_url: str = "https://payments.example-gateway.com"
    payments_client_id: str = ""
    payments_client_secret: str = ""
    payments_webhook_secret: str = ""
    catastrophe_url: str = "https://cat-events.internal"
    address_api_url: str = "https://address-verify.internal"
    notify_url: str = "https://paging.internal"
    notify_token: str = ""
    http_timeout_seconds: float = 10.0

    storage_endpoint: str = "https://objects.internal"
    storage_bucket: str = "claim-documents"
    storage_region: str = "eu-west-1"
    max_upload_bytes: int = 25 * 1024 * 1024

    export_dir: Path = Path("/var/lib/claims/exports")
    wording_dir: Path = Path("/srv/claims/wordings")

    jwt_secret: str = ""
    jwt_audience: str = "claims-adjusters"

    payment_batch_minutes: int = 15
    sla_scan_seconds: int = 60
    outbox_batch_size: int = 200
    ws_max_connections: int = 500
    submissions_per_minute: int = 10


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_sentinels() -> list[tuple[str, int]]:
    return [("sentinel-0", 26379), ("sentinel-1", 26379), ("sentinel-2", 26379)]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CLAIMS_", env_file=".env", extra="ignore")

    environment: str = "production"

    database_url: str = "postgresql+asyncpg://claims:claims@db:5432/claims"
    database_dsn: str = "postgresql://claims:claims@db:5432/claims"
    db_pool_min: int = 2
    db_pool_max: int = 10
    db_connect_timeout: float = 10.0
    db_acquire_timeout: float = 5.0
    db_command_timeout: float = 15.0

    redis_sentinels: list[tuple[str, int]] = Field(default_factory=_default_sentinels)
    redis_service_name: str = "claims-cache"
    redis_lock_host: str = "redis-locks"
    redis_lock_port: int = 6379
    redis_socket_timeout: float = 2.0
    status_channel: str = "claims:status"

    fraud_api_url: str = "https://fraud-ml.internal"
    fraud_timeout: float = 3.0
    fraud_review_threshold: float = 0.72
    bank_api_url: str = "https://api.partnerbank.example"
    bank_client_id: str = ""
    bank_client_secret: str = ""
    bank_webhook_secret: str = ""
    pas_api_url: str = "https://pas.internal"
    legacy_pas_url: str = "http://legacy-pas.internal"
    valuation_api_url: str = "https://valuation.internal"
    storage_api_url: str = "https://docstore.internal"
    notify_api_url: str = "https://notify.internal"

    jwt_public_key_path: str = "/etc/claims/jwt.pub"
    jwt_audience: str = "claims-api"
    document_dir: str = "/var/lib/claims/documents"
    report_dir: str = "/var/lib/claims/reports"
    document_key_secret: str = "change-me"
    max_upload_bytes: int = 25 * 1024 * 1024
    max_uploads_per_day: int = 40

    sla_check_interval_seconds: int = 60
    reconciliation_hour_utc: int = 2
    ws_idle_timeout_seconds: float = 60.0
    ws_max_connections_per_adjuster: int = 5
    rate_limit_per_minute: int = 120
    intake_limit_per_minute: int = 20


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

"""Runtime settings, read once from the environment."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PHARMFLOW_", env_file=".env")

    environment: str = "dev"
    database_url: str = "postgresql+asyncpg://pharmflow:pharmflow@localhost:5432/pharmflow"
    raw_dsn: str = "postgresql://pharmflow:pharmflow@localhost:5432/pharmflow"
    reporting_url: str = "postgresql+asyncpg://reporting@localhost:5432/reporting"
    redis_url: str = "redis://localhost:6379/0"

    db_pool_size: int = 20
    db_max_overflow: int = 10

    pbm_base_url: str = "https://pbm.example.net/v2"
    pbm_client_id: str = ""
    pbm_client_secret: str = ""
    pbm_bin: str = "610014"
    pbm_pcn: str = "PFLOW"

    registry_base_url: str = "https://pdmp.state.example.gov/api"
    registry_api_key: str = ""

    courier_base_url: str = "https://api.courier.example.com"
    courier_api_key: str = ""

    sms_gateway_url: str = "https://sms.example.com/send"
    sms_api_key: str = ""

    audit_export_dir: str = "/var/lib/pharmflow/audit"
    remittance_dir: str = "/var/lib/pharmflow/remit"

    jwt_secret: str = "change-me"
    jwt_audience: str = "pharmflow"
    ws_heartbeat_seconds: float = 20.0
    ws_max_connections_per_pharmacy: int = 25

    submit_rate_per_minute: int = Field(default=60, ge=1)
    refill_reminder_batch: int = 500
    reminder_concurrency: int = 20


@lru_cache
def get_settings() -> Settings:
    return Settings()

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GRIDFARM_", env_file=".env")

    environment: str = "production"
    database_url: str = "postgresql+asyncpg://gridfarm:gridfarm@db/gridfarm"
    asyncpg_dsn: str = "postgresql://gridfarm:gridfarm@db/gridfarm"
    redis_url: str = "redis://redis:6379/0"
    kafka_bootstrap: str = "kafka:9092"
    telemetry_topic: str = "telemetry.raw"

    grid_operator_url: str = "https://tso.example.net/api/v2"
    grid_operator_token: str = ""
    weather_api_url: str = "https://api.weatherfeed.example.com"
    weather_api_key: str = ""
    market_api_url: str = "https://mo.example.org/nominations"
    market_api_key: str = ""
    sms_account: str = ""
    sms_token: str = ""

    curtailment_ack_deadline_s: int = 30
    escalation_after_s: int = 900
    ws_max_clients: int = 200
    ws_idle_timeout_s: float = 60.0
    telemetry_batch_max: int = 5000
    report_dir: str = "/var/lib/gridfarm/reports"
    gateway_keys: dict[str, str] = Field(default_factory=dict)
    db_pool_size: int = 10
    db_max_overflow: int = 5


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

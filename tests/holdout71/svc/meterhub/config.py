"""Runtime configuration for the meter platform.

Everything is read from the environment (prefix ``MH_``) so the same image runs
in the ingest, portal and worker deployments.
"""
from __future__ import annotations

import functools
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MH_", env_file=".env", extra="ignore")

    environment: str = "dev"
    service_role: str = "api"  # api | worker | ingest
    run_workers: bool = True

    database_url: str = "postgresql+asyncpg://meterhub:meterhub@localhost:5432/meterhub"
    readings_dsn: str = "postgresql://meterhub:meterhub@localhost:5432/meterhub"
    reporting_replica_url: str = "postgresql+asyncpg://report:report@replica:5432/meterhub"
    db_pool_size: int = 20
    db_max_overflow: int = 10
    db_pool_timeout: float = 10.0
    readings_pool_min: int = 4
    readings_pool_max: int = 16
    readings_acquire_timeout: float = 5.0

    redis_url: str = "redis://localhost:6379/0"

    payment_base_url: str = "https://api.paygate.example.com/v2"
    payment_api_key: str = ""
    payment_webhook_secret: str = ""
    bridge_webhook_secret: str = ""
    sms_base_url: str = "https://sms.example.net"
    sms_api_token: str = ""
    geocoder_url: str = "https://geo.example.org/v1"
    weather_url: str = "https://weather.example.org/api"
    meter_headend_url: str = "https://headend.internal/api"
    scada_feed_host: str = "scada-gw.internal"
    scada_feed_port: int = 7021

    regulator_sftp_host: str = "sftp.regulator.example.gov"
    regulator_sftp_user: str = "utility-0421"
    regulator_key_path: Path = Path("/etc/meterhub/regulator_ed25519")
    export_dir: Path = Path("/var/lib/meterhub/exports")
    batch_inbox: Path = Path("/var/lib/meterhub/inbox")
    batch_archive: Path = Path("/var/lib/meterhub/archive")

    jwt_secret: str = "change-me"
    jwt_audience: str = "meterhub-portal"
    crew_token_secret: str = "change-me-too"

    billing_cycle_hour: int = 2
    dunning_interval_s: int = 900
    batch_poll_interval_s: int = 60
    outage_silence_minutes: int = 20
    ws_idle_timeout_s: float = 90.0
    max_ws_per_customer: int = Field(default=3, ge=1)


@functools.cache
def get_settings() -> Settings:
    return Settings()

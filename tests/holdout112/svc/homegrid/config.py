from __future__ import annotations

import logging
import sys
from functools import lru_cache

import structlog

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HOMEGRID_", env_file=".env", extra="ignore")

    environment: str = "production"
    run_migrations: bool = False
    migrations_dir: str = "/app/migrations"
    database_dsn: str = "postgresql://homegrid:homegrid@localhost:5432/homegrid"
    db_pool_min: int = 2
    db_pool_max: int = 20
    db_command_timeout: float = 15.0
    db_acquire_timeout: float = 5.0

    redis_url: str = "redis://localhost:6379/0"

    jwt_secret: str = Field(default="change-me")
    jwt_ttl_seconds: int = 3600
    bcrypt_rounds: int = 12

    mqtt_bridge_url: str = "http://mqtt-bridge.internal:8080"
    mqtt_bridge_token: str = ""
    utility_api_url: str = "https://utility-gateway.example.net"
    utility_api_key: str = ""
    tariff_feed_url: str = "https://prices.example-tariffs.co.uk"
    weather_api_url: str = "https://api.weather.example.com"
    firmware_cdn_url: str = "https://fw.homegrid.example"
    firmware_signing_url: str = "http://signer.internal:9000"
    sms_gateway_url: str = "https://sms.example.com/api/send"
    sms_gateway_token: str = ""
    object_store_url: str = "http://minio.internal:9000"
    object_store_bucket: str = "homegrid-reports"

    report_dir: str = "/var/lib/homegrid/reports"
    settlement_dir: str = "/var/lib/homegrid/settlement"
    firmware_cache_dir: str = "/var/cache/homegrid/firmware"

    command_ack_timeout: float = 20.0
    command_max_attempts: int = 5
    ingest_rate_per_minute: int = 600
    dashboard_push_interval: float = 5.0
    planner_horizon_slots: int = 48
    planner_utilities: str = "uk-power-north,uk-power-south"
    settlement_utilities: str = "uk-power-north,uk-power-south"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def configure_logging(level: str = "INFO") -> None:
    logging.basicConfig(stream=sys.stdout, level=level, format="%(message)s")
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso"),
            structlog.processors.format_exc_info,
            structlog.processors.JSONRenderer(),
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level)),
    )

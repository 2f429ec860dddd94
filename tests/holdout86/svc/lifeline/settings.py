from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LIFELINE_", env_file=".env", extra="ignore")

    environment: str = "production"
    database_url: str = "postgresql+asyncpg://lifeline:lifeline@localhost:5432/lifeline"
    pg_dsn: str = "postgresql://lifeline:lifeline@localhost:5432/lifeline"
    redis_url: str = "redis://localhost:6379/0"

    db_pool_size: int = 10
    db_max_overflow: int = 5
    pg_pool_min: int = 2
    pg_pool_max: int = 10

    lab_api_url: str = "https://lab.example.org/api/v2"
    lab_api_key: str = ""
    messaging_url: str = "https://msg.example.com/v1"
    messaging_token: str = ""
    geo_url: str = "https://geo.example.com"
    label_printer_host: str = "printer.local"
    label_printer_port: int = 9100

    mqtt_host: str = "localhost"
    mqtt_port: int = 1883
    mqtt_topic: str = "lifeline/fridges/+/temperature"

    low_stock_threshold: int = 12
    quarantine_hours: int = 48
    ws_max_connections: int = 500
    ws_idle_seconds: float = 60.0
    export_dir: str = "/var/lib/lifeline/exports"
    calibration_file: str = "/etc/lifeline/sensor_calibration.json"
    rate_limit_per_minute: int = 120
    sweep_interval_seconds: int = 300


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

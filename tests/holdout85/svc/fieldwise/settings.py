from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FIELDWISE_", env_file=".env")

    env: str = "dev"
    database_url: str = "postgresql+asyncpg://fieldwise:fieldwise@localhost:5432/fieldwise"
    pg_dsn: str = "postgresql://fieldwise:fieldwise@localhost:5432/fieldwise"
    pg_pool_min: int = 2
    pg_pool_max: int = 20
    pg_acquire_timeout_s: float = 5.0
    redis_url: str = "redis://localhost:6379/0"

    weather_api_url: str = "https://api.agroweather.example/v3"
    weather_api_key: str = ""
    valve_gateway_url: str = "https://valves.fieldwise.example"
    valve_gateway_token: str = ""
    sms_api_url: str = "https://sms.example/v1/messages"
    sms_api_key: str = ""
    satellite_api_url: str = "https://scenes.orbitalfarm.example/api"
    satellite_api_key: str = ""

    mqtt_host: str = "localhost"
    mqtt_port: int = 1883
    mqtt_topic: str = "fieldwise/+/readings"

    upload_dir: str = "/var/lib/fieldwise/uploads"
    tile_dir: str = "/var/lib/fieldwise/tiles"
    max_upload_mb: int = 512

    jwt_secret: str = Field(default="change-me")
    jwt_ttl_s: int = 3600
    password_iterations: int = 310_000

    frost_threshold_c: float = 1.5
    pest_degree_day_base_c: float = 10.0
    irrigation_tick_s: int = 60
    ws_max_connections: int = 500
    ws_idle_timeout_s: float = 90.0


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

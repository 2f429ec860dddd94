from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FLEETWISE_", env_file=".env")

    environment: str = "production"
    database_url: str = "postgresql+asyncpg://fleet:fleet@db:5432/fleet"
    pg_dsn: str = "postgresql://fleet:fleet@db:5432/fleet"
    db_pool_size: int = 20
    db_max_overflow: int = 10
    redis_url: str = "redis://redis:6379/0"

    broker_bootstrap: str = "kafka:9092"
    ais_topic: str = "ais.positions"
    ais_group: str = "fleetwise-ingest"

    routing_api_url: str = "https://routing.example-weather.com/v3"
    routing_api_key: str = ""
    agents_api_url: str = "https://agents.portnet.example/api"
    agents_api_token: str = ""
    regulator_api_url: str = "https://mrv.regulator.example/api/v1"
    regulator_token: str = ""
    weather_sdk_key: str = ""
    supplier_quote_urls: list[str] = []

    upload_dir: str = "/var/lib/fleetwise/uploads"
    statement_template_dir: str = "/opt/fleetwise/templates"
    wkhtmltopdf_bin: str = "/usr/bin/wkhtmltopdf"

    gateway_key_salt: str = "change-me"
    ops_jwt_secret: str = "change-me"
    uploads_per_minute: int = 12
    eta_interval_seconds: int = 300
    chat_history_limit: int = 200


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

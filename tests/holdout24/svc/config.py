"""Runtime settings, read from the environment (prefix ``EDC_``)."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EDC_", env_file=".env", extra="ignore")

    environment: str = "production"
    database_dsn: str = "postgresql://edc:edc@localhost:5432/edc"
    orm_database_url: str = "postgresql+asyncpg://edc:edc@localhost:5432/edc"
    reporting_database_url: str = "postgresql+asyncpg://edc_ro:edc@replica:5432/edc"
    db_pool_min: int = 2
    db_pool_max: int = 10
    db_connect_timeout: float = 10.0
    db_acquire_timeout: float = 5.0
    db_command_timeout: float = 30.0

    redis_sentinels: list[tuple[str, int]] = Field(
        default_factory=lambda: [("sentinel-0", 26379), ("sentinel-1", 26379), ("sentinel-2", 26379)]
    )
    redis_master_name: str = "edc-cache"
    redis_socket_timeout: float = 2.0
    lock_redis_url: str = "redis://redis-locks:6379/0"

    randomisation_base_url: str = "https://rand.example.org/api/v2"
    randomisation_api_key: str = ""
    econsent_base_url: str = "https://consent.example.org"
    econsent_token: str = ""
    sponsor_gateway_url: str = "https://gateway.sponsor.example.com"
    sponsor_api_key: str = ""
    notify_base_url: str = "https://notify.internal"
    site_directory_url: str = "https://sites.internal"
    document_store_url: str = "https://docs.internal"

    export_dir: str = "/var/lib/edc/exports"
    export_key_url: str = "https://gateway.sponsor.example.com/keys/current.asc"
    export_batch_size: int = 500
    request_timeout_seconds: float = 20.0
    ws_max_connections: int = 200
    ws_idle_seconds: float = 60.0
    ws_max_message_bytes: int = 16_384
    consent_pin_iterations: int = 310_000
    jwt_public_key: str = ""
    jwt_audience: str = "edc-api"


@lru_cache
def get_settings() -> Settings:
    return Settings()

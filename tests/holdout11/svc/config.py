"""Runtime settings, read from ``WMS_*`` environment variables."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WMS_", env_file=".env", extra="ignore")

    database_dsn: str = "postgresql://wms:wms@pg-primary:5432/wms"
    sqlalchemy_url: str = "postgresql+asyncpg://wms:wms@pg-primary:5432/wms"
    reporting_url: str = "postgresql+asyncpg://wms_ro:wms@pg-replica:5432/wms"
    db_pool_min: int = 5
    db_pool_max: int = 20
    db_acquire_timeout: float = 5.0
    db_command_timeout: float = 15.0

    redis_sentinels: list[tuple[str, int]] = Field(
        default_factory=lambda: [("sentinel-0", 26379), ("sentinel-1", 26379), ("sentinel-2", 26379)]
    )
    redis_service: str = "wms-cache"
    session_redis_url: str = "redis://scanner-sessions:6379/0"
    redis_socket_timeout: float = 2.0

    carrier_base_url: str = "https://api.shipengine.com/v1"
    carrier_api_key: str = ""
    manifest_carriers: list[str] = Field(default_factory=lambda: ["se-ups", "se-dpd", "se-royalmail"])
    address_api_url: str = "https://address-validation.internal"
    storefront_base_url: str = "https://shop-gateway.internal"
    storefront_token: str = ""
    webhook_secret: str = ""
    photo_store_url: str = "https://media.internal"

    photo_dir: str = "/srv/wms/returns-spool"
    station_map_path: str = "/etc/wms/stations.json"
    station_printers: dict[str, str] = Field(default_factory=dict)
    label_printer_port: int = 9100

    replenish_interval_s: float = 30.0
    cycle_count_interval_s: float = 300.0
    max_scanner_connections: int = 400
    scanner_idle_timeout_s: float = 120.0


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

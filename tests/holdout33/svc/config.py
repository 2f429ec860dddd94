"""Application settings and logging setup."""
from __future__ import annotations

import logging
import sys
from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict
from pythonjsonlogger import jsonlogger


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WMS_", env_file=".env", extra="ignore")

    environment: str = "dev"
    service_name: str = "wms-backend"
    default_warehouse_id: int = 1

    database_url: str = "postgresql+asyncpg://wms:wms@localhost:5432/wms"
    reporting_database_url: str = "postgresql+asyncpg://wms_ro:wms@replica:5432/wms"
    sync_database_url: str = "postgresql+psycopg2://wms_ro:wms@replica:5432/wms"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    db_pool_timeout: float = 10.0
    db_statement_timeout_ms: int = 15_000

    redis_url: str = "redis://localhost:6379/0"
    redis_socket_timeout: float = 2.0
    redis_connect_timeout: float = 1.0

    carrier_base_url: str = "https://api.shipbridge.example/v2"
    carrier_api_key: str = Field(default="", repr=False)
    carrier_webhook_secret: str = Field(default="", repr=False)
    carrier_timeout: float = 15.0
    remote_postcode_prefixes: tuple[str, ...] = ("HS", "ZE", "KW15", "KW17", "PA41", "IV41")

    erp_base_url: str = "https://erp.internal.example/api"
    erp_token: str = Field(default="", repr=False)
    erp_sync_interval_s: int = 300

    address_api_url: str = "https://addr.example/v1/normalise"
    catalog_api_url: str = "https://catalog.internal.example"
    ops_webhook_url: str = ""
    printer_gateway_url: str = "http://print-gateway.internal:8631"

    s3_bucket: str = "wms-labels"
    s3_region: str = "eu-west-1"
    printer_spool_dir: str = "/var/spool/wms"
    printer_map_path: str = "/etc/wms/printers.json"
    logo_path: str = "/srv/wms/assets/logo.png"
    cycle_count_archive_dir: str = "/var/lib/wms/count-sheets"
    session_log_dir: str = "/var/log/wms/pack-sessions"

    label_rate_limit_per_min: int = 30
    api_rate_limit_per_min: int = 600
    replenish_interval_s: int = 30
    cycle_count_batch: int = 50
    wave_max_orders: int = 200
    ws_max_connections: int = 500
    ws_idle_timeout_s: float = 60.0

    jwt_secret: str = Field(default="change-me", repr=False)
    pin_salt: str = Field(default="wms-pin", repr=False)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(jsonlogger.JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if settings.environment == "dev" else logging.INFO)
    for noisy in ("httpx", "botocore", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

from __future__ import annotations

import asyncio
import json
import logging
import sys
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BINROUTE_", env_file=".env")

    database_url: str = "postgresql+asyncpg://binroute:binroute@localhost/binroute"
    pg_dsn: str = "postgresql://binroute:binroute@localhost/binroute"
    pg_pool_min: int = 2
    pg_pool_max: int = 20
    pg_acquire_timeout: float = 5.0
    redis_url: str = "redis://localhost:6379/0"

    lns_base_url: str = "https://lns.example-lpwan.net/api"
    lns_api_key: str = ""
    lns_webhook_secret: str = "change-me"
    mqtt_host: str = "mqtt.internal"
    mqtt_port: int = 1883
    mqtt_topic: str = "binroute/+/uplink"

    optimiser_url: str = "https://routing.example.com"
    optimiser_key: str = ""
    payments_url: str = "https://api.cardproc.example"
    payments_key: str = ""
    sms_url: str = "https://sms.example.net"
    geocoder_url: str = "https://geo.example.org"
    gis_url: str = "https://gis.council.example.gov.uk"
    obu_gateway_host: str = "obu-gw.internal"
    obu_gateway_port: int = 7400

    s3_bucket: str = "binroute-photos"
    s3_region: str = "eu-west-2"
    weighbridge_host: str = "https://weighbridge.vendor.example"
    weighbridge_site: str = "LF01"

    overflow_threshold_pct: int = 85
    export_dir: Path = Path("exports")
    template_dir: Path = Path("templates")
    driver_pin_salt: str = "binroute"
    depot_ids: list[str] = Field(default_factory=lambda: ["north", "south", "east"])
    ws_max_dispatchers: int = 200


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


async def load_ward_names(path: Path) -> dict[str, str]:
    raw = await asyncio.to_thread(path.read_text, encoding="utf-8")
    return json.loads(raw)


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)

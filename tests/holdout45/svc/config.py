"""Application settings and per-publication (tenant) configuration."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSROOM_", env_file=".env")

    database_url: str = "postgresql+asyncpg://newsroom:newsroom@localhost/newsroom"
    raw_dsn: str = "postgresql://newsroom:newsroom@localhost/newsroom"
    redis_url: str = "redis://localhost:6379/0"

    db_pool_size: int = 10
    db_max_overflow: int = 5
    db_pool_timeout: float = 10.0

    search_url: str = "http://search.internal:9200"
    search_timeout: float = 3.0
    cdn_api_url: str = "https://api.cdn.example.com/v2"
    cdn_api_token: str = ""
    partner_push_timeout: float = 15.0
    notify_url: str = "http://notify.internal"
    wire_url: str = "https://wire.example-agency.com"
    wire_api_key: str = ""
    storage_root: Path = Path("/var/lib/newsroom/media")
    media_base_url: str = "https://media.example.com"

    ws_heartbeat_seconds: float = 20.0
    ws_max_connections_per_blog: int = 5000
    scheduler_interval: float = Field(default=15.0, gt=0)
    token_secret: str = "change-me"
    tenants_file: Path = Path("/etc/newsroom/tenants.json")


@dataclass(frozen=True)
class TenantSettings:
    tenant_id: str
    display_name: str
    timezone: str = "UTC"
    default_locale: str = "en"
    cdn_zone: str = ""
    partners: tuple[str, ...] = ()
    image_widths: tuple[int, ...] = (320, 640, 1280)
    require_legal_review: bool = False
    extra: dict = field(default_factory=dict)


@lru_cache(maxsize=None)
def get_settings() -> Settings:
    return Settings()


def load_tenant_file(path: Path) -> dict[str, TenantSettings]:
    """Read the tenants file. Called once at start-up, before the loop runs."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as fh:
        raw = json.load(fh)
    tenants: dict[str, TenantSettings] = {}
    for tenant_id, data in raw.items():
        tenants[tenant_id] = TenantSettings(
            tenant_id=tenant_id,
            display_name=data.get("display_name", tenant_id),
            timezone=data.get("timezone", "UTC"),
            default_locale=data.get("locale", "en"),
            cdn_zone=data.get("cdn_zone", ""),
            partners=tuple(data.get("partners", ())),
            image_widths=tuple(data.get("image_widths", (320, 640, 1280))),
            require_legal_review=bool(data.get("legal_review", False)),
            extra=data.get("extra", {}),
        )
    return tenants


ENVIRONMENT = os.environ.get("NEWSROOM_ENV", "dev")

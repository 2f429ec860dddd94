from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="METERLY_", env_file=".env", extra="ignore")

    env: str = "dev"
    database_url: str = "postgresql+asyncpg://meterly:meterly@localhost:5432/meterly"
    raw_dsn: str = "postgresql://meterly:meterly@localhost:5432/meterly"
    redis_url: str = "redis://localhost:6379/0"

    db_pool_size: int = 10
    db_max_overflow: int = 5
    pg_pool_min: int = 2
    pg_pool_max: int = 10

    payments_base_url: str = "https://api.paystream.example/v2"
    payments_api_key: str = ""
    fx_base_url: str = "https://fx.example.net"
    mail_base_url: str = "https://mail.example.net/api"
    mail_api_key: str = ""
    vat_api_key: str = ""
    admin_token: str = ""
    key_pepper: str = "meterly-dev-pepper"
    spec_bucket: str = "meterly-specs"

    usage_stream: str = "gw:usage"
    usage_group: str = "meterly-ingest"
    ingest_batch_max: int = 5000
    webhook_max_attempts: int = 8
    webhook_signing_tolerance_s: int = 300
    dashboard_max_connections_per_tenant: int = 20
    gateway_node_tokens_file: str = "config/gateway_nodes.json"
    key_reminder_days: int = 14
    invoice_currency: str = "USD"
    email_templates_dir: str = "templates/email"
    allowed_origins: list[str] = Field(default_factory=lambda: ["https://portal.meterly.example"])


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def load_gateway_node_tokens(settings: Settings) -> dict[str, str]:
    """Read the node-token map once at startup (called from the lifespan before serving)."""
    path = Path(settings.gateway_node_tokens_file)
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))

"""Runtime configuration, read once from the environment."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


def _load_secrets_file(path: str | None) -> dict[str, str]:
    if not path or not Path(path).exists():
        return {}
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


@dataclass(frozen=True)
class Settings:
    database_url: str = "postgresql+asyncpg://dash:dash@localhost/dash"
    pg_dsn: str = "postgresql://dash:dash@localhost/dash"
    redis_url: str = "redis://localhost:6379/0"
    payments_base_url: str = "https://api.paycore.example"
    payments_api_key: str = ""
    payments_webhook_secret: str = ""
    sms_base_url: str = "https://sms.example/api"
    sms_api_key: str = ""
    geocoder_url: str = "https://geo.example"
    routing_url: str = "https://routing.example"
    pg_acquire_timeout: float = 3.0
    db_pool_size: int = 20
    db_max_overflow: int = 10
    menu_cache_ttl: int = 300
    tracking_idle_seconds: int = 60
    max_ws_per_order: int = 5
    receipts_dir: str = "/var/lib/dash/receipts"
    promo_rules_path: str = "/etc/dash/promo_rules.json"
    settlement_lock_ttl_ms: int = 10 * 60 * 1000
    courier_search_radius_km: float = 4.0
    extra: dict[str, str] = field(default_factory=dict)


@lru_cache
def get_settings() -> Settings:
    secrets = _load_secrets_file(os.environ.get("DASH_SECRETS_FILE"))
    env = {**secrets, **os.environ}
    return Settings(
        database_url=env.get("DATABASE_URL", Settings.database_url),
        pg_dsn=env.get("PG_DSN", Settings.pg_dsn),
        redis_url=env.get("REDIS_URL", Settings.redis_url),
        payments_base_url=env.get("PAYMENTS_BASE_URL", Settings.payments_base_url),
        payments_api_key=env.get("PAYMENTS_API_KEY", ""),
        payments_webhook_secret=env.get("PAYMENTS_WEBHOOK_SECRET", ""),
        sms_base_url=env.get("SMS_BASE_URL", Settings.sms_base_url),
        sms_api_key=env.get("SMS_API_KEY", ""),
        geocoder_url=env.get("GEOCODER_URL", Settings.geocoder_url),
        routing_url=env.get("ROUTING_URL", Settings.routing_url),
        receipts_dir=env.get("RECEIPTS_DIR", Settings.receipts_dir),
        promo_rules_path=env.get("PROMO_RULES_PATH", Settings.promo_rules_path),
    )


settings = get_settings()

"""Runtime configuration, read once from the environment."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    return float(raw) if raw else default


@dataclass(frozen=True)
class Settings:
    database_url: str
    replica_url: str
    redis_url: str
    payment_base_url: str
    payment_api_key: str
    payment_webhook_secret: str
    lpr_base_url: str
    lpr_api_key: str
    registry_base_url: str
    notify_base_url: str
    letters_url: str
    docstore_base_url: str
    barrier_host: str
    barrier_port: int
    officer_jwt_secret: str
    pg_pool_min: int
    pg_pool_max: int
    pg_acquire_timeout: float
    ws_idle_timeout: float
    ws_outbox_size: int
    max_permits_per_holder: int
    grace_minutes: int
    renewal_concurrency: int
    document_root: str
    tariff_import_dir: str
    sensor_webhook_secret: str
    sensor_bridge_url: str | None
    bank_statement_dir: str


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings(
        database_url=os.environ.get("DATABASE_URL", "postgresql+asyncpg://parking@localhost/parking"),
        replica_url=os.environ.get("REPLICA_URL", "postgresql+asyncpg://parking@replica/parking"),
        redis_url=os.environ.get("REDIS_URL", "redis://localhost:6379/0"),
        payment_base_url=os.environ.get("PAYMENT_BASE_URL", "https://api.paygate.example"),
        payment_api_key=os.environ.get("PAYMENT_API_KEY", ""),
        payment_webhook_secret=os.environ.get("PAYMENT_WEBHOOK_SECRET", ""),
        lpr_base_url=os.environ.get("LPR_BASE_URL", "https://lpr.vendor.example"),
        lpr_api_key=os.environ.get("LPR_API_KEY", ""),
        registry_base_url=os.environ.get("REGISTRY_BASE_URL", "https://vehicles.gov.example"),
        notify_base_url=os.environ.get("NOTIFY_BASE_URL", "https://notify.city.example"),
        letters_url=os.environ.get("LETTERS_URL", "https://letters.city.example/v1/print"),
        docstore_base_url=os.environ.get("DOCSTORE_BASE_URL", "https://docs.city.example"),
        barrier_host=os.environ.get("BARRIER_HOST", "10.20.0.5"),
        barrier_port=_env_int("BARRIER_PORT", 7400),
        officer_jwt_secret=os.environ.get("OFFICER_JWT_SECRET", "change-me"),
        pg_pool_min=_env_int("PG_POOL_MIN", 2),
        pg_pool_max=_env_int("PG_POOL_MAX", 10),
        pg_acquire_timeout=_env_float("PG_ACQUIRE_TIMEOUT", 5.0),
        ws_idle_timeout=_env_float("WS_IDLE_TIMEOUT", 45.0),
        ws_outbox_size=_env_int("WS_OUTBOX_SIZE", 256),
        max_permits_per_holder=_env_int("MAX_PERMITS_PER_HOLDER", 2),
        grace_minutes=_env_int("GRACE_MINUTES", 10),
        renewal_concurrency=_env_int("RENEWAL_CONCURRENCY", 8),
        document_root=os.environ.get("DOCUMENT_ROOT", "/var/lib/parkops/documents"),
        tariff_import_dir=os.environ.get("TARIFF_IMPORT_DIR", "/var/lib/parkops/tariffs"),
        sensor_webhook_secret=os.environ.get("SENSOR_WEBHOOK_SECRET", ""),
        sensor_bridge_url=os.environ.get("SENSOR_BRIDGE_URL") or None,
        bank_statement_dir=os.environ.get("BANK_STATEMENT_DIR", "/srv/sftp/bank/inbound"),
    )

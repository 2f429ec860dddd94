"""Runtime configuration loaded from the environment."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


def _env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise RuntimeError(f"missing required environment variable {name}")
    return value


def _load_lane_overrides(path: str) -> dict[str, float]:
    file = Path(path)
    if not file.exists():
        return {}
    with file.open("r", encoding="utf-8") as handle:
        return {k: float(v) for k, v in json.load(handle).items()}


@dataclass
class Settings:
    database_url: str
    positions_dsn: str
    redis_url: str
    jwt_secret: str
    dat_base_url: str
    dat_api_key: str
    truckstop_base_url: str
    truckstop_api_key: str
    ocr_base_url: str
    ocr_api_key: str
    fmcsa_base_url: str
    fmcsa_web_key: str
    payments_base_url: str
    payments_api_key: str
    s3_bucket: str
    tender_ttl_minutes: int = 120
    detention_free_minutes: int = 120
    detention_rate_cents_per_hour: int = 7500
    min_payout_cents: int = 2500
    db_pool_size: int = 20
    db_max_overflow: int = 10
    positions_pool_max: int = 10
    ws_max_connections_per_shipper: int = 25
    lane_overrides: dict[str, float] = field(default_factory=dict)


@lru_cache
def get_settings() -> Settings:
    return Settings(
        database_url=_env("DATABASE_URL", "postgresql+asyncpg://freight:freight@localhost/freight"),
        positions_dsn=_env("POSITIONS_DSN", "postgresql://freight:freight@localhost/freight"),
        redis_url=_env("REDIS_URL", "redis://localhost:6379/0"),
        jwt_secret=_env("JWT_SECRET", "dev-secret"),
        dat_base_url=_env("DAT_BASE_URL", "https://analytics.api.dat.com"),
        dat_api_key=_env("DAT_API_KEY", ""),
        truckstop_base_url=_env("TRUCKSTOP_BASE_URL", "https://api.truckstop.com"),
        truckstop_api_key=_env("TRUCKSTOP_API_KEY", ""),
        ocr_base_url=_env("OCR_BASE_URL", "https://ocr.example-docs.io"),
        ocr_api_key=_env("OCR_API_KEY", ""),
        fmcsa_base_url=_env("FMCSA_BASE_URL", "https://mobile.fmcsa.dot.gov/qc/services"),
        fmcsa_web_key=_env("FMCSA_WEB_KEY", ""),
        payments_base_url=_env("PAYMENTS_BASE_URL", "https://api.payrails.example"),
        payments_api_key=_env("PAYMENTS_API_KEY", ""),
        s3_bucket=_env("S3_BUCKET", "freightline-documents"),
        tender_ttl_minutes=int(_env("TENDER_TTL_MINUTES", "120")),
        lane_overrides=_load_lane_overrides(_env("LANE_OVERRIDES_FILE", "/etc/freightline/lanes.json")),
    )

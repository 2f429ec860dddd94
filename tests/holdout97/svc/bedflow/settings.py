from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


@dataclass(frozen=True)
class Settings:
    database_url: str = field(default_factory=lambda: _env("BEDFLOW_DATABASE_URL", "postgresql+asyncpg://bedflow@db/bedflow"))
    pg_dsn: str = field(default_factory=lambda: _env("BEDFLOW_PG_DSN", "postgresql://bedflow@db/bedflow"))
    reporting_dsn: str = field(default_factory=lambda: _env("BEDFLOW_REPORTING_DSN", "postgresql+asyncpg://bedflow_ro@replica/bedflow"))
    redis_url: str = field(default_factory=lambda: _env("BEDFLOW_REDIS_URL", "redis://redis:6379/0"))
    scoring_url: str = field(default_factory=lambda: _env("BEDFLOW_SCORING_URL", "https://ml-scoring.internal"))
    scoring_token: str = field(default_factory=lambda: _env("BEDFLOW_SCORING_TOKEN", ""))
    authority_url: str = field(default_factory=lambda: _env("BEDFLOW_AUTHORITY_URL", "https://capacity.region-health.example"))
    authority_client_id: str = field(default_factory=lambda: _env("BEDFLOW_AUTHORITY_CLIENT_ID", ""))
    authority_secret: str = field(default_factory=lambda: _env("BEDFLOW_AUTHORITY_SECRET", ""))
    push_gateway_url: str = field(default_factory=lambda: _env("BEDFLOW_PUSH_URL", "https://push.internal"))
    pager_url: str = field(default_factory=lambda: _env("BEDFLOW_PAGER_URL", "https://pager.internal/api"))
    porter_url: str = field(default_factory=lambda: _env("BEDFLOW_PORTER_URL", "https://porter-dispatch.internal"))
    interface_engine_host: str = field(default_factory=lambda: _env("BEDFLOW_IE_HOST", "ie.internal"))
    interface_engine_ack_port: int = int(_env("BEDFLOW_IE_ACK_PORT", "6661"))
    webhook_secret: str = field(default_factory=lambda: _env("BEDFLOW_WEBHOOK_SECRET", "change-me"))
    webhook_salt: str = field(default_factory=lambda: _env("BEDFLOW_WEBHOOK_SALT", "bedflow"))
    board_token_secret: str = field(default_factory=lambda: _env("BEDFLOW_BOARD_SECRET", "change-me"))
    archive_dir: str = field(default_factory=lambda: _env("BEDFLOW_ARCHIVE_DIR", "data/archive"))
    report_dir: str = field(default_factory=lambda: _env("BEDFLOW_REPORT_DIR", "data/reports"))
    hold_minutes: int = int(_env("BEDFLOW_HOLD_MINUTES", "30"))
    cleaning_sla_minutes: int = int(_env("BEDFLOW_CLEANING_SLA", "45"))
    ws_idle_timeout: float = float(_env("BEDFLOW_WS_IDLE", "60"))
    adt_stream: str = field(default_factory=lambda: _env("BEDFLOW_ADT_STREAM", "adt:inbound"))
    adt_group: str = field(default_factory=lambda: _env("BEDFLOW_ADT_GROUP", "bedflow"))
    pool_min: int = int(_env("BEDFLOW_POOL_MIN", "2"))
    pool_max: int = int(_env("BEDFLOW_POOL_MAX", "10"))


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

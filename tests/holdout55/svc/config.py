"""Runtime configuration for the build orchestration service."""
from __future__ import annotations

import json
import logging
import os
import sys
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

try:
    import orjson
except ImportError:  # pragma: no cover - optional speedup
    orjson = None


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


@dataclass(frozen=True)
class Settings:
    database_url: str = os.environ.get("DATABASE_URL", "postgresql+asyncpg://ci:ci@localhost:5432/ci")
    redis_url: str = os.environ.get("REDIS_URL", "redis://localhost:6379/0")
    githost_api: str = os.environ.get("GITHOST_API", "https://git.example.com/api/v3")
    githost_token: str = os.environ.get("GITHOST_TOKEN", "")
    webhook_secret: str = os.environ.get("WEBHOOK_SECRET", "")
    object_store_url: str = os.environ.get("OBJECT_STORE_URL", "http://minio:9000")
    object_store_bucket: str = os.environ.get("OBJECT_STORE_BUCKET", "ci-artifacts")
    slack_webhook_url: str = os.environ.get("SLACK_WEBHOOK_URL", "")
    smtp_host: str = os.environ.get("SMTP_HOST", "localhost")
    smtp_port: int = _env_int("SMTP_PORT", 25)
    mail_from: str = os.environ.get("MAIL_FROM", "ci@example.com")
    secrets_key_file: str = os.environ.get("SECRETS_KEY_FILE", "/run/secrets/ci-master-key")
    public_url: str = os.environ.get("PUBLIC_URL", "https://ci.example.com")
    db_pool_size: int = _env_int("DB_POOL_SIZE", 20)
    db_max_overflow: int = _env_int("DB_MAX_OVERFLOW", 10)
    lease_seconds: int = _env_int("JOB_LEASE_SECONDS", 120)
    heartbeat_timeout: int = _env_int("RUNNER_HEARTBEAT_TIMEOUT", 45)
    default_org_concurrency: int = _env_int("DEFAULT_ORG_CONCURRENCY", 5)
    log_buffer_lines: int = _env_int("LOG_BUFFER_LINES", 2000)
    cache_ttl_days: int = _env_int("CACHE_TTL_DAYS", 14)
    dispatch_interval: float = float(os.environ.get("DISPATCH_INTERVAL", "1.0"))


@lru_cache
def get_settings() -> Settings:
    return Settings()


request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        rid = request_id.get()
        if rid:
            payload["request_id"] = rid
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        if orjson is not None:
            return orjson.dumps(payload).decode()
        return json.dumps(payload)


def configure_logging() -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(os.environ.get("LOG_LEVEL", "INFO"))

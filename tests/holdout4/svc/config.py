"""Runtime settings, read once from the environment."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


def _env_float(name: str, default: float) -> float:
    return float(os.environ.get(name, str(default)))


@dataclass(frozen=True)
class Settings:
    env: str = field(default_factory=lambda: _env("APP_ENV", "dev"))
    database_url: str = field(
        default_factory=lambda: _env("DATABASE_URL", "postgresql+asyncpg://chat:chat@localhost/chat")
    )
    pg_dsn: str = field(default_factory=lambda: _env("PG_DSN", "postgresql://chat:chat@localhost/chat"))
    pg_pool_min: int = field(default_factory=lambda: _env_int("PG_POOL_MIN", 2))
    pg_pool_max: int = field(default_factory=lambda: _env_int("PG_POOL_MAX", 10))
    pg_acquire_timeout: float = field(default_factory=lambda: _env_float("PG_ACQUIRE_TIMEOUT", 3.0))
    redis_host: str = field(default_factory=lambda: _env("REDIS_HOST", "localhost"))
    redis_port: int = field(default_factory=lambda: _env_int("REDIS_PORT", 6379))
    redis_sentinels: str = field(default_factory=lambda: _env("REDIS_SENTINELS", "localhost:26379"))
    redis_master_name: str = field(default_factory=lambda: _env("REDIS_MASTER", "chat"))
    redis_socket_timeout: float = field(default_factory=lambda: _env_float("REDIS_SOCKET_TIMEOUT", 2.0))
    s3_bucket: str = field(default_factory=lambda: _env("S3_BUCKET", "chat-uploads"))
    s3_region: str = field(default_factory=lambda: _env("S3_REGION", "eu-west-1"))
    max_upload_bytes: int = field(default_factory=lambda: _env_int("MAX_UPLOAD_BYTES", 25 * 1024 * 1024))
    email_api_url: str = field(default_factory=lambda: _env("EMAIL_API_URL", "https://api.mailer.example"))
    email_api_key: str = field(default_factory=lambda: _env("EMAIL_API_KEY", ""))
    push_api_url: str = field(default_factory=lambda: _env("PUSH_API_URL", "https://push.example"))
    flags_url: str = field(default_factory=lambda: _env("FLAGS_URL", "http://flags.internal:8080"))
    jwt_secret: str = field(default_factory=lambda: _env("JWT_SECRET", "change-me"))
    ws_idle_timeout: float = field(default_factory=lambda: _env_float("WS_IDLE_TIMEOUT", 60.0))
    ws_max_frame: int = field(default_factory=lambda: _env_int("WS_MAX_FRAME", 64 * 1024))
    ws_max_per_user: int = field(default_factory=lambda: _env_int("WS_MAX_PER_USER", 8))
    webhook_concurrency: int = field(default_factory=lambda: _env_int("WEBHOOK_CONCURRENCY", 16))
    outbox_queue_size: int = field(default_factory=lambda: _env_int("OUTBOX_QUEUE_SIZE", 1000))
    digest_hour_utc: int = field(default_factory=lambda: _env_int("DIGEST_HOUR_UTC", 7))
    retention_days: int = field(default_factory=lambda: _env_int("RETENTION_DAYS", 365))
    rate_limit_per_minute: int = field(default_factory=lambda: _env_int("RATE_LIMIT_PER_MINUTE", 600))
    worker_health_port: int = field(default_factory=lambda: _env_int("WORKER_HEALTH_PORT", 8081))


settings = Settings()

DIGEST_BATCH_SIZE = 200
SEARCH_PAGE_SIZE = 50
HISTORY_PAGE_SIZE = 100

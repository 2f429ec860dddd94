from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache


def _env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise RuntimeError(f"missing required setting {name}")
    return value


@dataclass
class Settings:
    database_url: str
    redis_url: str
    storage_endpoint: str
    storage_bucket: str
    storage_access_key: str
    storage_secret_key: str
    plagiarism_api_url: str
    plagiarism_api_key: str
    plagiarism_legacy_url: str
    mail_api_url: str
    mail_api_key: str
    payments_api_url: str
    payments_api_key: str
    payments_webhook_secret: str
    jwt_secret: str
    db_pool_min: int = 2
    db_pool_max: int = 20
    upload_max_bytes: int = 40 * 1024 * 1024
    max_bids_per_reviewer: int = 40
    reviewers_per_paper: int = 3
    plagiarism_concurrency: int = 8
    template_dir: str = "templates/email"
    export_dir: str = "/var/lib/confer/exports"
    current_conference_id: int | None = None
    login_attempts_per_minute: int = 10


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings(
        database_url=_env("DATABASE_URL", "postgresql://confer@localhost/confer"),
        redis_url=_env("REDIS_URL", "redis://localhost:6379/0"),
        storage_endpoint=_env("STORAGE_ENDPOINT", "http://localhost:9000"),
        storage_bucket=_env("STORAGE_BUCKET", "confer-papers"),
        storage_access_key=_env("STORAGE_ACCESS_KEY", "dev"),
        storage_secret_key=_env("STORAGE_SECRET_KEY", "dev"),
        plagiarism_api_url=_env("PLAGIARISM_API_URL", "https://api.simcheck.example/v2"),
        plagiarism_api_key=_env("PLAGIARISM_API_KEY", "dev"),
        plagiarism_legacy_url=_env("PLAGIARISM_LEGACY_URL", "https://legacy.simcheck.example"),
        mail_api_url=_env("MAIL_API_URL", "https://mail.example/v3"),
        mail_api_key=_env("MAIL_API_KEY", "dev"),
        payments_api_url=_env("PAYMENTS_API_URL", "https://pay.example/v1"),
        payments_api_key=_env("PAYMENTS_API_KEY", "dev"),
        payments_webhook_secret=_env("PAYMENTS_WEBHOOK_SECRET", "whsec_dev"),
        jwt_secret=_env("JWT_SECRET", "change-me"),
        db_pool_max=int(_env("DB_POOL_MAX", "20")),
    )

from __future__ import annotations

import logging
import logging.config
from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="JUDGEHALL_", env_file=".env", extra="ignore")

    environment: str = "production"
    debug: bool = False

    database_url: str = "postgresql+asyncpg://judgehall:judgehall@db:5432/judgehall"
    reporting_database_url: str = "postgresql+asyncpg://judgehall_ro:judgehall@db-replica:5432/judgehall"
    db_pool_size: int = 20
    db_max_overflow: int = 10
    db_pool_timeout: float = 10.0
    db_statement_timeout_ms: int = 15_000

    redis_url: str = "redis://redis:6379/0"
    redis_socket_timeout: float = 5.0

    judge_runner_url: str = "http://judge-runner:8080"
    judge_runner_token: str = ""
    judge_runner_timeout: float = 10.0
    judge_callback_secret: str = ""

    object_store_url: str = "http://minio:9000"
    object_store_bucket: str = "judgehall"
    object_store_key: str = ""

    problem_archive_url: str = "https://archive.judgehall.internal"
    avatar_service_url: str = "https://avatars.judgehall.internal"
    webhook_url: str | None = None

    smtp_host: str = "smtp"
    smtp_port: int = 587
    smtp_user: str = ""
    smtp_password: str = ""
    mail_from: str = "noreply@judgehall.dev"

    jwt_secret: str = "change-me"
    jwt_ttl_seconds: int = 12 * 3600
    bcrypt_rounds: int = 14

    max_team_size: int = 3
    max_source_bytes: int = 64 * 1024
    submission_rate_per_minute: int = 6
    scoreboard_cache_ttl: int = 5
    plagiarism_threshold: float = 0.82
    compile_check_timeout: float = 10.0
    data_dir: str = "/var/lib/judgehall"
    allowed_languages: list[str] = Field(
        default_factory=lambda: ["cpp17", "c11", "python3", "java17", "rust", "go"]
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def configure_logging(level: str = "INFO") -> None:
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {
                "default": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
            },
            "handlers": {
                "console": {"class": "logging.StreamHandler", "formatter": "default"},
            },
            "root": {"handlers": ["console"], "level": level},
            "loggers": {
                "sqlalchemy.engine": {"level": "WARNING"},
                "httpx": {"level": "WARNING"},
            },
        }
    )

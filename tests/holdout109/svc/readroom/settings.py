from __future__ import annotations

import logging.config
import os
from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="READROOM_", env_file=".env")

    environment: str = "production"
    database_url: str = "postgresql+asyncpg://readroom:readroom@db/readroom"
    sync_database_url: str = "postgresql+psycopg2://readroom:readroom@db/readroom"
    asyncpg_dsn: str = "postgresql://readroom:readroom@db/readroom"
    redis_url: str = "redis://redis:6379/0"

    db_pool_size: int = 20
    db_max_overflow: int = 10
    asyncpg_min_size: int = 2
    asyncpg_max_size: int = 10
    asyncpg_command_timeout: float = 10.0
    asyncpg_acquire_timeout: float = 5.0

    his_base_url: str = "https://his.internal/api"
    his_api_key: str = ""
    pacs_base_url: str = "https://pacs.internal/dicomweb"
    pacs_qido_timeout: float = 8.0
    speech_base_url: str = "https://speech.vendor.example/v2"
    speech_api_key: str = ""
    fax_base_url: str = "https://fax.vendor.example/api"
    fax_api_key: str = ""
    email_base_url: str = "https://mail.vendor.example/v3"
    email_api_key: str = ""
    pager_base_url: str = "https://pager.internal/api"

    jwt_secret: str = Field(default="change-me")
    jwt_algorithm: str = "HS256"
    jwt_ttl_seconds: int = 8 * 3600
    password_bcrypt_rounds: int = 13

    default_page_size: int = 50
    max_page_size: int = 200

    stat_tat_target_minutes: int = 60
    urgent_tat_target_minutes: int = 240
    routine_tat_target_minutes: int = 1440
    critical_ack_minutes: int = 15

    prefetch_lookback_years: int = 5
    prefetch_max_priors: int = 4
    distribution_max_attempts: int = 6
    audio_storage_dir: str = "/var/lib/readroom/audio"
    thumbnail_dir: str = "/var/lib/readroom/thumbs"
    dicom_spool_dir: str = "/var/spool/readroom/dicom"

    dictation_rate_per_minute: int = 30
    dictation_max_segment_seconds: int = 300
    after_hours_start: int = 19
    after_hours_end: int = 7
    teleradiology_pool: str = "general"
    contrast_egfr_threshold: float = 30.0
    readback_min_overlap: float = 0.3
    worklist_cache_seconds: int = 20


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def configure_logging() -> None:
    level = os.environ.get("READROOM_LOG_LEVEL", "INFO")
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {
                "json": {
                    "format": '{"ts":"%(asctime)s","lvl":"%(levelname)s","logger":"%(name)s","msg":"%(message)s"}'
                }
            },
            "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json"}},
            "root": {"level": level, "handlers": ["stdout"]},
        }
    )

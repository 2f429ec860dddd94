from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="EXAMS_", env_file=".env", extra="ignore")

    environment: str = "development"
    database_url: str = "postgresql+asyncpg://exams:exams@localhost:5432/exams"
    reports_dsn: str = "postgresql://exams_ro:exams@localhost:5432/exams"
    db_pool_size: int = 10
    db_max_overflow: int = 10
    db_pool_timeout: float = 10.0

    redis_url: str = "redis://localhost:6379/0"
    redis_socket_timeout: float = 5.0

    jwt_secret: str = Field(default="change-me", repr=False)
    jwt_algorithm: str = "HS256"
    jwt_ttl_seconds: int = 3600

    lms_base_url: str = "https://lms.example.edu/api/v1/"
    lms_client_id: str = "exams"
    lms_client_secret: str = Field(default="", repr=False)
    lms_token_url: str = "https://lms.example.edu/oauth/token"
    lms_timeout_seconds: float = 15.0

    plagiarism_base_url: str = "https://originality.example.com/v3"
    plagiarism_api_key: str = Field(default="", repr=False)
    plagiarism_min_words: int = 80

    storage_base_url: str = "https://objects.example.edu/exam-snapshots"
    storage_token: str = Field(default="", repr=False)
    snapshot_dir: str = "/var/lib/exams/snapshots"
    snapshot_max_bytes: int = 512_000
    snapshot_interval_seconds: int = 20

    grading_concurrency: int = 4
    grading_queue: str = "grading:jobs"
    export_batch_size: int = 200
    autosave_debounce_ms: int = 750

    proctor_max_connections: int = 40
    ws_idle_timeout: float = 45.0
    report_pdf_binary: str = "/usr/bin/wkhtmltopdf"


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()

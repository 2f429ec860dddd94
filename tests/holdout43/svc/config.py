"""Runtime configuration for the recruiting backend."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ATS_", env_file=".env", extra="ignore")

    env: str = "dev"
    database_url: str = "postgresql+asyncpg://ats:ats@localhost:5432/ats"
    raw_dsn: str = "postgresql://ats:ats@localhost:5432/ats"
    redis_url: str = "redis://localhost:6379/0"

    db_pool_size: int = 20
    db_max_overflow: int = 10
    db_pool_timeout: float = 10.0
    pg_min_size: int = 2
    pg_max_size: int = 15
    pg_acquire_timeout: float = 5.0
    pg_command_timeout: float = 15.0

    calendar_base_url: str = "https://calendar.example-api.com/v2"
    calendar_client_id: str = ""
    calendar_client_secret: str = ""
    parser_url: str = "https://parse.resumeparse.io/v1"
    parser_api_key: str = ""
    enrichment_url: str = "https://enrich.talentgraph.io"
    sms_account_sid: str = ""
    sms_auth_token: str = ""
    sms_from: str = "+15550000000"
    smtp_host: str = "localhost"
    smtp_port: int = 25
    mail_from: str = "talent@example.com"

    resume_dir: str = "/var/lib/ats/resumes"
    max_resume_bytes: int = 8 * 1024 * 1024
    ws_idle_timeout: float = 90.0
    ws_max_connections_per_user: int = 5
    reminder_interval_s: int = 60
    rollup_interval_s: int = 3600
    syndication_interval_s: int = 900
    job_boards: list[str] = Field(default_factory=lambda: ["indeed", "linkedin", "ziprecruiter"])
    jwt_secret: str = "change-me"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

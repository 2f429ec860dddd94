"""Runtime configuration loaded from the environment."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TELEMED_", env_file=".env", extra="ignore")

    environment: str = "dev"
    database_url: str = "postgresql+asyncpg://telemed:telemed@localhost:5432/telemed"
    audit_dsn: str = "postgresql://telemed:telemed@localhost:5432/telemed"
    reporting_dsn: str = "postgresql+asyncpg://reporting:reporting@localhost:5433/telemed"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    db_pool_timeout: float = 10.0

    redis_sentinels: list[tuple[str, int]] = Field(default_factory=lambda: [("localhost", 26379)])
    redis_service_name: str = "telemed"
    redis_socket_timeout: float = 2.0
    pubsub_redis_url: str = "redis://localhost:6379/3"

    insurance_base_url: str = "https://eligibility.partner.example/api/v2"
    insurance_api_key: str = ""
    video_base_url: str = "https://api.video-vendor.example/v1"
    video_api_key: str = ""
    email_base_url: str = "https://mail.example/api"
    email_api_key: str = ""
    sms_base_url: str = "https://sms.example/rest"
    sms_account: str = ""
    sms_token: str = ""
    cms_base_url: str = "https://cms.example/clinics"

    hold_ttl_seconds: int = 300
    reminder_lead_minutes: int = 60
    reminder_batch_size: int = 200
    summaries_dir: str = "data/summaries"
    waiting_room_max_connections: int = 200
    waiting_room_idle_seconds: float = 60.0
    token_secret: str = "change-me"


@lru_cache
def get_settings() -> Settings:
    return Settings()

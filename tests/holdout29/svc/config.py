"""Application settings, read from the environment."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

BASE_DIR = Path(__file__).resolve().parent
CERTIFICATE_TEMPLATE_DIR = BASE_DIR / "templates" / "certificates"
CERTIFICATE_KEY_PREFIX = "certificates"
UPLOAD_SPOOL_DIR = Path("/var/spool/lernwerk/uploads")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LERNWERK_", env_file=".env")

    environment: str = "production"
    public_base_url: str = "https://learn.example.com"

    database_url: str = "postgresql+asyncpg://lernwerk:lernwerk@db:5432/lernwerk"
    reporting_database_url: str = "postgresql+asyncpg://reporting:reporting@db-replica:5432/lernwerk"
    pg_dsn: str = "postgresql://lernwerk:lernwerk@db:5432/lernwerk"
    pg_pool_min: int = 2
    pg_pool_max: int = 10
    pg_acquire_timeout: float = 5.0
    pg_command_timeout: float = 15.0

    redis_sentinels: str = "sentinel-0:26379,sentinel-1:26379,sentinel-2:26379"
    redis_master_name: str = "lernwerk"
    redis_socket_timeout: float = 2.0
    chat_redis_host: str = "chat-redis"
    chat_redis_port: int = 6379

    media_api_url: str = "https://api.mediaforge.io/v2"
    media_api_key: str = ""
    media_callback_secret: str = ""

    payments_api_url: str = "https://api.paystream.com/v1"
    payments_api_key: str = ""
    payments_webhook_secret: str = ""

    recommender_url: str = "http://recommender.internal:8080"
    mailer_url: str = "https://mail.internal/api/send"
    mailer_token: str = ""
    lti_grade_endpoint: str = "https://lms.partner.edu/lti/grades"
    jwks_url: str = "https://auth.example.com/.well-known/jwks.json"
    jwt_audience: str = "lernwerk-api"

    ws_idle_timeout: float = 60.0
    ws_max_connections_per_room: int = 500
    ws_max_message_bytes: int = 4096
    quiz_submissions_per_minute: int = 6
    reminder_inactivity_days: int = 7
    certificate_signing_salt: str = "change-me"

    def sentinel_hosts(self) -> list[tuple[str, int]]:
        hosts: list[tuple[str, int]] = []
        for item in self.redis_sentinels.split(","):
            host, _, port = item.strip().partition(":")
            hosts.append((host, int(port or 26379)))
        return hosts


@lru_cache
def get_settings() -> Settings:
    return Settings()

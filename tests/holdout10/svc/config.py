"""Application settings loaded from the environment."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SIGNFLOW_", env_file=".env", extra="ignore")

    database_url: str = "postgresql+asyncpg://signflow:signflow@localhost:5432/signflow"
    pg_dsn: str = "postgresql://signflow:signflow@localhost:5432/signflow"
    pg_pool_min: int = 2
    pg_pool_max: int = 10
    pg_acquire_timeout: float = 5.0

    redis_sentinels: list[tuple[str, int]] = Field(default_factory=lambda: [("localhost", 26379)])
    redis_service_name: str = "signflow"
    redis_socket_timeout: float = 2.0
    realtime_redis_url: str = "redis://localhost:6380/0"

    email_api_url: str = "https://api.postmarkapp.com"
    email_api_token: str = ""
    email_from: str = "Signflow <no-reply@signflow.example>"
    sms_api_url: str = "https://api.twilio.com/2010-04-01"
    sms_account_sid: str = ""
    sms_auth_token: str = ""
    sms_from_number: str = ""
    renderer_url: str = "http://renderer.internal:8080"
    geoip_url: str = "http://geoip.internal:8081"

    signing_base_url: str = "https://sign.signflow.example"
    upload_spool_dir: str = "/var/lib/signflow/documents"
    max_upload_bytes: int = 25 * 1024 * 1024
    envelope_ttl_days: int = 30
    reminder_interval_hours: int = 48
    monthly_envelope_quota: int = 500
    api_rate_limit_per_minute: int = 600
    otp_max_attempts: int = 5
    webhook_max_attempts: int = 8
    ws_max_connections_per_envelope: int = 20
    ws_idle_timeout: float = 60.0
    support_token: str = ""


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


settings = get_settings()

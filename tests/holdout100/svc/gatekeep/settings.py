from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GATEKEEP_", env_file=".env", extra="ignore")

    environment: str = "dev"
    database_url: str = "postgresql+asyncpg://gatekeep:gatekeep@localhost:5432/gatekeep"
    asyncpg_dsn: str = "postgresql://gatekeep:gatekeep@localhost:5432/gatekeep"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    redis_url: str = "redis://localhost:6379/0"

    mqtt_host: str = "localhost"
    mqtt_port: int = 1883
    mqtt_username: str = ""
    mqtt_password: str = ""
    mqtt_topic_prefix: str = "gatekeep/ctrl"

    controller_api_base: str = "https://controllers.vendor.example/api/v2"
    controller_api_key: str = ""
    controller_push_concurrency: int = 16

    sms_api_base: str = "https://api.sms-provider.example/v1"
    sms_api_key: str = ""
    sms_sender: str = "GATEKEEP"
    email_api_base: str = "https://api.mail-provider.example/v3"
    email_api_key: str = ""
    email_from: str = "visitors@campus.example"

    pager_webhook_url: str = "https://events.pager.example/v2/enqueue"
    pager_routing_key: str = ""

    directory_url: str = "https://hr-directory.internal.example"
    directory_token: str = ""

    s3_bucket: str = "gatekeep-kiosk-photos"
    s3_endpoint: str = "https://s3.eu-central-1.amazonaws.com"
    s3_region: str = "eu-central-1"
    photo_max_px: int = 1600
    photo_scratch_dir: str | None = None

    pin_iterations: int = 600_000
    event_stream: str = "gatekeep:events"
    event_group: str = "ingest"
    event_batch_max: int = 5_000
    ingest_hmac_key: str = "change-me"

    credential_sync_interval: float = 30.0
    badge_expiry_interval: float = 300.0
    report_recipients: list[str] = Field(default_factory=list)
    console_max_connections: int = 200
    kiosk_uploads_per_minute: int = 30
    jwt_secret: str = "change-me"
    jwt_audience: str = "gatekeep"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

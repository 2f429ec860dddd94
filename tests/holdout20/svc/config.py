"""Runtime settings for the helpdesk service."""
from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HELPDESK_", env_file=".env", extra="ignore")

    environment: str = "production"

    database_dsn: str = "postgresql://helpdesk@postgres:5432/helpdesk"
    sqlalchemy_url: str = "postgresql+asyncpg://helpdesk@postgres:5432/helpdesk"
    db_pool_min_size: int = 2
    db_pool_max_size: int = 10
    db_connect_timeout: float = 10.0
    db_acquire_timeout: float = 5.0
    db_command_timeout: float = 15.0

    redis_sentinels: list[tuple[str, int]] = Field(default_factory=lambda: [("redis-sentinel", 26379)])
    redis_service_name: str = "helpdesk-primary"
    redis_socket_timeout: float = 1.0
    presence_redis_host: str = "presence-redis"
    presence_redis_port: int = 6379

    search_url: str = "http://search:9200"
    search_index: str = "tickets"
    storage_endpoint: str = "http://object-store:9000"
    storage_bucket: str = "helpdesk-attachments"
    storage_region: str = "us-east-1"
    llm_base_url: str = "https://llm-gateway.internal"
    llm_api_key: str = ""
    llm_model: str = "support-assist-v3"
    mail_relay_url: str = "http://mail-relay.internal"
    inbound_signing_secret: str = ""
    spool_dir: str = "/var/spool/helpdesk/inbound"
    runbook_path: str = "/etc/helpdesk/RUNBOOK.md"

    max_attachment_bytes: int = 25 * 1024 * 1024
    max_inbound_bytes: int = 40 * 1024 * 1024
    ws_idle_timeout: float = 60.0
    ws_max_connections: int = 2000
    ws_max_message_bytes: int = 8192
    escalation_interval_seconds: float = 30.0
    digest_interval_seconds: float = 3600.0
    request_timeout_seconds: float = 20.0


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

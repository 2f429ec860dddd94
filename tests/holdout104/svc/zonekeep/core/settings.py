from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ZONEKEEP_", env_file=".env")

    environment: str = "production"
    database_url: str = "postgresql+asyncpg://zonekeep@localhost/zonekeep"
    raw_database_dsn: str = "postgresql://zonekeep@localhost/zonekeep"
    redis_url: str = "redis://localhost:6379/0"

    registry_epp_host: str = "epp.registry.example"
    registry_epp_port: int = 700
    registry_rest_url: str = "https://api.registry.example/v2"
    registry_client_id: str = "zonekeep"
    registry_password: str = Field(default="", repr=False)

    acme_directory_url: str = "https://acme-v02.api.letsencrypt.org/directory"
    acme_account_key_path: str = "/etc/zonekeep/acme/account.pem"
    dnssec_key_dir: str = "/var/lib/zonekeep/keys"
    zone_export_dir: str = "/var/lib/zonekeep/exports"

    nameserver_nodes: list[str] = ["https://ns1.zonekeep.net:8053", "https://ns2.zonekeep.net:8053"]
    nameserver_api_token: str = Field(default="", repr=False)

    mail_api_url: str = "https://mail.internal/send"
    webhook_signing_secret: str = Field(default="", repr=False)

    jwt_secret: str = Field(default="change-me", repr=False)
    token_ttl_seconds: int = 3600

    min_ttl: int = 60
    max_ttl: int = 86400
    grace_days: int = 30
    reminder_days: tuple[int, ...] = (60, 30, 7, 1)
    max_records_per_zone: int = 5000

    push_max_attempts: int = 8
    worker_batch_size: int = 50
    cert_renew_before_days: int = 30


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

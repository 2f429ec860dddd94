from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BOXOFFICE_", env_file=".env")

    environment: str = "dev"
    database_url: str = "postgresql+asyncpg://boxoffice:boxoffice@localhost:5432/boxoffice"
    pg_dsn: str = "postgresql://boxoffice:boxoffice@localhost:5432/boxoffice"
    redis_url: str = "redis://localhost:6379/0"

    jwt_secret: str = "change-me"
    ticket_signing_key: str = "change-me-too"

    payments_base_url: str = "https://api.paystream.example/v1"
    payments_api_key: str = ""
    payments_webhook_secret: str = ""
    captcha_secret: str = ""
    promoter_webhook_secret: str = ""
    payouts_base_url: str = "https://payouts.paystream.example/v1"
    fraud_base_url: str = "https://risk.shieldline.example"
    fraud_api_key: str = ""
    fx_base_url: str = "https://fx.example/api"
    email_api_url: str = "https://mail.example/v3/send"
    email_api_key: str = ""
    smtp_host: str = "smtp.internal"
    smtp_port: int = 25
    sms_api_url: str = "https://sms.example/messages"
    sms_api_key: str = ""

    hold_ttl_seconds: int = 480
    max_seats_per_hold: int = 10
    waitlist_offer_minutes: int = 30
    platform_fee_rate: float = 0.08
    statements_dir: str = "/var/lib/boxoffice/statements"
    venue_assets_dir: str = "/var/lib/boxoffice/venues"


@lru_cache(maxsize=None)
def get_settings() -> Settings:
    return Settings()

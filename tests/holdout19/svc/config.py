from __future__ import annotations

from functools import lru_cache
from typing import Final

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

SUPPORTED_CURRENCIES: Final = frozenset({"EUR", "USD", "GBP", "CHF", "PLN", "SEK"})
BASE_CURRENCY: Final = "EUR"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PAYSVC_", env_file=".env")

    environment: str = "production"
    jwt_secret: str = "change-me"
    jwt_audience: str = "paysvc"
    request_timeout_s: float = 20.0

    database_dsn: str = "postgresql://paysvc@db:5432/paysvc"
    sqlalchemy_url: str = "postgresql+asyncpg://paysvc@db:5432/paysvc"
    reporting_db_url: str = "postgresql+asyncpg://reporting@db-replica:5432/paysvc"
    db_pool_min: int = 5
    db_pool_max: int = 20
    db_connect_timeout: float = 10.0
    db_acquire_timeout: float = 5.0
    db_command_timeout: float = 15.0

    redis_sentinels: list[tuple[str, int]] = Field(
        default_factory=lambda: [("sentinel-0", 26379), ("sentinel-1", 26379), ("sentinel-2", 26379)]
    )
    redis_service_name: str = "paysvc-cache"
    redis_socket_timeout: float = 2.0
    idempotency_redis_url: str = "redis://idempotency:6379/0"
    ratelimit_redis_url: str = "redis://ratelimit:6379/0"

    kyc_base_url: str = "https://api.kyc-provider.example/v2"
    kyc_api_key: str = ""
    kyc_webhook_secret_path: str = "/run/secrets/kyc_webhook_secret"
    sanctions_base_url: str = "https://screening.example.com/api"
    sanctions_api_key: str = ""
    card_issuer_base_url: str = "https://issuing.example.com/api/"
    card_issuer_api_key: str = ""
    card_webhook_secret_path: str = "/run/secrets/card_webhook_secret"
    fx_base_url: str = "https://rates.fx-provider.example"
    fx_api_key: str = ""
    push_gateway_url: str = "https://push.example.com/v1/send"
    push_api_key: str = ""

    statement_dir: str = "/var/lib/paysvc/statements"
    fee_schedule_path: str = "/etc/paysvc/fees.json"
    statement_interval_s: int = 3600
    fx_refresh_interval_s: int = 60
    presence_idle_s: int = 300
    max_ws_connections_per_user: int = 5
    transfer_daily_limit_minor: int = 500_000


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

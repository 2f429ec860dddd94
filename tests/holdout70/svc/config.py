from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class ProviderSettings(BaseSettings):
    name: str
    base_url: str
    api_key: str = ""
    poll_interval_s: float = 2.0
    weight: int = 1


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SB_", env_file=".env", extra="ignore")

    env: str = "dev"
    database_url: str = "postgresql+asyncpg://sb:sb@localhost:5432/sportsbook"
    pg_dsn: str = "postgresql://sb:sb@localhost:5432/sportsbook"
    reporting_dsn: str = "postgresql+asyncpg://report:report@replica:5432/sportsbook"
    redis_url: str = "redis://localhost:6379/0"

    db_pool_size: int = 20
    db_max_overflow: int = 10
    pg_pool_min: int = 5
    pg_pool_max: int = 30

    wallet_url: str = "http://wallet.internal:8080"
    wallet_api_key: str = ""
    trading_url: str = "http://trading.internal:9000"
    crm_url: str = "http://crm.internal:8000"

    betgenius_url: str = "https://api.betgenius.example/v3"
    betgenius_key: str = ""
    sportradar_url: str = "https://feeds.sportradar.example/odds"
    sportradar_client_id: str = ""
    sportradar_secret: str = ""

    partner_keys_dir: str = "/etc/sportsbook/partners"
    export_dir: str = "/var/lib/sportsbook/exports"

    max_stake_default: float = 5000.0
    min_stake_default: float = 0.10
    cashout_margin: float = 0.05
    ws_max_connections: int = 20_000
    ws_idle_timeout_s: float = 45.0
    jwt_secret: str = Field(default="dev-secret", repr=False)

    feature_flags: dict[str, bool] = {}


SPORTS = ("football", "tennis", "basketball", "ice_hockey", "baseball", "esports")


def _load_flags_file() -> dict[str, bool]:
    path = Path(os.environ.get("SB_FLAGS_FILE", "/etc/sportsbook/flags.json"))
    if not path.exists():
        return {}
    with path.open() as fh:
        return json.load(fh)


@lru_cache
def get_settings() -> Settings:
    settings = Settings()
    settings.feature_flags.update(_load_flags_file())
    return settings

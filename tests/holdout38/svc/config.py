from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TELEHEALTH_", env_file=".env")

    environment: str = "development"
    database_url: str = "postgresql+asyncpg://clinic:clinic@localhost:5432/clinic"
    raw_dsn: str = "postgresql://clinic:clinic@localhost:5432/clinic"
    db_pool_size: int = 10
    db_max_overflow: int = 5
    redis_url: str = "redis://localhost:6379/0"

    jwt_secret: str = Field(default="change-me", repr=False)
    jwt_algorithm: str = "HS256"
    access_token_minutes: int = 30

    pharmacy_base_url: str = "https://erx.pharmanet.example/api/v2"
    pharmacy_api_key: str = Field(default="", repr=False)
    pharmacy_directory_url: str = "https://directory.pharmanet.example"
    eligibility_base_url: str = "https://edi.payerhub.example"
    eligibility_api_key: str = Field(default="", repr=False)
    claims_base_url: str = "https://claims.payerhub.example"
    sms_base_url: str = "https://sms.notify.example/v1"
    sms_api_key: str = Field(default="", repr=False)

    slot_hold_seconds: int = 300
    reminder_lead_minutes: int = 60
    claims_batch_size: int = 50
    ws_idle_seconds: int = 45
    max_room_participants: int = 4


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()


DEFAULT_FLAGS = MappingProxyType(
    {
        "erx_enabled": True,
        "eligibility_required": False,
        "sms_reminders": True,
    }
)

FEATURE_FLAGS: dict[str, bool] = dict(DEFAULT_FLAGS)


def is_enabled(name: str) -> bool:
    return FEATURE_FLAGS.get(name, False)


def set_flag(name: str, value: bool) -> None:
    FEATURE_FLAGS[name] = value

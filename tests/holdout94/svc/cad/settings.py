from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CAD_", env_file=".env", extra="ignore")

    environment: str = "production"
    database_url: str = "postgresql+asyncpg://cad:cad@db.internal/cad"
    asyncpg_dsn: str = "postgresql://cad:cad@db.internal/cad"
    db_pool_size: int = 20
    db_max_overflow: int = 10
    avl_pool_min: int = 4
    avl_pool_max: int = 16
    redis_url: str = "redis://redis.internal:6379/0"

    geocoder_url: str = "https://addr-verify.county.example.gov/v2"
    geocoder_api_key: str = ""
    routing_url: str = "https://routing.county.example.gov"
    mutual_aid_url: str = "https://cad.neighbor-county.example.gov/api/mutual-aid"
    mutual_aid_client_id: str = ""
    mutual_aid_client_secret: str = ""
    hospital_feed_url: str = "https://ems-region.example.org/diversion/v1"
    paging_url: str = "https://paging.example.com/api"
    paging_api_key: str = ""
    telephony_secret: str = ""
    telephony_callback_url: str = "https://ng911-gw.county.example.gov/callbacks"

    county_fips: str = "06085"
    agency_ori: str = "CA0430000"
    export_dir: str = "var/exports"
    ack_deadline_seconds: int = 60
    stale_avl_seconds: int = 120
    avl_retention_days: int = 30
    console_queue_size: int = 500
    mdt_pin_iterations: int = 310_000
    webhook_rate_per_minute: int = 600
    jwt_secret: str = "change-me"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

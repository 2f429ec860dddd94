"""Runtime settings, read once from the environment."""
from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FIT_", env_file=".env", extra="ignore")

    environment: str = "production"
    jwt_secret: str = ""
    service_name: str = "fit-booking"

    database_url: str = "postgresql://fit:fit@localhost:5432/fit"
    sqlalchemy_url: str = "postgresql+asyncpg://fit:fit@localhost:5432/fit"
    db_pool_min: int = 5
    db_pool_max: int = 20
    db_connect_timeout: float = 10.0
    db_acquire_timeout: float = 5.0
    db_command_timeout: float = 15.0

    redis_sentinels: list[tuple[str, int]] = [
        ("redis-sentinel-0", 26379),
        ("redis-sentinel-1", 26379),
        ("redis-sentinel-2", 26379),
    ]
    redis_master_name: str = "fit-main"
    redis_socket_timeout: float = 2.0
    leaderboard_redis_url: str = "redis://leaderboard-redis:6379/0"
    notify_redis_url: str = "redis://notify-redis:6379/2"

    payments_base_url: str = "https://api.paystream.example/v2"
    payments_api_key: str = ""
    payments_webhook_secret: str = ""
    wearables_base_url: str = "https://partner.pulsebands.example/api/"
    wearables_client_token: str = ""
    push_base_url: str = "https://push.notifyhub.example"
    push_api_key: str = ""
    email_base_url: str = "https://mail.postbird.example/v3"
    email_api_key: str = ""
    crm_base_url: str = "https://crm.legacy-fitcorp.example"
    profiles_base_url: str = "http://instructor-directory.internal"
    reports_upload_url: str = "https://storage.fitcorp.example/reports"

    waiver_dir: str = "/var/lib/fit/waivers"
    report_dir: str = "/var/lib/fit/reports"
    report_recipient_key: str = "reports@fitcorp.example"
    churn_window_days: int = 30
    waitlist_hold_minutes: int = 15
    promoter_interval_seconds: float = 30.0
    max_viewers_per_class: int = 250
    push_fanout_concurrency: int = 20
    login_attempts_per_minute: int = 5


FEATURE_FLAGS: dict[str, bool] = {
    "waitlist_auto_promote": True,
    "wearable_vendor_sync": True,
    "promo_codes": True,
}


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()

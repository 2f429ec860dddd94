from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="STREAMHUB_", env_file=".env")

    database_dsn: str = "postgresql://streamhub:streamhub@pg-primary:5432/streamhub"
    orm_dsn: str = "postgresql+asyncpg://streamhub:streamhub@pg-primary:5432/streamhub"
    analytics_dsn: str = "postgresql+asyncpg://analytics:analytics@pg-analytics:5432/analytics"
    db_pool_min: int = 5
    db_pool_max: int = 20
    db_connect_timeout: float = 10.0
    db_acquire_timeout: float = 5.0
    db_command_timeout: float = 15.0

    redis_url: str = "redis://redis:6379/0"
    redis_sentinels: list[tuple[str, int]] = [("sentinel-0", 26379), ("sentinel-1", 26379), ("sentinel-2", 26379)]
    redis_master_name: str = "streamhub-cache"
    redis_socket_timeout: float = 2.0
    chat_redis_host: str = "chat-redis"
    chat_redis_port: int = 6379

    payments_base_url: str = "https://api.payments.example.com"
    payments_api_key: str = ""
    recommendations_url: str = "http://recommendations.internal:8080"
    transcoder_url: str = "http://transcoder.internal:9000"
    moderation_ml_url: str = "http://moderation-ml.internal:8000"
    push_url: str = "http://push-gateway.internal:7000"

    storage_bucket: str = "streamhub-media"
    cdn_base_url: str = "https://cdn.streamhub.example.com"
    manifest_template_path: str = "/etc/streamhub/master.m3u8.tmpl"
    captions_dir: str = "/var/lib/streamhub/captions"
    upload_scratch_dir: str = "/var/lib/streamhub/uploads"
    webhook_signing_secret: str = ""

    chat_max_message_bytes: int = 2_000
    chat_idle_timeout_s: float = 90.0
    chat_max_connections_per_room: int = 5_000
    chat_messages_per_10s: int = 8
    api_requests_per_minute: int = 600
    payout_min_cents: int = 1_000
    payout_interval_s: int = 3_600
    entitlement_ttl_s: int = 300
    notify_concurrency: int = 50


@lru_cache
def get_settings() -> Settings:
    return Settings()

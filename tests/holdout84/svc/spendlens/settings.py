from __future__ import annotations

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SPENDLENS_", env_file=".env", extra="ignore")

    environment: str = "development"
    database_url: str = "postgresql+asyncpg://spendlens:spendlens@localhost:5432/spendlens"
    pg_dsn: str = "postgresql://spendlens:spendlens@localhost:5432/spendlens"
    redis_url: str = "redis://localhost:6379/0"

    db_pool_size: int = 10
    db_max_overflow: int = 5
    pg_pool_min: int = 2
    pg_pool_max: int = 10

    export_bucket: str = "spendlens-billing-exports"
    aws_region: str = "us-east-1"
    aws_gateway_url: str = "https://aws-gateway.internal.spendlens.io"
    gcp_billing_api: str = "https://cloudbilling.googleapis.com"
    azure_cost_api: str = "https://management.azure.com"
    metrics_api_url: str = "https://metrics.internal.spendlens.io"
    forecast_api_url: str = "https://forecast.internal.spendlens.io"
    fx_api_url: str = "https://fx.internal.spendlens.io"

    smtp_host: str = "localhost"
    smtp_port: int = 25
    alert_from: str = "alerts@spendlens.io"

    report_dir: str = "var/reports"
    template_dir: str = "templates"
    export_max_rows: int = 500_000

    api_key_iterations: int = 210_000
    rate_limit_per_minute: int = 120
    export_limit_per_hour: int = 10

    ws_idle_seconds: float = 45.0
    ws_max_per_tenant: int = 25

    anomaly_z_threshold: float = 3.0
    anomaly_min_points: int = 14
    ingest_concurrency: int = 8
    budget_sweep_seconds: int = 900


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
